import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'
import { todayInChina } from '$lib/volunteer-profile.ts'

const isDay = (d: string | null): d is string => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d)

// By default the current month so far.
export async function load({ params, url, fetch }) {
  const today = todayInChina()
  const from = isDay(url.searchParams.get('from')) ? url.searchParams.get('from')! : `${today.slice(0, 8)}01`
  const to = isDay(url.searchParams.get('to')) ? url.searchParams.get('to')! : today
  const opportunityId = url.searchParams.get('opportunityId') ?? ''
  const query = { from, to, ...(opportunityId ? { opportunityId } : {}) }
  const [report, opportunities] = await Promise.all([
    api.GET('/api/organizations/{id}/reports/hours', {
      fetch,
      params: { path: { id: params.orgId }, query },
    }),
    unwrap(
      api.GET('/api/organizations/{id}/opportunities', {
        fetch,
        params: { path: { id: params.orgId }, query: { limit: 100 } },
      }),
    ).catch(() => ({ items: [] })),
  ])
  return {
    from,
    to,
    opportunityId,
    report: report.data ?? null,
    error: report.error ? ((report.error as { error?: { message?: string } }).error?.message ?? null) : null,
    opportunities: opportunities.items.map((o) => ({ id: o.id, title: o.title })),
  }
}
