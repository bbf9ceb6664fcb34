import type { Me } from '$lib/api/client.ts'
import { orgsWith } from '$lib/org-roles.ts'

// Who reaches the archive pages, mirroring the server's grants (server/src/auth/permissions.ts):
// supervisors and organization admins keep the register (archive.manage), auditors read it
// (archive.read; a platform auditor every agency's), social workers and supervisors borrow
// (archive.borrow). The API decides file by file.
export const keeperOrgs = (me: Me) => orgsWith(me, ['supervisor', 'org_admin'])
export const borrowerOrgs = (me: Me) => orgsWith(me, ['social_worker', 'supervisor'])
/** Reads some agency's register: keepers, the organization's auditors, a platform auditor. */
export const readsArchives = (me: Me) => me.roles.includes('auditor') || keeperOrgs(me).length > 0
export const usesArchives = (me: Me) => readsArchives(me) || borrowerOrgs(me).length > 0
export const keepsIn = (me: Me, orgId: string) => keeperOrgs(me).some((o) => o.orgId === orgId)
