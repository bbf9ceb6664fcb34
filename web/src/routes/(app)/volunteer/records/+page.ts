import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'
import type { ServiceRecord } from '$lib/api/volunteer-types.ts'

export async function load({ parent, fetch, depends }) {
  depends('app:records')
  const { profile } = await parent()
  if (!profile) return { records: [] as ServiceRecord[], orgs: [] as { orgId: string; orgName: string }[] }
  const [records, signups] = await Promise.all([
    unwrap(api.GET('/api/me/service-records', { fetch, params: { query: { limit: 100 } } })),
    unwrap(api.GET('/api/me/signups', { fetch, params: { query: { limit: 100 } } })),
  ])
  // A self-report names an organization the volunteer has served with: those of their sign-ups.
  const opportunityIds = [...new Set(signups.items.map((s) => s.opportunityId))].slice(0, 20)
  const opportunities = await Promise.all(
    opportunityIds.map((id) =>
      api.GET('/api/opportunities/{id}', { fetch, params: { path: { id } } }).then((r) => r.data),
    ),
  )
  const orgs = new Map<string, string>()
  for (const o of opportunities) if (o) orgs.set(o.orgId, o.orgName)
  return { records: records.items, orgs: [...orgs].map(([orgId, orgName]) => ({ orgId, orgName })) }
}
