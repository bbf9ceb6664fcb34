import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'

export async function load({ fetch, url }) {
  const { items } = await unwrap(api.GET('/api/public/complaints/organizations', { fetch }))
  return { organizations: items, orgId: url.searchParams.get('org') ?? '' }
}
