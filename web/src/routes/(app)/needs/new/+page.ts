import { error, redirect } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { toApiError, unwrap } from '$lib/api/errors.ts'

// A need is posted from a recipient (their categories and age band travel with it).
export async function load({ url }) {
  const recipientId = url.searchParams.get('recipient')
  if (!recipientId) redirect(307, '/recipients')
  try {
    const recipient = await unwrap(api.GET('/api/recipients/{id}', { params: { path: { id: recipientId } } }))
    return { recipient }
  } catch (e) {
    const failure = toApiError(e)
    error(failure.status || 500, { message: failure.message, code: failure.code })
  }
}
