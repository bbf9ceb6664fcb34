import { m } from '$lib/paraglide/messages.js'

// Case keys from the API (GLOSSARY "Case workflow", methods and interventions) mapped to catalogue
// labels; an unknown key shows as is.
const label = (table: Record<string, () => string>) => (key: string | null | undefined) =>
  key ? (table[key]?.() ?? key) : ''

export const stages = [
  'intake',
  'assessment',
  'planning',
  'intervention',
  'evaluation',
  'closure',
  'follow_up',
] as const
export const stageLabel = label({
  intake: m.cs_stage_intake,
  assessment: m.cs_stage_assessment,
  planning: m.cs_stage_planning,
  intervention: m.cs_stage_intervention,
  evaluation: m.cs_stage_evaluation,
  closure: m.cs_stage_closure,
  follow_up: m.cs_stage_follow_up,
})
export const caseStatuses = ['open', 'closed', 'referred_out'] as const
export const caseStatusLabel = label({
  open: m.cs_status_open,
  closed: m.cs_status_closed,
  referred_out: m.cs_status_referred_out,
})
export const caseTone = (status: string): 'work' | 'good' | 'idle' =>
  status === 'open' ? 'work' : status === 'closed' ? 'good' : 'idle'

export const recordKindLabel = label({
  intake: m.cs_kind_intake,
  referral_out: m.cs_kind_referral_out,
  assessment: m.cs_kind_assessment,
  plan: m.cs_kind_plan,
  intervention_note: m.cs_kind_intervention_note,
  evaluation: m.cs_kind_evaluation,
  closure: m.cs_kind_closure,
  follow_up: m.cs_kind_follow_up,
})
export const recordStatusLabel = label({
  draft: m.cs_rs_draft,
  submitted: m.cs_rs_submitted,
  approved: m.cs_rs_approved,
  returned: m.cs_rs_returned,
  recorded: m.cs_rs_recorded,
})
export const recordTone = (status: string): 'wait' | 'work' | 'good' | 'bad' | 'idle' =>
  status === 'submitted'
    ? 'wait'
    : status === 'approved' || status === 'recorded'
      ? 'good'
      : status === 'returned'
        ? 'bad'
        : 'idle'

export const sources = ['self', 'family', 'community', 'government', 'referral', 'outreach'] as const
export const sourceLabel = label({
  self: m.cs_source_self,
  family: m.cs_source_family,
  community: m.cs_source_community,
  government: m.cs_source_government,
  referral: m.cs_source_referral,
  outreach: m.cs_source_outreach,
})
export const signedByLabel = label({ self: m.cs_signed_self, guardian: m.cs_signed_guardian })
export const risks = ['low', 'medium', 'high'] as const
export const riskLabel = label({ low: m.cs_risk_low, medium: m.cs_risk_medium, high: m.cs_risk_high })
export const owners = ['worker', 'recipient', 'together', 'partner'] as const
export const ownerLabel = label({
  worker: m.cs_owner_worker,
  recipient: m.cs_owner_recipient,
  together: m.cs_owner_together,
  partner: m.cs_owner_partner,
})
export const indicatorKindLabel = label({ process: m.cs_indicator_process, outcome: m.cs_indicator_outcome })
export const methods = [
  'casework',
  'group_work',
  'community_work',
  'resource_linking',
  'research_advocacy',
  'volunteer_service',
  'publicity',
] as const
export const methodLabel = label({
  casework: m.cs_m_casework,
  group_work: m.cs_m_group_work,
  community_work: m.cs_m_community_work,
  resource_linking: m.cs_m_resource_linking,
  research_advocacy: m.cs_m_research_advocacy,
  volunteer_service: m.cs_m_volunteer_service,
  publicity: m.cs_m_publicity,
})
export const techniques = ['life_review', 'cbt', 'support_network', 'crisis_intervention', 'none'] as const
export const techniqueLabel = label({
  life_review: m.cs_t_life_review,
  cbt: m.cs_t_cbt,
  support_network: m.cs_t_support_network,
  crisis_intervention: m.cs_t_crisis_intervention,
  none: m.cs_t_none,
})
export const attainments = ['met', 'partly_met', 'not_met'] as const
export const attainmentLabel = label({
  met: m.cs_att_met,
  partly_met: m.cs_att_partly_met,
  not_met: m.cs_att_not_met,
})
export const closureReasons = [
  'goals_met',
  'recipient_request',
  'moved_away',
  'referred',
  'no_longer_eligible',
  'other',
] as const
export const closureReasonLabel = label({
  goals_met: m.cs_cr_goals_met,
  recipient_request: m.cs_cr_recipient_request,
  moved_away: m.cs_cr_moved_away,
  referred: m.cs_cr_referred,
  no_longer_eligible: m.cs_cr_no_longer_eligible,
  other: m.cs_cr_other,
})
export const followUpMethods = ['visit', 'phone', 'message', 'other'] as const
export const followUpMethodLabel = label({
  visit: m.cs_fu_visit,
  phone: m.cs_fu_phone,
  message: m.cs_fu_message,
  other: m.cs_fu_other,
})
export const followUpStateLabel = label({ stable: m.cs_fu_stable, needs_attention: m.cs_fu_needs_attention })
export const eventLabel = label({
  opened: m.cs_ev_opened,
  saved: m.cs_ev_saved,
  submitted: m.cs_ev_submitted,
  recorded: m.cs_ev_recorded,
  approved: m.cs_ev_approved,
  returned: m.cs_ev_returned,
  stage: m.cs_ev_stage,
  attached: m.cs_ev_attached,
  transfer_requested: m.cs_ev_transfer_requested,
  transfer_accepted: m.cs_ev_transfer_accepted,
  transfer_declined: m.cs_ev_transfer_declined,
  transfer_cancelled: m.cs_ev_transfer_cancelled,
  worker_added: m.cs_ev_worker_added,
  worker_removed: m.cs_ev_worker_removed,
})
export const viewLabel = label({ case: m.cs_view_case, attachment: m.cs_view_attachment })

/** Select options from a list of keys. */
export const options = (keys: readonly string[], of: (k: string) => string) =>
  keys.map((value) => ({ value, label: of(value) }))

/** Today in China, as a date input wants it. */
export const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
