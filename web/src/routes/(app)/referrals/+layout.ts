import { error } from '@sveltejs/kit'
import { referralOrgs } from '$lib/marketplace/access.ts'
import { m } from '$lib/paraglide/messages.js'

export async function load({ parent }) {
  const { me } = await parent()
  if (referralOrgs(me).length === 0) error(403, { message: m.forbidden_body(), code: 'forbidden' })
}
