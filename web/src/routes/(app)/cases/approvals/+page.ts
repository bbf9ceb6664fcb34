import { error } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { toApiError, unwrap } from '$lib/api/errors.ts'
import { approverOrgs } from '$lib/cases/access.ts'
import { pickOrg } from '$lib/marketplace/access.ts'
import { m } from '$lib/paraglide/messages.js'

export async function load({ parent, url, depends }) {
  depends('app:case-approvals')
  const { me } = await parent()
  const orgs = approverOrgs(me)
  const org = pickOrg(orgs, url.searchParams.get('org'))
  if (!org) error(403, { message: m.forbidden_body(), code: 'forbidden' })
  try {
    const items = await unwrap(
      api.GET('/api/organizations/{id}/case-approvals', { params: { path: { id: org.orgId } } }),
    )
    return { orgs, org, items }
  } catch (e) {
    const failure = toApiError(e)
    error(failure.status || 500, { message: failure.message, code: failure.code })
  }
}
