import { api } from '$lib/api/client.ts'

export async function load({ parent, url }) {
  const { me } = await parent()
  // The platform admin's home leads with the review queue, so it shows how long it is.
  let pendingReviews: number | null = null
  if (me.roles.includes('platform_admin') && !me.mustEnrolTwoFactor) {
    const { data } = await api.GET('/api/organizations', {
      params: { query: { status: 'pending', limit: 1 } },
    })
    pendingReviews = data?.total ?? null
  }
  return { pendingReviews, registered: url.searchParams.get('registered') === '1' }
}
