import { error } from '@sveltejs/kit'
import type { Me } from '$lib/api/client.ts'
import { m } from '$lib/paraglide/messages.js'

/** Stops a role's pages for anyone without the role; the API refuses them anyway. */
export function requireRole(me: Me, role: string): void {
  if (!me.roles.includes(role)) error(403, { message: m.forbidden_body(), code: 'forbidden' })
}
