import type { Me } from '$lib/api/client.ts'

// Who reaches which case page, mirroring the server's grants (server/src/auth/permissions.ts):
// an agency's social workers and supervisors read cases (the API narrows a worker to their own),
// supervisors approve, supervisors and auditors read who viewed a case. The API refuses the rest.
type OrgRef = { orgId: string; orgName: string }

function orgsWith(me: Me, roles: readonly string[]): OrgRef[] {
  const seen = new Map<string, OrgRef>()
  for (const x of me.memberships)
    if (x.orgStatus === 'approved' && roles.includes(x.role) && !seen.has(x.orgId))
      seen.set(x.orgId, { orgId: x.orgId, orgName: x.orgName })
  return [...seen.values()]
}

export const caseOrgs = (me: Me) => orgsWith(me, ['social_worker', 'supervisor'])
export const approverOrgs = (me: Me) => orgsWith(me, ['supervisor'])
export const readsViewLogs = (me: Me) => me.roles.includes('auditor') || approverOrgs(me).length > 0
