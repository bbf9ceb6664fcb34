import { api } from '$lib/api/client.ts'
import { toApiError } from '$lib/api/errors.ts'
import { session } from '$lib/state/session.svelte.ts'

export async function load({ params }) {
  const [me, preview] = await Promise.all([
    session.load(),
    api.GET('/api/invitations/{token}', { params: { path: { token: params.token } } }),
  ])
  return {
    token: params.token,
    me,
    invitation: preview.data ?? null,
    // An expired, withdrawn or unknown link: the server's own words say which.
    problem: preview.data ? null : toApiError(preview.error, preview.response).message,
  }
}
