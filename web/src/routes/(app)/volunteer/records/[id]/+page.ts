import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'

// An approval notice links here.
export async function load({ params, fetch, depends }) {
  depends('app:record')
  return unwrap(api.GET('/api/me/service-records/{id}', { fetch, params: { path: { id: params.id } } }))
}
