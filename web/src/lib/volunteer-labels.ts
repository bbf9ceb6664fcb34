import { m } from '$lib/paraglide/messages.js'

// Stable keys of the volunteer area (GLOSSARY, db/src/schema/taxonomies.ts) → catalogue labels.
// An unknown key shows as is, so a taxonomy entry added by an agency is never hidden.

export const volunteerSkills = [
  'companionship',
  'elder_care',
  'child_care',
  'tutoring',
  'medical',
  'nursing',
  'rehabilitation',
  'psychological',
  'legal',
  'sign_language',
  'first_aid',
  'driving',
  'cooking',
  'photography',
  'it',
  'translation',
  'event',
  'repair',
  'counselling',
  'other',
] as const
export const idTypes = [
  'resident_id',
  'passport',
  'hk_macao_pass',
  'taiwan_pass',
  'foreigner_permit',
] as const
export const genders = ['female', 'male', 'other', 'undisclosed'] as const
export const nameDisplays = ['full', 'surname', 'anonymous'] as const

const table = (entries: Record<string, () => string>) => (key: string) => entries[key]?.() ?? key

export const skillLabel = table({
  companionship: m.vol_skill_companionship,
  elder_care: m.vol_skill_elder_care,
  child_care: m.vol_skill_child_care,
  tutoring: m.vol_skill_tutoring,
  medical: m.vol_skill_medical,
  nursing: m.vol_skill_nursing,
  rehabilitation: m.vol_skill_rehabilitation,
  psychological: m.vol_skill_psychological,
  legal: m.vol_skill_legal,
  sign_language: m.vol_skill_sign_language,
  first_aid: m.vol_skill_first_aid,
  driving: m.vol_skill_driving,
  cooking: m.vol_skill_cooking,
  photography: m.vol_skill_photography,
  it: m.vol_skill_it,
  translation: m.vol_skill_translation,
  event: m.vol_skill_event,
  repair: m.vol_skill_repair,
  counselling: m.vol_skill_counselling,
  other: m.vol_skill_other,
})

export const idTypeLabel = table({
  resident_id: m.vol_id_resident_id,
  passport: m.vol_id_passport,
  hk_macao_pass: m.vol_id_hk_macao_pass,
  taiwan_pass: m.vol_id_taiwan_pass,
  foreigner_permit: m.vol_id_foreigner_permit,
})

export const genderLabel = table({
  female: m.vol_gender_female,
  male: m.vol_gender_male,
  other: m.vol_gender_other,
  undisclosed: m.vol_gender_undisclosed,
})

export const nameDisplayLabel = table({
  full: m.vol_name_display_full,
  surname: m.vol_name_display_surname,
  anonymous: m.vol_name_display_anonymous,
})

export const signupStatusLabel = table({
  pending_approval: m.vol_signup_pending_approval,
  confirmed: m.vol_signup_confirmed,
  waitlisted: m.vol_signup_waitlisted,
  offered: m.vol_signup_offered,
  declined: m.vol_signup_declined,
  cancelled: m.vol_signup_cancelled,
  rejected: m.vol_signup_rejected,
  no_show: m.vol_signup_no_show,
  attended: m.vol_signup_attended,
})

export const recordStatusLabel = table({
  pending: m.vol_record_pending,
  approved: m.vol_record_approved,
  rejected: m.vol_record_rejected,
})

export const opportunityStatusLabel = table({
  draft: m.vol_opp_status_draft,
  published: m.vol_opp_status_published,
  closed: m.vol_opp_status_closed,
})

export const courseModeLabel = table({ online: m.vol_course_online, onsite: m.vol_course_onsite })

export const enrolmentStatusLabel = table({
  enrolled: m.vol_enrolment_enrolled,
  completed: m.vol_enrolment_completed,
  failed: m.vol_enrolment_failed,
})

export const badgeLabel = table({
  first_shift: m.vol_badge_first_shift,
  hours_10: m.vol_badge_hours_10,
  hours_50: m.vol_badge_hours_50,
  hours_100: m.vol_badge_hours_100,
  hours_500: m.vol_badge_hours_500,
  shifts_10: m.vol_badge_shifts_10,
  shifts_50: m.vol_badge_shifts_50,
})

export const gateLabel = table({
  profile: m.vol_gate_profile,
  age: m.vol_gate_age,
  guardian_consent: m.vol_gate_guardian_consent,
  training: m.vol_gate_training,
  skills: m.vol_gate_skills,
  insurance: m.vol_gate_insurance,
})

export const pointReasonLabel = table({
  service: m.vol_points_service,
  redemption: m.vol_points_redemption,
  correction: m.vol_points_correction,
  refund: m.vol_points_refund,
})

export const redemptionStatusLabel = table({
  requested: m.vol_redemption_requested,
  fulfilled: m.vol_redemption_fulfilled,
  cancelled: m.vol_redemption_cancelled,
})

export const certificateStatusLabel = table({
  requested: m.vol_cert_requested,
  issued: m.vol_cert_issued,
  rejected: m.vol_cert_rejected,
  revoked: m.vol_cert_revoked,
})

/** 0 = Sunday, as the API counts. */
export const weekdayLabel = (day: number) =>
  [m.vol_day_0, m.vol_day_1, m.vol_day_2, m.vol_day_3, m.vol_day_4, m.vol_day_5, m.vol_day_6][day]?.() ??
  String(day)

/** Minutes as hours with at most one decimal: 90 → "1.5". */
export const hours = (minutes: number) => String(Math.round(minutes / 6) / 10)

/** ★★★☆☆ for a star level out of the region's tiers, with the number for screen readers beside it. */
export const stars = (level: number, tiers = 5) => '★'.repeat(level) + '☆'.repeat(Math.max(0, tiers - level))

/** Status classes StatusBadge colours: map lifecycle keys onto its pending/approved/rejected looks. */
export function badgeTone(status: string): string {
  if (['confirmed', 'attended', 'approved', 'completed', 'issued', 'published', 'fulfilled'].includes(status))
    return 'approved'
  if (['cancelled', 'rejected', 'no_show', 'declined', 'failed', 'revoked', 'closed'].includes(status))
    return 'rejected'
  return 'pending'
}
