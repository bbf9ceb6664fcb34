import { revealLabel } from '$lib/marketplace/labels.ts'
import { m } from '$lib/paraglide/messages.js'

const label = (table: Record<string, () => string>) => (key: string | null | undefined) =>
  key ? (table[key]?.() ?? key) : ''

export const requestKinds = ['access', 'correction', 'deletion'] as const
export const kindLabel = label({
  access: m.rt_kind_access,
  correction: m.rt_kind_correction,
  deletion: m.rt_kind_deletion,
})
export const channels = ['in_person', 'phone', 'written'] as const
export const channelLabel = label({
  in_person: m.rt_channel_in_person,
  phone: m.rt_channel_phone,
  written: m.rt_channel_written,
})
export const statusLabel = label({
  open: m.rt_status_open,
  done: m.rt_status_done,
  scheduled: m.rt_status_scheduled,
  refused: m.rt_status_refused,
})
export const statusTone = (status: string): 'wait' | 'work' | 'good' | 'bad' | 'idle' =>
  status === 'open' ? 'wait' : status === 'done' ? 'good' : status === 'scheduled' ? 'work' : 'bad'

/** A corrected field's name: the reveal labels, plus the profile's clear fields. */
export function fieldLabel(field: string): string {
  const extra: Record<string, () => string> = {
    gender: m.rt_field_gender,
    categories: m.rt_field_categories,
    districtCode: m.rt_field_district,
    birthYear: m.rt_field_birth_year,
  }
  return extra[field]?.() ?? revealLabel(field)
}

/** One line of the reading log, in words. */
export function readLabel(what: string): string {
  if (what.startsWith('reveal:')) return m.rt_what_reveal({ field: fieldLabel(what.slice(7)) })
  const table: Record<string, () => string> = {
    recipient: m.rt_what_recipient,
    export: m.rt_what_export,
    requests: m.rt_what_requests,
    case: m.rt_what_case,
    case_file: m.rt_what_case_file,
  }
  return table[what]?.() ?? what
}
