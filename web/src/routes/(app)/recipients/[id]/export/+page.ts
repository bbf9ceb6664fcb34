import { error } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { toApiError, unwrap } from '$lib/api/errors.ts'

export async function load({ params, url }) {
  try {
    // Masked detail for the heading; the export itself is opened only after a reason is given.
    const recipient = await unwrap(api.GET('/api/recipients/{id}', { params: { path: { id: params.id } } }))
    return { recipient, requestId: url.searchParams.get('request') }
  } catch (e) {
    const failure = toApiError(e)
    error(failure.status || 500, { message: failure.message, code: failure.code })
  }
}
