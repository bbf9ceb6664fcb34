import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'

export async function load({ fetch, depends }) {
  depends('app:supervision-mine')
  return unwrap(api.GET('/api/supervision/mine', { fetch }))
}
