import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'

const statuses = ['requested', 'issued', 'rejected', 'revoked'] as const

export async function load({ params, url, fetch, depends }) {
  depends('app:co-certificates')
  const status = statuses.find((s) => s === url.searchParams.get('status')) ?? 'requested'
  const page = await unwrap(
    api.GET('/api/organizations/{id}/certificates', {
      fetch,
      params: { path: { id: params.orgId }, query: { status, limit: 100 } },
    }),
  )
  return { status, certificates: page.items, total: page.total }
}
