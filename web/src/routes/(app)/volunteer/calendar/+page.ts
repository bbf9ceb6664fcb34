import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'

export async function load({ parent, fetch, depends }) {
  depends('app:calendar')
  const { profile } = await parent()
  if (!profile) return { feed: null }
  return { feed: await unwrap(api.GET('/api/me/calendar-feed', { fetch })) }
}
