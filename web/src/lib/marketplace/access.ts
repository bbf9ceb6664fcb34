import type { Me } from '$lib/api/client.ts'
import { type OrgRef, orgsWith } from '$lib/org-roles.ts'

// Who reaches which marketplace page, mirroring the server's grants (server/src/auth/permissions.ts):
// an agency's social workers and supervisors keep recipients, post needs and refer; partner staff
// and organization admins browse open needs, offer help and answer referrals. The API refuses
// the rest anyway.
const caseRoles = ['social_worker', 'supervisor']
const partnerRoles = ['partner_staff', 'org_admin']

/** Organizations where this account keeps recipients and posts needs. */
export const agencyOrgs = (me: Me) => orgsWith(me, caseRoles)
/** Organizations for which this account browses needs, offers help and answers referrals. */
export const partnerOrgs = (me: Me) => orgsWith(me, partnerRoles)
/** Organizations whose referrals this account reads (either side). */
export const referralOrgs = (me: Me) => orgsWith(me, [...caseRoles, ...partnerRoles])

/** A supervisor may send a referral without a recorded consent, with a reason (audited). */
export const supervisesIn = (me: Me, orgId: string) =>
  me.memberships.some((x) => x.orgId === orgId && x.role === 'supervisor' && x.orgStatus === 'approved')

/** The organization a page works for: the one asked for in the address if it is allowed, else the first. */
export function pickOrg(orgs: OrgRef[], asked: string | null): OrgRef | undefined {
  return orgs.find((o) => o.orgId === asked) ?? orgs[0]
}
