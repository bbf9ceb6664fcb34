import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'
import { needCategories } from '$lib/labels.ts'
import { partnerOrgs, pickOrg } from '$lib/marketplace/access.ts'

const LIMIT = 20
type Category = (typeof needCategories)[number]

export async function load({ parent, url, depends }) {
  depends('app:open-needs')
  const { me } = await parent()
  const orgs = partnerOrgs(me)
  const org = pickOrg(orgs, url.searchParams.get('org'))!
  const asked = url.searchParams.get('category')
  const category = needCategories.includes(asked as Category) ? (asked as Category) : ''
  const offset = Math.max(0, Number(url.searchParams.get('offset')) || 0)
  const page = await unwrap(
    api.GET('/api/organizations/{id}/fitting-needs', {
      params: { path: { id: org.orgId }, query: { limit: LIMIT, offset, ...(category ? { category } : {}) } },
    }),
  )
  return { org, orgs, category, page }
}
