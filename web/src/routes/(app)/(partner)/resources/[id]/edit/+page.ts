import { error, isHttpError } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { toApiError, unwrap } from '$lib/api/errors.ts'
import { m } from '$lib/paraglide/messages.js'
import { canManageResources } from '$lib/resource-access.ts'

export async function load({ params, parent }) {
  const { me } = await parent()
  try {
    const resource = await unwrap(api.GET('/api/resources/{id}', { params: { path: { id: params.id } } }))
    if (!canManageResources(me, resource.orgId))
      error(403, { message: m.forbidden_body(), code: 'forbidden' })
    return { resource }
  } catch (e) {
    if (isHttpError(e)) throw e
    const failure = toApiError(e)
    error(failure.status || 500, { message: failure.message, code: failure.code })
  }
}
