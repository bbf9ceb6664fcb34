import type { Me } from '$lib/api/client.ts'

// Which coordinator pages a member of an organization may open, mirroring the server's grants
// (server/src/auth/permissions.ts); the API refuses the rest anyway.
export type CoordinatorArea = 'run' | 'records' | 'rewards' | 'directory' | 'report' | 'certificates'

const areas: Record<string, readonly CoordinatorArea[]> = {
  // `run`: opportunities, shifts, rosters, attendance, ratings and courses; `records`: the
  // approval queue for service hours, which supervisors also review (GLOSSARY roles).
  social_worker: ['run', 'records', 'directory', 'report', 'certificates'],
  partner_staff: ['run', 'records', 'rewards', 'directory', 'report'],
  org_admin: ['run', 'records', 'rewards', 'directory', 'report', 'certificates'],
  supervisor: ['records', 'directory', 'report', 'certificates'],
}

export const coordinatorRoles = Object.keys(areas)

/** Approved organizations where this account coordinates volunteers, once each, with what it may do there. */
export function coordinatorOrgs(me: Me): { orgId: string; orgName: string; areas: Set<CoordinatorArea> }[] {
  const byOrg = new Map<string, { orgId: string; orgName: string; areas: Set<CoordinatorArea> }>()
  for (const m of me.memberships) {
    if (m.orgStatus !== 'approved' || !areas[m.role]) continue
    const entry = byOrg.get(m.orgId) ?? { orgId: m.orgId, orgName: m.orgName, areas: new Set() }
    for (const a of areas[m.role] ?? []) entry.areas.add(a)
    byOrg.set(m.orgId, entry)
  }
  return [...byOrg.values()]
}

export const coordinatorOrg = (me: Me, orgId: string) => coordinatorOrgs(me).find((o) => o.orgId === orgId)
