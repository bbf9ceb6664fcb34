import { error } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { toApiError, unwrap } from '$lib/api/errors.ts'
import { keepsIn, readsArchives } from '$lib/archives/access.ts'
import { m } from '$lib/paraglide/messages.js'

export async function load({ parent, url, fetch, depends }) {
  depends('app:archive-retention')
  const { me } = await parent()
  if (!readsArchives(me)) error(403, { message: m.forbidden_body(), code: 'forbidden' })
  try {
    const orgs = await unwrap(api.GET('/api/archives/organizations', { fetch }))
    const org = orgs.find((o) => o.id === url.searchParams.get('org')) ?? orgs[0]
    if (!org) error(403, { message: m.forbidden_body(), code: 'forbidden' })
    const rows = await unwrap(
      api.GET('/api/orgs/{id}/archive-retention', { fetch, params: { path: { id: org.id } } }),
    )
    return { orgs, org, rows, keeps: keepsIn(me, org.id) }
  } catch (e) {
    const failure = toApiError(e)
    error(failure.status || 500, { message: failure.message, code: failure.code })
  }
}
