import { type DbOrTx, enqueueOutbox, schema } from '@liandong/db'
import { and, eq } from 'drizzle-orm'
import { ConflictError, NotFoundError } from '../../errors.ts'
import type { RealtimeHub } from '../../realtime/index.ts'
import { NEEDS_INDEX } from './need-documents.ts'
import { canMove, FINAL_STATUSES, REFERRAL_TRANSITIONS } from './need-status.ts'
import type { NeedStatus } from './need-types.ts'

const { needs, needPledges } = schema

/** Publishes a need's change where its agency listens: `org:<agency>` and `need:<id>`. */
export async function publishNeedChanged(
  realtime: Pick<RealtimeHub, 'publish'>,
  need: { id: string; orgId: string; status: string },
  tx?: DbOrTx,
) {
  const data = { id: need.id, status: need.status }
  const options = tx ? { tx } : {}
  await realtime.publish(`org:${need.orgId}`, 'need.changed', data, options)
  await realtime.publish(`need:${need.id}`, 'need.changed', data, options)
}

/**
 * For the referrals module: moves a need as its referrals move — `referred` when one is sent,
 * `met` when one is resolved, back to `open` when the last active one ends otherwise. Call it in
 * the referral's transaction; the search document and the realtime event commit with it. Moving
 * to the status the need already has is a no-op; a move REFERRAL_TRANSITIONS does not allow
 * (e.g. a withdrawn need) throws 409 `need.wrong_status`.
 */
export async function moveNeedForReferral(
  tx: DbOrTx,
  needId: string,
  to: Extract<NeedStatus, 'referred' | 'met' | 'open'>,
  options: { now: Date; realtime?: Pick<RealtimeHub, 'publish'> },
): Promise<{ id: string; orgId: string; status: NeedStatus }> {
  const [need] = await tx.select().from(needs).where(eq(needs.id, needId)).for('update')
  if (!need) throw new NotFoundError()
  const from = need.status as NeedStatus
  if (from === to) return { id: need.id, orgId: need.orgId, status: from }
  if (!canMove(REFERRAL_TRANSITIONS, from, to))
    throw new ConflictError('need.wrong_status', { status: from, to })
  await tx
    .update(needs)
    .set({ status: to, closedAt: FINAL_STATUSES.includes(to) ? options.now : null, updatedAt: options.now })
    .where(and(eq(needs.id, needId), eq(needs.status, from)))
  await enqueueOutbox(tx, NEEDS_INDEX, 'upsert', needId)
  const moved = { id: need.id, orgId: need.orgId, status: to }
  if (options.realtime) await publishNeedChanged(options.realtime, moved, tx)
  return moved
}

/**
 * For the referrals module: records that an accepted pledge became `referralId`. Accepting a
 * pledge leaves `referralId` null and hands the UI a referral draft; the referral, once created,
 * calls this in its own transaction.
 */
export async function linkPledgeToReferral(
  tx: DbOrTx,
  pledgeId: string,
  referralId: string,
): Promise<boolean> {
  const rows = await tx
    .update(needPledges)
    .set({ referralId })
    .where(and(eq(needPledges.id, pledgeId), eq(needPledges.status, 'accepted')))
    .returning({ id: needPledges.id })
  return rows.length > 0
}
