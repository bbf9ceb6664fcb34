import { api } from '$lib/api/client.ts'
import { toApiError } from '$lib/api/errors.ts'
import { dayBoundary } from '$lib/format.ts'

const LIMIT = 25
const results = ['ok', 'denied', 'failed'] as const
type Result = (typeof results)[number]

export async function load({ url }) {
  const q = url.searchParams
  const filters = {
    actorId: q.get('actorId') ?? '',
    orgId: q.get('orgId') ?? '',
    action: q.get('action') ?? '',
    result: q.get('result') ?? '',
    from: q.get('from') ?? '',
    to: q.get('to') ?? '',
  }
  const offset = Math.max(0, Number(q.get('offset')) || 0)
  const from = dayBoundary(filters.from, false)
  const to = dayBoundary(filters.to, true)
  const { data, error, response } = await api.GET('/api/audit', {
    params: {
      query: {
        ...(filters.actorId ? { actorId: filters.actorId } : {}),
        ...(filters.orgId ? { orgId: filters.orgId } : {}),
        ...(filters.action ? { action: filters.action } : {}),
        ...(results.includes(filters.result as Result) ? { result: filters.result as Result } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        limit: LIMIT,
        offset,
      },
    },
  })
  // A malformed filter (say, half an ID) is shown next to the filter, not as an error page.
  const problem = data ? null : toApiError(error, response)
  return {
    filters,
    page: data ?? { items: [], total: 0, limit: LIMIT, offset },
    problem: problem ? { message: problem.message, fields: problem.fields } : null,
  }
}
