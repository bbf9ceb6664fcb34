import { api, type Organization } from '$lib/api/client.ts'

export async function load({ parent }) {
  const { me } = await parent()
  // Full records (review note, address …) need org.read, which staff get only after enrolling in
  // two-step sign-in; until then the page shows what /api/me says about each membership.
  const details: Record<string, Organization> = {}
  if (!me.mustEnrolTwoFactor) {
    const found = await Promise.all(
      me.memberships.map((x) => api.GET('/api/organizations/{id}', { params: { path: { id: x.orgId } } })),
    )
    for (const r of found) if (r.data) details[r.data.id] = r.data
  }
  return { details }
}
