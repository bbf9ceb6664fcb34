import { error, redirect } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { toApiError, unwrap } from '$lib/api/errors.ts'
import { agencyOrgs } from '$lib/marketplace/access.ts'

// The agency's view of a need: private description, ranked matches with their reasons, offers of
// help and the referrals made for it. Anyone else gets the de-identified view.
export async function load({ params, parent, depends }) {
  depends('app:need')
  const { me } = await parent()
  if (agencyOrgs(me).length === 0) redirect(307, `/needs/${params.id}/public`)
  try {
    const path = { path: { id: params.id } }
    const [need, matches, pledges, referrals] = await Promise.all([
      unwrap(api.GET('/api/needs/{id}', { params: path })),
      unwrap(
        api.GET('/api/needs/{id}/matches', { params: { ...path, query: { limit: 20, flagged: true } } }),
      ),
      unwrap(api.GET('/api/needs/{id}/pledges', { params: path })),
      unwrap(
        api.GET('/api/referrals', { params: { query: { side: 'sent', needId: params.id, limit: 50 } } }),
      ),
    ])
    return { need, matches, pledges, referrals: referrals.items }
  } catch (e) {
    const failure = toApiError(e)
    error(failure.status || 500, { message: failure.message, code: failure.code })
  }
}
