import { error } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { toApiError, unwrap } from '$lib/api/errors.ts'

const statuses = ['pending', 'approved', 'rejected', 'suspended'] as const
type Status = (typeof statuses)[number]
const LIMIT = 20

export async function load({ url, depends }) {
  depends('app:review')
  const asked = url.searchParams.get('status')
  const status: Status = statuses.includes(asked as Status) ? (asked as Status) : 'pending'
  const offset = Math.max(0, Number(url.searchParams.get('offset')) || 0)
  try {
    const page = await unwrap(
      api.GET('/api/organizations', { params: { query: { status, limit: LIMIT, offset } } }),
    )
    return { status, statuses, page }
  } catch (e) {
    const failure = toApiError(e)
    error(failure.status || 500, { message: failure.message, code: failure.code })
  }
}
