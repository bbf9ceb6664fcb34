import { type DbOrTx, referralsRepo, schema } from '@liandong/db'
import { and, eq, inArray } from 'drizzle-orm'

/**
 * The need follows its referrals: sent → referred; resolved → met; when a referral ends without
 * help (declined, expired, cancelled, unresolved) and no other referral of the need is live, the
 * need is open again. A need someone closed or withdrew is left alone.
 */
export async function needFollowsReferral(
  tx: DbOrTx,
  needId: string,
  referralId: string,
  outcome: 'referred' | 'met' | 'ended',
  now: Date,
): Promise<void> {
  const needs = schema.needs
  if (outcome === 'referred') {
    await tx
      .update(needs)
      .set({ status: 'referred', updatedAt: now })
      .where(and(eq(needs.id, needId), inArray(needs.status, ['open', 'matched'])))
    return
  }
  if (outcome === 'met') {
    await tx
      .update(needs)
      .set({ status: 'met', closedAt: now, updatedAt: now })
      .where(and(eq(needs.id, needId), inArray(needs.status, ['open', 'matched', 'referred'])))
    return
  }
  if ((await referralsRepo(tx).liveForNeed(needId, referralId)) > 0) return
  await tx
    .update(needs)
    .set({ status: 'open', updatedAt: now })
    .where(and(eq(needs.id, needId), eq(needs.status, 'referred')))
}
