import type { PlatformRole, Role } from '@liandong/db'

/**
 * Named actions and who may perform them. Every route declares exactly one action in its
 * `config.action`; a route without one refuses to register (see plugins/access.ts), and anything
 * not granted here is denied. Scope says how far a grant reaches:
 *   own          — only the caller's own records
 *   organization — records of the organizations where the caller holds the granting role
 *   all          — everything on the platform
 */
export type Scope = 'own' | 'organization' | 'all'

export const actions = [
  'account.self',
  'org.register',
  'org.read',
  'org.review',
  'org.members.read',
  'org.members.manage',
  // Keep the organization's details (HSDS fields, licence) current.
  'org.manage',
  'invitation.accept',
  'audit.read',
  'realtime.connect',
  'resource.read',
  'resource.manage',
  'resource.search',
  'search.reindex',
  'volunteer.self',
  'volunteer.read',
  'training.read',
  'training.take',
  'training.manage',
  'opportunity.read',
  'opportunity.manage',
  'notification.self',
  // Sign-ups, attendance, service records and rewards (issue 4, items 4–7).
  'signup.self',
  'signup.manage',
  'attendance.check',
  'attendance.manage',
  'service_record.self',
  'service_record.review',
  'reward.self',
  'reward.manage',
  // Complaints, emergency incidents, supervision and qualifications (issue 6, items 4, 6, 7).
  'complaint.submit',
  'complaint.handle',
  'complaint.assign',
  'incident.report',
  'incident.manage',
  'supervision.self',
  'supervision.manage',
  'qualification.manage',
  'holiday.manage',
  // Recipients, needs and matching (issue 5, items 3, 4 and 6).
  'recipient.read',
  'recipient.manage',
  'recipient.reveal',
  'need.read',
  'need.manage',
  'need.browse',
  'need.pledge',
  // Referrals (issue 5, item 5): which side and role may take each step is the lifecycle table's call.
  'referral.read',
  'referral.send',
  'referral.update',
  'referral.consent_override',
  // Cases (issue 6, items 2 and 3): the case's workers write, the agency's supervisors approve;
  // supervisors and auditors read who viewed a case. Partners and volunteers hold none of these.
  'case.read',
  'case.manage',
  'case.approve',
  'case.views',
  // Archives (issue 6, item 5): keepers (supervisors, org admins) file, lend, transfer and destroy;
  // workers borrow; auditors read the register, tombstones included.
  'archive.read',
  'archive.borrow',
  'archive.manage',
  // A recipient's rights over their data (issue 6, item 8): workers record requests, export and
  // correct; a supervisor decides deletions.
  'recipient.rights',
  'recipient.erase',
  // Certificates, evaluations, calendar feeds and coordinator reports (issue 4, items 8–11).
  'certificate.self',
  'certificate.issue',
  'evaluation.self',
  'evaluation.manage',
  'calendar.self',
  'volunteer.report',
] as const
export type Action = (typeof actions)[number]
/** `public` routes need no session; `two_factor.pending` routes need a session halfway through 2FA. */
export type RouteAction = Action | 'public' | 'two_factor.pending'

/** Granted to every signed-in account, whatever its roles. */
export const everyone: Partial<Record<Action, Scope>> = {
  'account.self': 'own',
  'org.register': 'own',
  'org.read': 'own',
  'invitation.accept': 'own',
  'realtime.connect': 'own',
  // Anyone may complain (also without an account) and follow their complaints; every account
  // sees its own supervision records and qualifications (none for most).
  'complaint.submit': 'own',
  'supervision.self': 'own',
  // Public, active resources and those of the caller's own organizations.
  'resource.read': 'own',
  'resource.search': 'own',
  // Anyone may register as a volunteer and read their own notifications.
  'volunteer.self': 'own',
  'notification.self': 'own',
  // Published courses and opportunities, plus those of the caller's own organizations.
  'training.read': 'own',
  'opportunity.read': 'own',
}

/** Coordinators run their organization's opportunities: rosters, attendance and the records (谁组织谁记录). */
const coordinatorGrants: Partial<Record<Action, Scope>> = {
  'signup.manage': 'organization',
  'attendance.manage': 'organization',
  'service_record.review': 'organization',
  'evaluation.manage': 'organization',
  'volunteer.report': 'organization',
}

/**
 * An agency's social workers and supervisors keep its recipients (sealed personal data, revealed
 * one field at a time with a reason), post their needs and see the ranked matches.
 */
const agencyCaseGrants: Partial<Record<Action, Scope>> = {
  'recipient.read': 'organization',
  'recipient.manage': 'organization',
  'recipient.reveal': 'organization',
  'need.read': 'organization',
  'need.manage': 'organization',
  'need.browse': 'organization',
  'case.read': 'organization',
  'case.manage': 'organization',
  'archive.borrow': 'organization',
  'recipient.rights': 'organization',
}

/**
 * Partners browse open needs in their de-identified form and offer help (pledges). Volunteers do
 * not browse needs (docs/decisions.md, "Needs are browsed by organizations, not volunteers").
 */
const partnerNeedGrants: Partial<Record<Action, Scope>> = {
  'need.browse': 'organization',
  'need.pledge': 'organization',
}

