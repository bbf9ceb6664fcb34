import type { ReferralStatus } from '$lib/marketplace/types.ts'

/** The quick filters of the outbox and inbox: which statuses each one shows. */
export const statusGroups: Record<string, ReferralStatus[]> = {
  waiting: ['sent'],
  active: ['accepted', 'in_progress', 'on_hold'],
  closed: ['resolved', 'unresolved'],
  ended: ['declined', 'cancelled', 'expired', 'referred_elsewhere'],
  draft: ['draft'],
}
