import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'

export async function load({ parent, fetch, depends }) {
  depends('app:signups')
  const { profile } = await parent()
  if (!profile) return { signups: [] }
  const page = await unwrap(api.GET('/api/me/signups', { fetch, params: { query: { limit: 100 } } }))
  return { signups: page.items }
}
