import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'

export async function load({ fetch, params, depends }) {
  depends('app:incident')
  return {
    incident: await unwrap(api.GET('/api/incidents/{id}', { fetch, params: { path: { id: params.id } } })),
  }
}
