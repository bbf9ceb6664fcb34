import type { ReferralStatus, ReferralView } from '@liandong/db'
import type { Principal } from '../../auth/principal.ts'
import { type Actor, availableActions } from './referral.lifecycle.ts'

// What each side sees of a referral. The receiving organization learns the need's de-identified
// view and nothing of the recipient; the sending side sees its own need's title and file number.

export function sideOf(p: Principal, fromOrgId: string, toOrgId: string): 'sender' | 'receiver' | 'both' {
  const sender = p.canInOrg('referral.read', fromOrgId)
  const receiver = p.canInOrg('referral.read', toOrgId)
  return sender && receiver ? 'both' : sender ? 'sender' : 'receiver'
}

export function presentReferral(p: Principal, v: ReferralView, actor: Actor, now: Date) {
  const r = v.referral
  const side = sideOf(p, r.fromOrgId, r.toOrgId)
  const sender = side !== 'receiver'
  return {
    id: r.id,
    status: r.status as ReferralStatus,
    side,
    need: {
      id: v.need.id,
      publicSummary: v.need.publicSummary,
      categories: v.need.categories,
      urgency: v.need.urgency,
      ageBand: v.need.ageBand,
      districtCode: v.need.districtCode,
      status: v.need.status,
      title: sender ? v.need.title : null,
      recipient: sender ? v.recipient : null,
    },
    resource: v.resource,
    fromOrg: { id: r.fromOrgId, name: v.fromOrgName },
    toOrg: { id: r.toOrgId, name: v.toOrgName },
    quantity: r.quantity,
    note: r.note,
    consent: (r.consentId ? 'given' : r.consentOverrideReason ? 'overridden' : 'none') as
      | 'given'
      | 'overridden'
      | 'none',
    consentOverrideReason: sender ? r.consentOverrideReason : null,
    sentAt: r.sentAt,
    respondBy: r.respondBy,
    overdue: r.status === 'sent' && r.respondBy !== null && r.respondBy <= now,
    respondedAt: r.respondedAt,
    closedAt: r.closedAt,
    declineReason: r.declineReason as never,
    declineNote: r.declineNote,
    outcome: r.outcome,
    outcomeNote: r.outcomeNote,
    nextReferralId: r.nextReferralId,
    createdByName: v.createdByName,
    actions: availableActions(r.status as ReferralStatus, actor),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }
}
