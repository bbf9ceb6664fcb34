import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'
import { agencyOrgs, pickOrg } from '$lib/marketplace/access.ts'

const LIMIT = 20
const statuses = ['open', 'done', 'scheduled', 'refused'] as const
type Status = (typeof statuses)[number]

/** The agency's register of recipients' data requests: open ones first by due date. */
export async function load({ parent, url }) {
  const { me } = await parent()
  const orgs = agencyOrgs(me)
  const org = pickOrg(orgs, url.searchParams.get('org'))!
  const q = url.searchParams
  const status = statuses.includes(q.get('status') as Status) ? (q.get('status') as Status) : undefined
  const overdue = q.get('overdue') === 'true'
  const offset = Math.max(0, Number(q.get('offset')) || 0)
  const page = await unwrap(
    api.GET('/api/organizations/{id}/recipient-requests', {
      params: {
        path: { id: org.orgId },
        query: { limit: LIMIT, offset, ...(status ? { status } : {}), ...(overdue ? { overdue: true } : {}) },
      },
    }),
  )
  return { org, orgs, filters: { status, overdue }, page, statuses }
}
