import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'

export async function load({ params, fetch, depends }) {
  depends('app:co-rewards')
  const path = { id: params.orgId }
  const [items, redemptions] = await Promise.all([
    unwrap(api.GET('/api/organizations/{id}/rewards', { fetch, params: { path } })),
    unwrap(api.GET('/api/organizations/{id}/redemptions', { fetch, params: { path } })),
  ])
  return { items: items.items, redemptions: redemptions.items }
}
