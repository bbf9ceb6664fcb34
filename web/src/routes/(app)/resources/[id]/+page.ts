import { error } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { toApiError, unwrap } from '$lib/api/errors.ts'

export async function load({ params, depends }) {
  depends('app:resource')
  try {
    const resource = await unwrap(api.GET('/api/resources/{id}', { params: { path: { id: params.id } } }))
    return { resource }
  } catch (e) {
    const failure = toApiError(e)
    error(failure.status || 500, { message: failure.message, code: failure.code })
  }
}
