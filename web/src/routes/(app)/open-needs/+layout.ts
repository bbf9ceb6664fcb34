import { error } from '@sveltejs/kit'
import { partnerOrgs } from '$lib/marketplace/access.ts'
import { m } from '$lib/paraglide/messages.js'

// The reverse view: partners' staff and admins find needs their resources can take.
export async function load({ parent }) {
  const { me } = await parent()
  if (partnerOrgs(me).length === 0) error(403, { message: m.forbidden_body(), code: 'forbidden' })
}
