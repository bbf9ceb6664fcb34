import { error } from '@sveltejs/kit'
import { coordinatorOrg } from '$lib/coordinator-access.ts'
import { m } from '$lib/paraglide/messages.js'

export async function load({ parent, params }) {
  const { me } = await parent()
  const org = coordinatorOrg(me, params.orgId)
  if (!org) error(403, { message: m.forbidden_body(), code: 'forbidden' })
  return { org }
}
