import { error } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { toApiError, unwrap } from '$lib/api/errors.ts'
import { partnerOrgs } from '$lib/marketplace/access.ts'

// The de-identified view of a need (what partners see), with the caller's own offers of help and,
// for a partner, its active resources to offer.
export async function load({ params, parent, depends }) {
  depends('app:public-need')
  const { me } = await parent()
  const org = partnerOrgs(me)[0]
  try {
    const path = { path: { id: params.id } }
    const [need, pledges, resources] = await Promise.all([
      unwrap(api.GET('/api/needs/{id}/public', { params: path })),
      unwrap(api.GET('/api/needs/{id}/pledges', { params: path })),
      org
        ? unwrap(
            api.GET('/api/organizations/{id}/resources', {
              params: { path: { id: org.orgId }, query: { status: 'active', limit: 100 } },
            }),
          ).then((p) => p.items)
        : Promise.resolve([]),
    ])
    return { need, pledges, resources, org }
  } catch (e) {
    const failure = toApiError(e)
    error(failure.status || 500, { message: failure.message, code: failure.code })
  }
}
