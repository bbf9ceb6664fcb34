import { error } from '@sveltejs/kit'
import { agencyOrgs } from '$lib/marketplace/access.ts'
import { m } from '$lib/paraglide/messages.js'

// Recipients are an agency's social workers' and supervisors' business.
export async function load({ parent }) {
  const { me } = await parent()
  if (agencyOrgs(me).length === 0) error(403, { message: m.forbidden_body(), code: 'forbidden' })
}
