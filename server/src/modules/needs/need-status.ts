import type { NeedStatus } from './need-types.ts'

// A need's life. Social workers move it by hand along MANUAL; referrals move it along REFERRAL
// (sending one makes it referred, a resolved one makes it met, one that ends otherwise returns it to
// open) through `moveNeedForReferral` in need-referrals.ts.

export const MANUAL_TRANSITIONS: Record<NeedStatus, readonly NeedStatus[]> = {
  open: ['matched', 'closed', 'withdrawn'],
  matched: ['open', 'closed', 'withdrawn'],
  referred: ['closed'],
  met: ['closed'],
  // Reopening a closed need is allowed; a withdrawn one stays withdrawn (post a new need instead).
  closed: ['open'],
  withdrawn: [],
}

export const REFERRAL_TRANSITIONS: Record<NeedStatus, readonly NeedStatus[]> = {
  open: ['referred'],
  matched: ['referred'],
  referred: ['met', 'open'],
  met: [],
  closed: [],
  withdrawn: [],
}

export const canMove = (table: Record<NeedStatus, readonly NeedStatus[]>, from: NeedStatus, to: NeedStatus) =>
  table[from].includes(to)

/** Statuses in which a need is gone from every search and from partners' view. */
export const HIDDEN_STATUSES: readonly NeedStatus[] = ['closed', 'withdrawn']
/** Statuses in which partners see a need and may offer help. */
export const OPEN_TO_PARTNERS: readonly NeedStatus[] = ['open', 'matched']
/** A need is finished (its closedAt is set) in these. */
export const FINAL_STATUSES: readonly NeedStatus[] = ['met', 'closed', 'withdrawn']
