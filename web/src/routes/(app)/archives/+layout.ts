import { error } from '@sveltejs/kit'
import { usesArchives } from '$lib/archives/access.ts'
import { m } from '$lib/paraglide/messages.js'

// The archive pages: keepers and auditors read the register, workers find and borrow files.
export async function load({ parent }) {
  const { me } = await parent()
  if (!usesArchives(me)) error(403, { message: m.forbidden_body(), code: 'forbidden' })
}
