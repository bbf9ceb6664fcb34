import { error } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'
import { m } from '$lib/paraglide/messages.js'
import { deskOrgs, stewardshipOrgs } from '$lib/stewardship/access.ts'

export async function load({ parent, fetch, url, depends }) {
  depends('app:preparedness')
  const { me } = await parent()
  const orgs = stewardshipOrgs(me)
  if (orgs.length === 0) error(403, { message: m.forbidden_body(), code: 'forbidden' })
  const org = orgs.find((o) => o.orgId === url.searchParams.get('org')) ?? orgs[0]!
  const path = { id: org.orgId }
  const [plans, drills] = await Promise.all([
    unwrap(api.GET('/api/organizations/{id}/emergency-plans', { fetch, params: { path } })),
    unwrap(api.GET('/api/organizations/{id}/emergency-drills', { fetch, params: { path } })),
  ])
  return {
    orgs,
    org,
    manages: deskOrgs(me).some((o) => o.orgId === org.orgId),
    plans: plans.items,
    drills: drills.items,
  }
}
