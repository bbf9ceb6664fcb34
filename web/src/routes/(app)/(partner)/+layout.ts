import { error } from '@sveltejs/kit'
import { m } from '$lib/paraglide/messages.js'
import { resourceOrgs } from '$lib/resource-access.ts'

// Resource management: for members of an approved organization who look after its resources.
export async function load({ parent }) {
  const { me } = await parent()
  if (resourceOrgs(me).length === 0) error(403, { message: m.forbidden_body(), code: 'forbidden' })
}
