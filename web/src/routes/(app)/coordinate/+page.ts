import { error, redirect } from '@sveltejs/kit'
import { coordinatorOrgs } from '$lib/coordinator-access.ts'
import { m } from '$lib/paraglide/messages.js'

// With one organization, straight to it; with several, a choice.
export async function load({ parent }) {
  const { me } = await parent()
  const orgs = coordinatorOrgs(me)
  if (orgs.length === 0) error(403, { message: m.forbidden_body(), code: 'forbidden' })
  if (orgs.length === 1) redirect(307, `/coordinate/${orgs[0]!.orgId}`)
  return { orgs }
}
