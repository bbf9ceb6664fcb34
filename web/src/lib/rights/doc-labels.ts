import {
  attainmentLabel,
  closureReasonLabel,
  followUpMethodLabel,
  followUpStateLabel,
  indicatorKindLabel,
  methodLabel,
  ownerLabel,
  riskLabel,
  signedByLabel,
  sourceLabel,
  techniqueLabel,
} from '$lib/cases/labels.ts'
import { needLabel } from '$lib/labels.ts'
import { m } from '$lib/paraglide/messages.js'

// Names of a case document's fields on the printable copy, from the case pages' own catalogue;
// a field without a label there shows its key.
const labels: Record<string, () => string> = {
  source: m.cs_source,
  collectedInfo: m.cs_collected_info,
  initialProblems: m.cs_initial_problems,
  agreement: m.cs_agreement,
  signedOn: m.cs_agreement_signed_on,
  signedBy: m.cs_agreement_signed_by,
  services: m.cs_agreement_services,
  category: m.cs_need_category,
  description: m.cs_need_description,
  causes: m.cs_need_causes,
  priority: m.cs_need_priority,
  strengths: m.cs_strengths,
  risk: m.cs_risk,
  purpose: m.cs_purpose,
  goals: m.cs_goals,
  strategy: m.cs_strategy,
  steps: m.cs_steps,
  action: m.cs_step_action,
  due: m.cs_step_due,
  owner: m.cs_step_owner,
  startsOn: m.cs_starts_on,
  endsOn: m.cs_ends_on,
  roles: m.cs_roles,
  indicators: m.cs_indicators,
  target: m.cs_indicator_target,
  heldOn: m.cs_held_on,
  method: m.cs_method,
  technique: m.cs_technique,
  content: m.cs_note_content,
  progress: m.cs_note_progress,
}

export const docFieldLabel = (key: string) => labels[key]?.() ?? key

// Coded values of a case document, named from the same catalogue (a follow-up's `method` is a
// way of contact, an intervention's a social-work method: whichever names the key wins).
const values: Record<string, (key: string) => string> = {
  source: sourceLabel,
  signedBy: signedByLabel,
  risk: riskLabel,
  owner: ownerLabel,
  kind: indicatorKindLabel,
  method: (key) => (methodLabel(key) !== key ? methodLabel(key) : followUpMethodLabel(key)),
  technique: techniqueLabel,
  attainment: attainmentLabel,
  reason: closureReasonLabel,
  state: followUpStateLabel,
  category: needLabel,
}

/** A document value for the reader: a coded value by its label, anything else as written. */
export const docValueLabel = (key: string, value: string) => values[key]?.(value) ?? value
