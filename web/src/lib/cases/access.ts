import type { Me } from '$lib/api/client.ts'
import { orgsWith } from '$lib/org-roles.ts'

// Who reaches which case page, mirroring the server's grants (server/src/auth/permissions.ts):
// an agency's social workers and supervisors read cases (the API narrows a worker to their own),
// supervisors approve, supervisors and auditors read who viewed a case. The API refuses the rest.
export const caseOrgs = (me: Me) => orgsWith(me, ['social_worker', 'supervisor'])
export const approverOrgs = (me: Me) => orgsWith(me, ['supervisor'])
export const readsViewLogs = (me: Me) => me.roles.includes('auditor') || approverOrgs(me).length > 0
