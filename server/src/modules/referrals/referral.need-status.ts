import { type DbOrTx, referralsRepo, schema } from '@liandong/db'
import { eq } from 'drizzle-orm'
import type { RealtimeHub } from '../../realtime/index.ts'
import { moveNeedForReferral } from '../needs/need-referrals.ts'
import { canMove, REFERRAL_TRANSITIONS } from '../needs/need-status.ts'
import type { NeedStatus } from '../needs/need-types.ts'

/**
 * The need follows its referrals (through the needs module's own rule): sent → referred;
 * resolved → met; when a referral ends without help and no other referral of the need is live,
 * open again. A move the needs module does not allow — a need someone closed or withdrew
 * meanwhile, or one already met — leaves the need as it is: the referral's step still happens.
 */
export async function needFollowsReferral(
  tx: DbOrTx,
  needId: string,
  referralId: string,
  outcome: 'referred' | 'met' | 'ended',
  now: Date,
  realtime: Pick<RealtimeHub, 'publish'>,
): Promise<void> {
  if (outcome === 'ended' && (await referralsRepo(tx).liveForNeed(needId, referralId)) > 0) return
  const to = outcome === 'ended' ? 'open' : outcome
  const [need] = await tx
    .select({ status: schema.needs.status })
    .from(schema.needs)
    .where(eq(schema.needs.id, needId))
  const from = need?.status as NeedStatus | undefined
  if (!from || from === to || !canMove(REFERRAL_TRANSITIONS, from, to)) return
  await moveNeedForReferral(tx, needId, to, { now, realtime })
}
