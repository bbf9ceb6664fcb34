import { requireRole } from '$lib/guards.ts'

export async function load({ parent }) {
  requireRole((await parent()).me, 'platform_admin')
}
