import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'
import { recipientCategories } from '$lib/labels.ts'
import { agencyOrgs, pickOrg } from '$lib/marketplace/access.ts'

const LIMIT = 20
type Category = (typeof recipientCategories)[number]
const statuses = ['active', 'inactive', 'archived', 'erased'] as const
type Status = (typeof statuses)[number]

export async function load({ parent, url, depends }) {
  depends('app:recipients')
  const { me } = await parent()
  const orgs = agencyOrgs(me)
  const org = pickOrg(orgs, url.searchParams.get('org'))!
  const q = url.searchParams
  const filters: {
    code: string
    phoneLast4: string
    category: Category | undefined
    status: Status | undefined
  } = {
    code: q.get('code')?.trim() ?? '',
    phoneLast4: /^\d{4}$/.test(q.get('phoneLast4') ?? '') ? (q.get('phoneLast4') as string) : '',
    category: recipientCategories.includes(q.get('category') as Category)
      ? (q.get('category') as Category)
      : undefined,
    status: statuses.includes(q.get('status') as Status) ? (q.get('status') as Status) : undefined,
  }
  const offset = Math.max(0, Number(q.get('offset')) || 0)
  const page = await unwrap(
    api.GET('/api/organizations/{id}/recipients', {
      params: {
        path: { id: org.orgId },
        query: {
          limit: LIMIT,
          offset,
          ...(filters.code ? { code: filters.code } : {}),
          ...(filters.phoneLast4 ? { phoneLast4: filters.phoneLast4 } : {}),
          ...(filters.category ? { category: filters.category } : {}),
          ...(filters.status ? { status: filters.status } : {}),
        },
      },
    }),
  )
  return { org, orgs, filters, page }
}
