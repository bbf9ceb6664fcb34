import type { OrgRole, ReferralStatus } from '@liandong/db'

// The referral lifecycle (GLOSSARY "Referral statuses") as one table: for each action, the
// statuses it may start from, the status it leads to, and which role on which side may take it.
// Pure data and functions — the service asks this module and nothing else decides.

/** Which organization the caller acts for: the one that referred, the one that receives, or the job runner. */
export type ReferralSide = 'sender' | 'receiver' | 'system'

export const referralActions = [
  'send',
  'send_override',
  'accept',
  'decline',
  'start',
  'hold',
  'resolve',
  'unresolve',
  'cancel',
  'expire',
  'refer_elsewhere',
] as const
export type ReferralAction = (typeof referralActions)[number]

interface Rule {
  from: readonly ReferralStatus[]
  to: ReferralStatus
  /** Who may: roles per side (the system side has no roles). */
  by: Partial<Record<ReferralSide, readonly OrgRole[]>>
}

const workers = ['social_worker', 'supervisor'] as const satisfies readonly OrgRole[]
// Any staff role of the receiving organization answers: partners, and agencies receiving from agencies.
const receivers = [
  'partner_staff',
  'org_admin',
  'social_worker',
  'supervisor',
] as const satisfies readonly OrgRole[]
const open = ['accepted', 'in_progress', 'on_hold'] as const satisfies readonly ReferralStatus[]

export const referralRules: Record<ReferralAction, Rule> = {
  send: { from: ['draft'], to: 'sent', by: { sender: workers } },
  // Sending without a recorded consent: supervisors only, with a reason (audited).
  send_override: { from: ['draft'], to: 'sent', by: { sender: ['supervisor'] } },
  accept: { from: ['sent'], to: 'accepted', by: { receiver: receivers } },
  decline: { from: ['sent'], to: 'declined', by: { receiver: receivers } },
  start: { from: ['accepted', 'on_hold'], to: 'in_progress', by: { receiver: receivers } },
  hold: { from: ['accepted', 'in_progress'], to: 'on_hold', by: { receiver: receivers } },
  // The receiving side reports the outcome; the referring worker may record it when following up.
  resolve: { from: open, to: 'resolved', by: { receiver: receivers, sender: workers } },
  unresolve: { from: open, to: 'unresolved', by: { receiver: receivers, sender: workers } },
  cancel: { from: ['draft', 'sent', ...open], to: 'cancelled', by: { sender: workers } },
  expire: { from: ['sent'], to: 'expired', by: { system: [] } },
  refer_elsewhere: {
    from: ['declined', 'expired', ...open],
    to: 'referred_elsewhere',
    by: { sender: workers },
  },
}

/** Statuses in which the referral is over: nothing but comments can follow. */
export const finalStatuses: readonly ReferralStatus[] = [
  'resolved',
  'unresolved',
  'cancelled',
  'expired',
  'declined',
  'referred_elsewhere',
]
/** Statuses in which the receiving organization serves the recipient (and may open the shared fields). */
export const servingStatuses: readonly ReferralStatus[] = open
/** Statuses that still wait for someone: the referral is live for the need. */
export const liveStatuses: readonly ReferralStatus[] = ['draft', 'sent', ...open]

export interface Actor {
  /** The caller's roles in the sending organization, in the receiving one, or the system. */
  senderRoles: readonly OrgRole[]
  receiverRoles: readonly OrgRole[]
  system?: boolean
}

export type Decision =
  | { ok: true; to: ReferralStatus }
  | { ok: false; reason: 'wrong_status' | 'not_allowed' }

/** May `actor` take `action` on a referral in `status`? Roles are checked before the status. */
export function decide(action: ReferralAction, status: ReferralStatus, actor: Actor): Decision {
  const rule = referralRules[action]
  const allowed =
    (actor.system === true && rule.by.system !== undefined) ||
    (rule.by.sender?.some((r) => actor.senderRoles.includes(r)) ?? false) ||
    (rule.by.receiver?.some((r) => actor.receiverRoles.includes(r)) ?? false)
  if (!allowed) return { ok: false, reason: 'not_allowed' }
  if (!rule.from.includes(status)) return { ok: false, reason: 'wrong_status' }
  return { ok: true, to: rule.to }
}

/** The actions `actor` may take now, for the buttons a page shows. */
export function availableActions(status: ReferralStatus, actor: Actor): ReferralAction[] {
  return referralActions.filter((a) => !actor.system && decide(a, status, actor).ok)
}

/** Moving to this status gives back the capacity the referral holds. */
export const releasesCapacity = (to: ReferralStatus) =>
  to === 'resolved' || to === 'unresolved' || to === 'cancelled' || to === 'referred_elsewhere'
