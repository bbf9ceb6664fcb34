import { error } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { toApiError, unwrap } from '$lib/api/errors.ts'
import { approverOrgs, caseOrgs } from '$lib/cases/access.ts'
import { caseStatuses, stages } from '$lib/cases/labels.ts'
import { pickOrg } from '$lib/marketplace/access.ts'
import { m } from '$lib/paraglide/messages.js'

export async function load({ parent, url, depends }) {
  depends('app:cases')
  const { me } = await parent()
  const orgs = caseOrgs(me)
  const org = pickOrg(orgs, url.searchParams.get('org'))
  if (!org) error(403, { message: m.forbidden_body(), code: 'forbidden' })
  const supervises = approverOrgs(me).some((o) => o.orgId === org.orgId)
  const stage = stages.find((s) => s === url.searchParams.get('stage'))
  const status = caseStatuses.find((s) => s === url.searchParams.get('status'))
  const mine = url.searchParams.get('mine') === '1'
  const offset = Math.max(0, Number(url.searchParams.get('offset')) || 0)
  try {
    const page = await unwrap(
      api.GET('/api/organizations/{id}/cases', {
        params: {
          path: { id: org.orgId },
          query: {
            ...(stage ? { stage } : {}),
            ...(status ? { status } : {}),
            ...(mine ? { mine } : {}),
            limit: 20,
            offset,
          },
        },
      }),
    )
    return { orgs, org, supervises, stage: stage ?? '', status: status ?? '', mine, page }
  } catch (e) {
    const failure = toApiError(e)
    error(failure.status || 500, { message: failure.message, code: failure.code })
  }
}
