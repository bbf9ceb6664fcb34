import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'

export async function load({ parent, fetch }) {
  const { profile } = await parent()
  if (!profile) return { totals: null, signups: [] }
  const [totals, signups] = await Promise.all([
    unwrap(api.GET('/api/me/totals', { fetch })),
    unwrap(api.GET('/api/me/signups', { fetch, params: { query: { limit: 50 } } })),
  ])
  return { totals, signups: signups.items }
}
