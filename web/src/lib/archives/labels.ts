import { m } from '$lib/paraglide/messages.js'

export const recordTypes = ['case', 'complaint', 'incident'] as const
export const archiveStatuses = ['archived', 'destroyed'] as const
export const views = ['due', 'borrowed', 'outgoing', 'incoming'] as const
export type View = (typeof views)[number]

export const recordTypeLabel = (t: string) =>
  ({ case: m.ar_type_case(), complaint: m.ar_type_complaint(), incident: m.ar_type_incident() })[t] ?? t
export const statusLabel = (s: string) =>
  ({ archived: m.ar_status_archived(), destroyed: m.ar_status_destroyed() })[s] ?? s
export const viewLabel = (v: string) =>
  ({
    due: m.ar_view_due(),
    borrowed: m.ar_view_borrowed(),
    outgoing: m.ar_view_outgoing(),
    incoming: m.ar_view_incoming(),
  })[v] ?? v
export const borrowStatusLabel = (s: string) =>
  ({
    requested: m.ar_borrow_status_requested(),
    approved: m.ar_borrow_status_approved(),
    rejected: m.ar_borrow_status_rejected(),
    returned: m.ar_borrow_status_returned(),
    cancelled: m.ar_borrow_status_cancelled(),
  })[s] ?? s
export const borrowTone = (s: string, overdue: boolean) =>
  overdue
    ? ('bad' as const)
    : s === 'requested'
      ? ('wait' as const)
      : s === 'approved'
        ? ('work' as const)
        : ('idle' as const)
export const destructionStatusLabel = (s: string) =>
  ({
    pending: m.ar_destruction_status_pending(),
    approved: m.ar_destruction_status_approved(),
    rejected: m.ar_destruction_status_rejected(),
    cancelled: m.ar_destruction_status_cancelled(),
  })[s] ?? s
export const eventLabel = (k: string) =>
  ({
    filed: m.ar_event_filed(),
    borrow_requested: m.ar_event_borrow_requested(),
    borrow_approved: m.ar_event_borrow_approved(),
    borrow_rejected: m.ar_event_borrow_rejected(),
    borrow_cancelled: m.ar_event_borrow_cancelled(),
    borrow_overdue: m.ar_event_borrow_overdue(),
    returned: m.ar_event_returned(),
    due: m.ar_event_due(),
    destruction_requested: m.ar_event_destruction_requested(),
    destruction_approved: m.ar_event_destruction_approved(),
    destruction_rejected: m.ar_event_destruction_rejected(),
    destruction_cancelled: m.ar_event_destruction_cancelled(),
    destroyed: m.ar_event_destroyed(),
    transfer_requested: m.ar_event_transfer_requested(),
    transfer_accepted: m.ar_event_transfer_accepted(),
    transfer_declined: m.ar_event_transfer_declined(),
    transfer_cancelled: m.ar_event_transfer_cancelled(),
  })[k] ?? k
const purgedKey = (k: string) =>
  ({
    records: m.ar_purged_records(),
    attachments: m.ar_purged_attachments(),
    needTexts: m.ar_purged_needTexts(),
    complaints: m.ar_purged_complaints(),
    eventNotes: m.ar_purged_eventNotes(),
    incidents: m.ar_purged_incidents(),
    people: m.ar_purged_people(),
    logEntries: m.ar_purged_logEntries(),
  })[k] ?? k
/** "文书 6 · 附件 1": what a destruction purged, by count. */
export const purgedText = (purged: Record<string, number>) =>
  Object.entries(purged)
    .map(([key, count]) => m.ar_purged_item({ key: purgedKey(key), count: String(count) }))
    .join(' · ')

/** Today and the latest return date, as YYYY-MM-DD in Beijing time. */
export const beijingDay = (offsetDays = 0) =>
  new Date(Date.now() + offsetDays * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)
