import { error } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'
import { m } from '$lib/paraglide/messages.js'
import { deskOrgs, supervisorOrgs } from '$lib/stewardship/access.ts'

export async function load({ parent, fetch, url, depends }) {
  depends('app:supervision')
  const { me } = await parent()
  // Supervisors supervise; supervisors and admins keep qualifications.
  const orgs = deskOrgs(me)
  if (orgs.length === 0) error(403, { message: m.forbidden_body(), code: 'forbidden' })
  const org = orgs.find((o) => o.orgId === url.searchParams.get('org')) ?? orgs[0]!
  const supervises = supervisorOrgs(me).some((o) => o.orgId === org.orgId)
  const path = { id: org.orgId }
  const [workers, records] = await Promise.all([
    unwrap(api.GET('/api/organizations/{id}/workers', { fetch, params: { path } })),
    supervises
      ? unwrap(api.GET('/api/organizations/{id}/supervision', { fetch, params: { path, query: {} } }))
      : Promise.resolve({ items: [] }),
  ])
  return { orgs, org, supervises, me, workers: workers.items, records: records.items }
}
