import { error } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { toApiError, unwrap } from '$lib/api/errors.ts'

export async function load({ params, url }) {
  const offset = Math.max(0, Number(url.searchParams.get('offset')) || 0)
  try {
    const page = await unwrap(
      api.GET('/api/cases/{id}/views', { params: { path: { id: params.id }, query: { limit: 50, offset } } }),
    )
    return { caseId: params.id, page }
  } catch (e) {
    const failure = toApiError(e)
    error(failure.status || 500, { message: failure.message, code: failure.code })
  }
}