/** Workers refer their recipients' needs; any staff role of a receiving organization answers. */
const referralSenderGrants: Partial<Record<Action, Scope>> = {
  'referral.read': 'organization',
  'referral.send': 'organization',
  'referral.update': 'organization',
}
const referralReceiverGrants: Partial<Record<Action, Scope>> = {
  'referral.read': 'organization',
  'referral.update': 'organization',
}

/** Grants of roles held in an organization (and of volunteers, who hold theirs personally). */
export const grants: Record<Exclude<Role, 'platform_admin'>, Partial<Record<Action, Scope>>> = {
  volunteer: {
    'training.take': 'own',
    'signup.self': 'own',
    'attendance.check': 'own',
    'service_record.self': 'own',
    'reward.self': 'own',
    'certificate.self': 'own',
    'evaluation.self': 'own',
    'calendar.self': 'own',
  },
  // Social workers record their agency's informal resources (family, neighbours, donations).
  // Coordinators (social workers, partner staff, org admins) run courses and opportunities.
  social_worker: {
    // Staff answer the complaints assigned to them and report incidents.
    'complaint.handle': 'organization',
    'incident.report': 'organization',
    'org.read': 'organization',
    'resource.manage': 'organization',
    'volunteer.read': 'organization',
    'training.manage': 'organization',
    'opportunity.manage': 'organization',
    ...coordinatorGrants,
    ...agencyCaseGrants,
    ...referralSenderGrants,
    // 谁记录谁证明: the organization's social workers, supervisors and admins issue certificates.
    'certificate.issue': 'organization',
  },
  supervisor: {
    // Supervisors run the complaint desk, review incidents, supervise workers (Chengdu §9.1.3).
    'complaint.handle': 'organization',
    'complaint.assign': 'organization',
    'incident.report': 'organization',
    'incident.manage': 'organization',
    'supervision.manage': 'organization',
    'qualification.manage': 'organization',
    'org.read': 'organization',
    'org.members.read': 'organization',
    'volunteer.read': 'organization',
    ...agencyCaseGrants,
    ...referralSenderGrants,
    // Sending without a recorded consent, with a reason (audited).
    'referral.consent_override': 'organization',
    // Approve or return assessments, plans and closures of cases they do not work; read who viewed a case.
    'case.approve': 'organization',
    'case.views': 'organization',
    'archive.read': 'organization',
    'archive.manage': 'organization',
    'recipient.erase': 'organization',
    'certificate.issue': 'organization',
    // Supervisors approve service hours too (GLOSSARY roles).
    'service_record.review': 'organization',
    'volunteer.report': 'organization',
  },
  partner_staff: {
    'complaint.handle': 'organization',
    'incident.report': 'organization',
    'org.read': 'organization',
    'resource.manage': 'organization',
    'volunteer.read': 'organization',
    'training.manage': 'organization',
    'opportunity.manage': 'organization',
    ...coordinatorGrants,
    // Partners stock the rewards catalogue.
    'reward.manage': 'organization',
    ...partnerNeedGrants,
    ...referralReceiverGrants,
  },
  org_admin: {
    'complaint.handle': 'organization',
    'complaint.assign': 'organization',
    'incident.report': 'organization',
    'incident.manage': 'organization',
    'qualification.manage': 'organization',
    'org.read': 'organization',
    'org.members.read': 'organization',
    'org.members.manage': 'organization',
    'org.manage': 'organization',
    'resource.manage': 'organization',
    'volunteer.read': 'organization',
    'training.manage': 'organization',
    'opportunity.manage': 'organization',
    ...coordinatorGrants,
    'reward.manage': 'organization',
    ...partnerNeedGrants,
    ...referralReceiverGrants,
    'certificate.issue': 'organization',
    // The agency's archive keepers, with its supervisors.
    'archive.read': 'organization',
    'archive.manage': 'organization',
  },
  // The auditor reads the audit trail and nothing else (separation of duties).
  auditor: { 'audit.read': 'organization', 'case.views': 'organization', 'archive.read': 'organization' },
}

/** Grants of platform-wide roles; the platform admin does not read the audit trail. */
export const platformGrants: Record<PlatformRole, Partial<Record<Action, Scope>>> = {
  platform_admin: {
    // The working-day calendar (public holidays and 调休 workdays) that complaint deadlines use.
    'holiday.manage': 'all',
    'org.read': 'all',
    'org.review': 'all',
    'org.members.read': 'all',
    'resource.read': 'all',
    'search.reindex': 'all',
  },
  // A case's who-viewed log is part of the audit trail.
  auditor: { 'audit.read': 'all', 'case.views': 'all', 'archive.read': 'all' },
}

/** Roles whose holders must enrol in two-factor sign-in when STAFF_2FA is on. */
export const staffRoles: readonly Role[] = [
  'social_worker',
  'supervisor',
  'partner_staff',
  'org_admin',
  'auditor',
  'platform_admin',
]

/** Actions a staff member who has not yet enrolled in 2FA may still perform. */
// Reading their own organizations lets an applicant see a review note before enrolling.
export const allowedBeforeEnrolment: readonly Action[] = [
  'account.self',
  'realtime.connect',
  'org.read',
  'org.register',
]
