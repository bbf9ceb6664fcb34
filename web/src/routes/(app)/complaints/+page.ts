import { error } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'
import { m } from '$lib/paraglide/messages.js'
import { deskOrgs, stewardshipOrgs } from '$lib/stewardship/access.ts'

export async function load({ parent, fetch, url, depends }) {
  depends('app:complaints')
  const { me } = await parent()
  if (stewardshipOrgs(me).length === 0) error(403, { message: m.forbidden_body(), code: 'forbidden' })
  const status = url.searchParams.get('status') ?? ''
  const overdue = url.searchParams.get('overdue') === '1'
  const openId = url.searchParams.get('open')
  const page = await unwrap(
    api.GET('/api/complaints', {
      fetch,
      params: {
        query: {
          limit: 100,
          ...(status ? { status: status as 'open' } : {}),
          ...(overdue ? { overdue: true } : {}),
        },
      },
    }),
  )
  const detail = openId
    ? await unwrap(api.GET('/api/complaints/{id}', { fetch, params: { path: { id: openId } } })).catch(
        () => null,
      )
    : null
  // Desk members assign to their organization's staff (any role but the auditor's).
  const desk = deskOrgs(me)
  const members =
    detail && desk.some((o) => o.orgId === detail.orgId)
      ? (
          await unwrap(
            api.GET('/api/organizations/{id}/members', { fetch, params: { path: { id: detail.orgId } } }),
          )
        ).items.filter((x) => x.role !== 'auditor')
      : []
  return {
    complaints: page.items,
    total: page.total,
    status,
    overdue,
    detail,
    members,
    deskOrgIds: desk.map((o) => o.orgId),
  }
}
