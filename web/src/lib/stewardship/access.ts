import type { Me, Membership } from '$lib/api/client.ts'

// Who reaches the service-assurance pages (服务保障, Chengdu §9): the staff of approved
// organizations. The API decides for real; these only choose what to show.
const staffRoles = new Set(['social_worker', 'supervisor', 'partner_staff', 'org_admin'])
const deskRoles = new Set(['supervisor', 'org_admin'])

const approved = (me: Me) => me.memberships.filter((x: Membership) => x.orgStatus === 'approved')

/** Organizations where the caller handles complaints and reports incidents. */
export const stewardshipOrgs = (me: Me) => approved(me).filter((x) => staffRoles.has(x.role))
/** Organizations where the caller runs the complaint desk, reviews incidents, keeps plans and qualifications. */
export const deskOrgs = (me: Me) => approved(me).filter((x) => deskRoles.has(x.role))
/** Organizations where the caller supervises workers. */
export const supervisorOrgs = (me: Me) => approved(me).filter((x) => x.role === 'supervisor')
