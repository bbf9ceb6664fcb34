import type { Me } from '$lib/api/client.ts'

export type OrgRef = { orgId: string; orgName: string }

/**
 * Approved organizations where this account holds one of `roles`, once each. The area access
 * helpers (cases, marketplace, archives) build on it to mirror the server's grants; the API
 * refuses the rest anyway.
 */
export function orgsWith(me: Me, roles: readonly string[]): OrgRef[] {
  const seen = new Map<string, OrgRef>()
  for (const x of me.memberships)
    if (x.orgStatus === 'approved' && roles.includes(x.role) && !seen.has(x.orgId))
      seen.set(x.orgId, { orgId: x.orgId, orgName: x.orgName })
  return [...seen.values()]
}
