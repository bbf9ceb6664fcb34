import { error } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'
import { needCategories } from '$lib/labels.ts'
import { agencyOrgs, pickOrg } from '$lib/marketplace/access.ts'
import { needStatuses } from '$lib/marketplace/labels.ts'
import { m } from '$lib/paraglide/messages.js'

const LIMIT = 20
type Status = (typeof needStatuses)[number]
type Category = (typeof needCategories)[number]

export async function load({ parent, url, depends }) {
  depends('app:needs')
  const { me } = await parent()
  const orgs = agencyOrgs(me)
  if (orgs.length === 0) error(403, { message: m.forbidden_body(), code: 'forbidden' })
  const org = pickOrg(orgs, url.searchParams.get('org'))!
  const q = url.searchParams
  const status = needStatuses.includes(q.get('status') as Status) ? (q.get('status') as Status) : ''
  const category = needCategories.includes(q.get('category') as Category)
    ? (q.get('category') as Category)
    : ''
  const offset = Math.max(0, Number(q.get('offset')) || 0)
  const page = await unwrap(
    api.GET('/api/organizations/{id}/needs', {
      params: {
        path: { id: org.orgId },
        query: { limit: LIMIT, offset, ...(status ? { status } : {}), ...(category ? { category } : {}) },
      },
    }),
  )
  return { org, orgs, status, category, page }
}
