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

// Taxonomies of resources and needs (GLOSSARY keys, shipped with the product and never renamed).
export const needCategories = [
  'living',
  'employment',
  'schooling',
  'medical',
  'rehabilitation',
  'psychological',
  'care',
  'capacity',
  'integration',
  'family',
  'policy',
  'legal',
  'other',
] as const
export const recipientCategories = [
  'youfu_hospital',
  'glory_home',
  'demobilized',
  'military_retiree',
  'martyr_family',
  'fallen_family',
  'active_duty_family',
  'dibao',
  'tekun',
  'low_income',
  'medical_aid',
  'temporary_aid',
  'disaster',
  'employment_aid',
  'homeless',
  'other',
] as const
export const resourceTypes = ['human', 'material', 'financial', 'cultural', 'organizational'] as const
export const resourceSources = ['family', 'neighbourhood', 'community', 'society'] as const
export const resourceStatuses = ['draft', 'active', 'paused', 'expired'] as const

const needs: Record<string, () => string> = {
  living: m.need_living,
  employment: m.need_employment,
  schooling: m.need_schooling,
  medical: m.need_medical,
  rehabilitation: m.need_rehabilitation,
  psychological: m.need_psychological,
  care: m.need_care,
  capacity: m.need_capacity,
  integration: m.need_integration,
  family: m.need_family,
  policy: m.need_policy,
  legal: m.need_legal,
  other: m.need_other,
}
const recipients: Record<string, () => string> = {
  youfu_hospital: m.recipient_youfu_hospital,
  glory_home: m.recipient_glory_home,
  demobilized: m.recipient_demobilized,
  military_retiree: m.recipient_military_retiree,
  martyr_family: m.recipient_martyr_family,
  fallen_family: m.recipient_fallen_family,
  active_duty_family: m.recipient_active_duty_family,
  dibao: m.recipient_dibao,
  tekun: m.recipient_tekun,
  low_income: m.recipient_low_income,
  medical_aid: m.recipient_medical_aid,
  temporary_aid: m.recipient_temporary_aid,
  disaster: m.recipient_disaster,
  employment_aid: m.recipient_employment_aid,
  homeless: m.recipient_homeless,
  other: m.recipient_other,
}
const types: Record<string, () => string> = {
  human: m.resource_type_human,
  material: m.resource_type_material,
  financial: m.resource_type_financial,
  cultural: m.resource_type_cultural,
  organizational: m.resource_type_organizational,
}
const sources: Record<string, () => string> = {
  family: m.resource_source_family,
  neighbourhood: m.resource_source_neighbourhood,
  community: m.resource_source_community,
  society: m.resource_source_society,
}
const resourceStatusLabels: Record<string, () => string> = {
  draft: m.resource_status_draft,
  active: m.resource_status_active,
  paused: m.resource_status_paused,
  expired: m.resource_status_expired,
}
const languageLabels: Record<string, () => string> = {
  zh: m.language_zh,
  'zh-CN': m.language_zh,
  en: m.language_en,
  bo: m.language_bo,
  ii: m.language_ii,
  ug: m.language_ug,
  csl: m.language_csl,
}

export const needLabel = (key: string) => needs[key]?.() ?? key
export const recipientLabel = (key: string) => recipients[key]?.() ?? key
export const resourceTypeLabel = (key: string) => types[key]?.() ?? key
export const resourceSourceLabel = (key: string) => sources[key]?.() ?? key
export const resourceStatusLabel = (key: string) => resourceStatusLabels[key]?.() ?? key
export const languageLabel = (key: string) => languageLabels[key]?.() ?? key
/** Languages offered in the resource form; any other BCP 47 tag the API holds is shown as is. */
export const languageChoices = ['zh', 'en', 'bo', 'ii', 'ug', 'csl'] as const
