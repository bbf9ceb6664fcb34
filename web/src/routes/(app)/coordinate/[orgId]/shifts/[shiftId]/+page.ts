import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'

export async function load({ params, fetch }) {
  const shift = await unwrap(api.GET('/api/shifts/{id}', { fetch, params: { path: { id: params.shiftId } } }))
  return { shift }
}
