import { error } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { toApiError, unwrap } from '$lib/api/errors.ts'

export async function load({ params, depends }) {
  depends('app:referral')
  try {
    const path = { path: { id: params.id } }
    const [referral, timeline] = await Promise.all([
      unwrap(api.GET('/api/referrals/{id}', { params: path })),
      unwrap(api.GET('/api/referrals/{id}/timeline', { params: path })),
    ])
    return { referral, timeline: timeline.items }
  } catch (e) {
    const failure = toApiError(e)
    error(failure.status || 500, { message: failure.message, code: failure.code })
  }
}
