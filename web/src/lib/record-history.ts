import { m } from '$lib/paraglide/messages.js'

// What happened to a service record, as its history names it (server: service-record history).
const actions: Record<string, () => string> = {
  created: m.vol_history_created,
  self_reported: m.vol_history_self_reported,
  edited: m.vol_history_edited,
  minutes_overridden: m.vol_history_minutes_overridden,
  approved: m.vol_history_approved,
  rejected: m.vol_history_rejected,
  correction_requested: m.vol_history_correction_requested,
  corrected: m.vol_history_corrected,
  correction_rejected: m.vol_history_correction_rejected,
}

export const historyActionLabel = (key: string) => actions[key]?.() ?? key
