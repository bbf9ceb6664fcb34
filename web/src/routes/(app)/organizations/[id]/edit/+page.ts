import { error } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { toApiError, unwrap } from '$lib/api/errors.ts'

export async function load({ params }) {
  try {
    return { org: await unwrap(api.GET('/api/organizations/{id}', { params: { path: { id: params.id } } })) }
  } catch (e) {
    const failure = toApiError(e)
    error(failure.status || 500, { message: failure.message, code: failure.code })
  }
}
