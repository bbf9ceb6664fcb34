import { error } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { toApiError, unwrap } from '$lib/api/errors.ts'

export async function load({ params, parent, depends }) {
  depends('app:members')
  const { me } = await parent()
  const canManage = me.memberships.some((x) => x.orgId === params.id && x.role === 'org_admin')
  const path = { path: { id: params.id } }
  try {
    const [org, members, invitations] = await Promise.all([
      unwrap(api.GET('/api/organizations/{id}', { params: path })),
      unwrap(api.GET('/api/organizations/{id}/members', { params: path })),
      canManage ? unwrap(api.GET('/api/organizations/{id}/invitations', { params: path })) : null,
    ])
    return { org, members: members.items, invitations: invitations?.items ?? [], canManage }
  } catch (e) {
    const failure = toApiError(e)
    error(failure.status || 500, { message: failure.message, code: failure.code })
  }
}
