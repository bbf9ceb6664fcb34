import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'

export async function load({ params, url, fetch, depends }) {
  depends('app:co-records')
  const status =
    (['pending', 'approved', 'rejected'] as const).find((s) => s === url.searchParams.get('status')) ??
    'pending'
  const path = { id: params.orgId }
  const [records, corrections] = await Promise.all([
    unwrap(
      api.GET('/api/organizations/{id}/service-records', {
        fetch,
        params: { path, query: { status, limit: 100 } },
      }),
    ),
    unwrap(
      api.GET('/api/organizations/{id}/service-record-corrections', {
        fetch,
        params: { path, query: { status: 'pending' } },
      }),
    ),
  ])
  return { status, records: records.items, total: records.total, corrections: corrections.items }
}
