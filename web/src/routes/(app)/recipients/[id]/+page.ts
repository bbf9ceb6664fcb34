import { error } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { toApiError, unwrap } from '$lib/api/errors.ts'

export async function load({ params, depends }) {
  depends('app:recipient')
  try {
    // The detail read is audited on the server (masked fields only; full values need a reason).
    const recipient = await unwrap(api.GET('/api/recipients/{id}', { params: { path: { id: params.id } } }))
    const needs = await unwrap(
      api.GET('/api/organizations/{id}/needs', {
        params: { path: { id: recipient.orgId }, query: { recipientId: recipient.id, limit: 50 } },
      }),
    )
    return { recipient, needs: needs.items }
  } catch (e) {
    const failure = toApiError(e)
    error(failure.status || 500, { message: failure.message, code: failure.code })
  }
}
