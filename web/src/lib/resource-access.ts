import type { Me } from '$lib/api/client.ts'

/**
 * Roles that look after an organization's resources: partner staff publish them, social workers
 * record their agency's informal ones (family, neighbours, donations), organization admins oversee.
 */
export const resourceManagerRoles: readonly string[] = ['partner_staff', 'social_worker', 'org_admin']

/** Approved organizations whose resources this account manages, once each. */
export function resourceOrgs(me: Me): Me['memberships'] {
  const seen = new Set<string>()
  return me.memberships.filter((x) => {
    if (x.orgStatus !== 'approved' || !resourceManagerRoles.includes(x.role) || seen.has(x.orgId))
      return false
    seen.add(x.orgId)
    return true
  })
}

export const canManageResources = (me: Me, orgId: string) => resourceOrgs(me).some((x) => x.orgId === orgId)
