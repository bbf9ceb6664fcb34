import { m } from '$lib/paraglide/messages.js'

// Labels for the keys of complaints, incidents, supervision and qualifications (GLOSSARY keys in
// data and the API; words in the reader's language here).
const pick = (table: Record<string, () => string>, key: string | null | undefined) =>
  key ? (table[key]?.() ?? key) : ''

export const complaintKinds = ['complaint', 'suggestion', 'praise'] as const
export const complaintCategories = [
  'service_quality',
  'staff_conduct',
  'privacy',
  'access',
  'volunteer',
  'other',
] as const
export const complaintStatuses = ['open', 'assigned', 'answered', 'closed'] as const

export const complaintKindLabel = (k: string) =>
  pick({ complaint: m.stw_kind_complaint, suggestion: m.stw_kind_suggestion, praise: m.stw_kind_praise }, k)
export const complaintCategoryLabel = (k: string) =>
  pick(
    {
      service_quality: m.stw_cat_service_quality,
      staff_conduct: m.stw_cat_staff_conduct,
      privacy: m.stw_cat_privacy,
      access: m.stw_cat_access,
      volunteer: m.stw_cat_volunteer,
      other: m.stw_cat_other,
    },
    k,
  )
export const complaintStatusLabel = (k: string) =>
  pick(
    {
      open: m.stw_status_open,
      assigned: m.stw_status_assigned,
      answered: m.stw_status_answered,
      closed: m.stw_status_closed,
    },
    k,
  )
export const complaintEventLabel = (k: string) =>
  pick(
    {
      submitted: m.stw_event_submitted,
      assigned: m.stw_event_assigned,
      answered: m.stw_event_answered,
      escalated: m.stw_event_escalated,
      rated: m.stw_event_rated,
      closed: m.stw_event_closed,
    },
    k,
  )
/** StatusBadge tones: pending (amber), approved (green), rejected (red), draft (grey). */
export const complaintTone = (status: string, overdue = false) =>
  overdue ? 'rejected' : status === 'closed' ? 'draft' : status === 'answered' ? 'approved' : 'pending'

export const incidentTypes = [
  'injury',
  'illness',
  'self_harm',
  'violence',
  'missing_person',
  'accident',
  'fire',
  'natural_disaster',
  'privacy_breach',
  'conflict',
  'other',
] as const
export const incidentSeverities = ['general', 'major', 'serious', 'critical'] as const
export const incidentTypeLabel = (k: string) =>
  pick(
    {
      injury: m.stw_type_injury,
      illness: m.stw_type_illness,
      self_harm: m.stw_type_self_harm,
      violence: m.stw_type_violence,
      missing_person: m.stw_type_missing_person,
      accident: m.stw_type_accident,
      fire: m.stw_type_fire,
      natural_disaster: m.stw_type_natural_disaster,
      privacy_breach: m.stw_type_privacy_breach,
      conflict: m.stw_type_conflict,
      other: m.stw_type_other,
    },
    k,
  )
export const severityLabel = (k: string) =>
  pick(
    {
      general: m.stw_sev_general,
      major: m.stw_sev_major,
      serious: m.stw_sev_serious,
      critical: m.stw_sev_critical,
    },
    k,
  )
export const severityTone = (k: string) => (k === 'general' ? 'pending' : 'rejected')
export const personRoles = ['recipient', 'volunteer', 'staff', 'public', 'other'] as const
export const personRoleLabel = (k: string) =>
  pick(
    {
      recipient: m.stw_person_recipient,
      volunteer: m.stw_person_volunteer,
      staff: m.stw_person_staff,
      public: m.stw_person_public,
      other: m.stw_person_other,
    },
    k,
  )
export const logKinds = ['action', 'contact', 'escalation', 'note'] as const
export const logKindLabel = (k: string) =>
  pick(
    {
      action: m.stw_log_action,
      contact: m.stw_log_contact,
      escalation: m.stw_log_escalation,
      note: m.stw_log_note,
    },
    k,
  )

export const supervisionKinds = ['administrative', 'educational', 'supportive'] as const
export const supervisionFormats = ['individual', 'group', 'peer', 'online'] as const
export const supervisionKindLabel = (k: string) =>
  pick(
    {
      administrative: m.stw_sup_administrative,
      educational: m.stw_sup_educational,
      supportive: m.stw_sup_supportive,
    },
    k,
  )
export const supervisionFormatLabel = (k: string) =>
  pick(
    {
      individual: m.stw_fmt_individual,
      group: m.stw_fmt_group,
      peer: m.stw_fmt_peer,
      online: m.stw_fmt_online,
    },
    k,
  )
export const qualificationTypes = [
  'national_certificate',
  'social_work_assistant',
  'social_work_degree',
] as const
export const qualificationTypeLabel = (k: string) =>
  pick(
    {
      national_certificate: m.stw_qual_national_certificate,
      social_work_assistant: m.stw_qual_social_work_assistant,
      social_work_degree: m.stw_qual_social_work_degree,
    },
    k,
  )
export const levelsByType: Record<string, readonly string[]> = {
  national_certificate: ['assistant_social_worker', 'social_worker', 'senior_social_worker'],
  social_work_degree: ['junior_college', 'bachelor', 'master', 'doctorate'],
  social_work_assistant: [],
}
export const qualificationLevelLabel = (k: string | null) =>
  pick(
    {
      assistant_social_worker: m.stw_level_assistant_social_worker,
      social_worker: m.stw_level_social_worker,
      senior_social_worker: m.stw_level_senior_social_worker,
      junior_college: m.stw_level_junior_college,
      bachelor: m.stw_level_bachelor,
      master: m.stw_level_master,
      doctorate: m.stw_level_doctorate,
    },
    k,
  )
export const qualificationStateLabel = (k: string) =>
  pick(
    {
      valid: m.stw_qstate_valid,
      expiring: m.stw_qstate_expiring,
      expired: m.stw_qstate_expired,
      no_expiry: m.stw_qstate_no_expiry,
    },
    k,
  )
export const qualificationTone = (k: string) =>
  k === 'expired' ? 'rejected' : k === 'expiring' ? 'pending' : 'approved'
