import { agencyOrgs, pickOrg } from '$lib/marketplace/access.ts'

export async function load({ parent, url }) {
  const { me } = await parent()
  return { org: pickOrg(agencyOrgs(me), url.searchParams.get('org'))! }
}
