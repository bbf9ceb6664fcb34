import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'

export async function load({ fetch, params, depends }) {
  depends('app:archive')
  const archive = await unwrap(api.GET('/api/archives/{id}', { fetch, params: { path: { id: params.id } } }))
  // Keepers choose the receiving agency of a transfer from the verified agencies.
  const agencies =
    archive.can.manage && archive.status === 'archived' && !archive.transferToOrgId
      ? await unwrap(
          api.GET('/api/orgs/{id}/archive-agencies', { fetch, params: { path: { id: archive.orgId } } }),
        )
      : []
  return { archive, agencies }
}
