import { m } from '$lib/paraglide/messages.js'

// Marketplace keys from the API (GLOSSARY: referral statuses, decline reasons; needs' urgency,
// status and age bands) mapped to catalogue labels; an unknown key shows as is.
const label = (table: Record<string, () => string>) => (key: string | null | undefined) =>
  key ? (table[key]?.() ?? key) : ''

export const referralStatuses = [
  'draft',
  'sent',
  'accepted',
  'declined',
  'in_progress',
  'on_hold',
  'resolved',
  'unresolved',
  'cancelled',
  'expired',
  'referred_elsewhere',
] as const
export const referralStatusLabel = label({
  draft: m.mk_rs_draft,
  sent: m.mk_rs_sent,
  accepted: m.mk_rs_accepted,
  declined: m.mk_rs_declined,
  in_progress: m.mk_rs_in_progress,
  on_hold: m.mk_rs_on_hold,
  resolved: m.mk_rs_resolved,
  unresolved: m.mk_rs_unresolved,
  cancelled: m.mk_rs_cancelled,
  expired: m.mk_rs_expired,
  referred_elsewhere: m.mk_rs_referred_elsewhere,
})
/** The colour family a status badge takes: waiting, working, done well, ended otherwise. */
export function referralTone(status: string): 'wait' | 'work' | 'good' | 'bad' | 'idle' {
  if (status === 'sent') return 'wait'
  if (status === 'accepted' || status === 'in_progress' || status === 'on_hold') return 'work'
  if (status === 'resolved') return 'good'
  if (status === 'declined' || status === 'unresolved' || status === 'expired') return 'bad'
  return 'idle'
}

export const declineReasons = [
  'not_eligible',
  'no_capacity',
  'out_of_area',
  'documents_missing',
  'unreachable',
  'other',
] as const
export const declineReasonLabel = label({
  not_eligible: m.mk_decline_not_eligible,
  no_capacity: m.mk_decline_no_capacity,
  out_of_area: m.mk_decline_out_of_area,
  documents_missing: m.mk_decline_documents_missing,
  unreachable: m.mk_decline_unreachable,
  other: m.mk_decline_other,
})

export const referralActionLabel = label({
  send: m.mk_act_send,
  send_override: m.mk_act_send_override,
  accept: m.mk_act_accept,
  decline: m.mk_act_decline,
  start: m.mk_act_start,
  hold: m.mk_act_hold,
  resolve: m.mk_act_resolve,
  unresolve: m.mk_act_unresolve,
  cancel: m.mk_act_cancel,
  refer_elsewhere: m.mk_act_refer_elsewhere,
})

/** What each timeline entry says happened. */
export const timelineKindLabel = label({
  create: m.mk_tl_create,
  pledge: m.mk_tl_pledge,
  send: m.mk_tl_send,
  send_override: m.mk_tl_send_override,
  accept: m.mk_tl_accept,
  decline: m.mk_tl_decline,
  start: m.mk_tl_start,
  hold: m.mk_tl_hold,
  resolve: m.mk_tl_resolve,
  unresolve: m.mk_tl_unresolve,
  cancel: m.mk_tl_cancel,
  expire: m.mk_tl_expire,
  refer_elsewhere: m.mk_tl_refer_elsewhere,
  previous: m.mk_tl_previous,
  comment: m.mk_tl_comment,
})

export const needStatuses = ['open', 'matched', 'referred', 'met', 'closed', 'withdrawn'] as const
export const needStatusLabel = label({
  open: m.mk_ns_open,
  matched: m.mk_ns_matched,
  referred: m.mk_ns_referred,
  met: m.mk_ns_met,
  closed: m.mk_ns_closed,
  withdrawn: m.mk_ns_withdrawn,
})
export function needTone(status: string): 'wait' | 'work' | 'good' | 'idle' {
  if (status === 'open') return 'wait'
  if (status === 'matched' || status === 'referred') return 'work'
  if (status === 'met') return 'good'
  return 'idle'
}

export const urgencies = ['low', 'normal', 'high', 'urgent'] as const
export const urgencyLabel = label({
  low: m.mk_urgency_low,
  normal: m.mk_urgency_normal,
  high: m.mk_urgency_high,
  urgent: m.mk_urgency_urgent,
})

export const ageBandLabel = label({
  child: m.mk_age_child,
  teen: m.mk_age_teen,
  adult: m.mk_age_adult,
  senior: m.mk_age_senior,
  elder: m.mk_age_elder,
})

export const genders = ['female', 'male', 'other', 'undisclosed'] as const
export const genderLabel = label({
  female: m.vol_gender_female,
  male: m.vol_gender_male,
  other: m.vol_gender_other,
  undisclosed: m.vol_gender_undisclosed,
})

export const idTypes = [
  'resident_id',
  'passport',
  'hk_macao_pass',
  'taiwan_pass',
  'foreigner_permit',
] as const
export const idTypeLabel = label({
  resident_id: m.mk_id_resident_id,
  passport: m.mk_id_passport,
  hk_macao_pass: m.mk_id_hk_macao_pass,
  taiwan_pass: m.mk_id_taiwan_pass,
  foreigner_permit: m.mk_id_foreigner_permit,
})

export const consentPurposes = ['service', 'share_with_org', 'data_processing'] as const
export const consentPurposeLabel = label({
  service: m.mk_purpose_service,
  share_with_org: m.mk_purpose_share_with_org,
  data_processing: m.mk_purpose_data_processing,
})
export const consentMethods = ['paper', 'verbal', 'electronic'] as const
export const consentMethodLabel = label({
  paper: m.mk_method_paper,
  verbal: m.mk_method_verbal,
  electronic: m.mk_method_electronic,
})

/** The personal fields a referral may carry (the consent's scope names them). */
export const shareableFields = ['name', 'phone', 'address', 'gender', 'birthYear', 'idNumber'] as const
export const sharedFieldLabel = label({
  name: m.mk_field_name,
  phone: m.mk_field_phone,
  address: m.mk_field_address,
  gender: m.mk_field_gender,
  birthYear: m.mk_field_birth_year,
  idNumber: m.mk_field_id_number,
})
/** The words a consent's scope uses for each field: the server reads them back (referral.shared.ts). */
export const scopeWord: Record<(typeof shareableFields)[number], string> = {
  name: '姓名',
  phone: '电话',
  address: '住址',
  gender: '性别',
  birthYear: '出生年份',
  idNumber: '身份证',
}

export const revealLabel = label({
  name: m.mk_field_name,
  birthDate: m.mk_field_birth_date,
  phone: m.mk_field_phone,
  idNumber: m.mk_field_id_number,
  address: m.mk_field_address,
  household: m.cs_field_household,
  health: m.cs_field_health,
  income: m.cs_field_income,
  military: m.cs_field_military,
})

export const areaLevelLabel = label({
  same_district: m.mk_area_same_district,
  city_wide: m.mk_area_city_wide,
  neighbouring: m.mk_area_neighbouring,
  province_wide: m.mk_area_province_wide,
  nearby: m.mk_area_nearby,
  anywhere: m.mk_area_anywhere,
  out_of_area: m.mk_area_out_of_area,
})
