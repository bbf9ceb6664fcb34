import { error } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { toApiError, unwrap } from '$lib/api/errors.ts'
import { resourceStatuses } from '$lib/labels.ts'

type Status = (typeof resourceStatuses)[number]
const LIMIT = 20

export async function load({ params, url, depends }) {
  depends('app:org-resources')
  const asked = url.searchParams.get('status')
  const status = resourceStatuses.includes(asked as Status) ? (asked as Status) : undefined
  const offset = Math.max(0, Number(url.searchParams.get('offset')) || 0)
  // The stale reminder links here with ?stale=true.
  const stale = url.searchParams.get('stale') === 'true' ? true : undefined
  try {
    const page = await unwrap(
      api.GET('/api/organizations/{id}/resources', {
        params: {
          path: { id: params.id },
          query: { limit: LIMIT, offset, ...(status ? { status } : {}), ...(stale ? { stale } : {}) },
        },
      }),
    )
    return { orgId: params.id, status, stale: stale ?? false, page }
  } catch (e) {
    const failure = toApiError(e)
    error(failure.status || 500, { message: failure.message, code: failure.code })
  }
}
