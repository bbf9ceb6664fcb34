import { error } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'
import { m } from '$lib/paraglide/messages.js'
import { stewardshipOrgs } from '$lib/stewardship/access.ts'

export async function load({ parent, fetch, url, depends }) {
  depends('app:incidents')
  const { me } = await parent()
  const orgs = stewardshipOrgs(me)
  if (orgs.length === 0) error(403, { message: m.forbidden_body(), code: 'forbidden' })
  const status =
    url.searchParams.get('status') === 'closed'
      ? 'closed'
      : url.searchParams.get('status') === 'all'
        ? undefined
        : 'open'
  const page = await unwrap(
    api.GET('/api/incidents', { fetch, params: { query: { limit: 100, ...(status ? { status } : {}) } } }),
  )
  return { incidents: page.items, total: page.total, status: status ?? 'all', orgs }
}
