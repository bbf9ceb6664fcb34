import { error } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { toApiError, unwrap } from '$lib/api/errors.ts'

export async function load({ params, depends, parent }) {
  depends('app:case')
  const { me } = await parent()
  try {
    // Each opening goes on the case's who-viewed log (server side).
    const c = await unwrap(api.GET('/api/cases/{id}', { params: { path: { id: params.id } } }))
    return { c, me }
  } catch (e) {
    const failure = toApiError(e)
    error(failure.status || 500, { message: failure.message, code: failure.code })
  }
}
