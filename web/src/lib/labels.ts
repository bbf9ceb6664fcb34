import { m } from '$lib/paraglide/messages.js'

// Stable keys from the API (see GLOSSARY) mapped to catalogue labels; an unknown key shows as is.
const roles: Record<string, () => string> = {
  volunteer: m.role_volunteer,
  social_worker: m.role_social_worker,
  supervisor: m.role_supervisor,
  partner_staff: m.role_partner_staff,
  org_admin: m.role_org_admin,
  auditor: m.role_auditor,
  platform_admin: m.role_platform_admin,
}
const kinds: Record<string, () => string> = {
  agency: m.kind_agency,
  partner: m.kind_partner,
  government: m.kind_government,
  community: m.kind_community,
}
const statuses: Record<string, () => string> = {
  pending: m.status_pending,
  approved: m.status_approved,
  rejected: m.status_rejected,
  suspended: m.status_suspended,
}
const results: Record<string, () => string> = {
  ok: m.result_ok,
  denied: m.result_denied,
  failed: m.result_failed,
}

export const roleLabel = (key: string) => roles[key]?.() ?? key
export const kindLabel = (key: string) => kinds[key]?.() ?? key
export const statusLabel = (key: string) => statuses[key]?.() ?? key
export const resultLabel = (key: string) => results[key]?.() ?? key

export const orgRoles = ['social_worker', 'supervisor', 'partner_staff', 'org_admin', 'auditor'] as const
export const orgKinds = ['agency', 'partner', 'government', 'community'] as const
