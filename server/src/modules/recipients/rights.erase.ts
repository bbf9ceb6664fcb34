import { type DbOrTx, enqueueOutbox, schema } from '@liandong/db'
import { and, eq, inArray, isNotNull, max, notInArray } from 'drizzle-orm'
import type { SecretBox } from '../../crypto/secret-box.ts'
import { NEEDS_INDEX } from '../needs/need-documents.ts'
import { finalStatuses } from '../referrals/referral.lifecycle.ts'

// Erasure of a recipient's data at their request (PIPL art. 47), as far as retention allows.
// What stays, and why, is in docs/rights.md and docs/decisions.md: the rows themselves (ids, file
// numbers, statuses and dates) so that filed records, referrals and the audit trail still point
// somewhere; nothing that says who the person is or what they told the agency.

const {
  recipients,
  recipientConsents,
  recipientRequests,
  needs,
  needPledges,
  referrals,
  referralEvents,
  cases,
  caseRecords,
  caseAttachments,
  archives,
} = schema

/** What an erased recipient's name becomes (sealed as the name, and shown as the mask). */
export const ERASED_MARKER = '已删除'

/** Why a deletion cannot be decided yet: an open case, or a referral still under way. */
export async function erasureBlocker(tx: DbOrTx, recipientId: string): Promise<'case' | 'referral' | null> {
  const [open] = await tx
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.recipientId, recipientId), eq(cases.status, 'open')))
    .limit(1)
  if (open) return 'case'
  const [live] = await tx
    .select({ id: referrals.id })
    .from(referrals)
    .innerJoin(needs, eq(needs.id, referrals.needId))
    .where(and(eq(needs.recipientId, recipientId), notInArray(referrals.status, [...finalStatuses])))
    .limit(1)
  return live ? 'referral' : null
}

/** The last day a filed (not yet destroyed) case file of the recipient must be kept, or null. */
export async function retainedUntil(tx: DbOrTx, recipientId: string): Promise<string | null> {
  const [row] = await tx
    .select({ until: max(archives.retainUntil) })
    .from(archives)
    .where(and(eq(archives.recipientId, recipientId), eq(archives.status, 'archived')))
  return row?.until ?? null
}

/** Contact details the filed record does not need go at once, even while the rest waits. */
export async function eraseContact(tx: DbOrTx, recipientId: string, at: Date) {
  await tx
    .update(recipients)
    .set({ phoneSealed: null, phoneLast4: null, addressSealed: null, updatedAt: at })
    .where(eq(recipients.id, recipientId))
}

/**
 * Erases everything that identifies the recipient or records what they said, in the caller's
 * transaction. Open needs are withdrawn (and leave the search index); case documents and files
 * are deleted; referrals keep their status and dates but lose what was shared and every note.
 * Returns counts for the audit trail.
 */
export async function eraseRecipient(tx: DbOrTx, box: SecretBox, recipientId: string, at: Date) {
  await tx
    .update(recipients)
    .set({
      nameSealed: box.seal(ERASED_MARKER),
      nameMasked: ERASED_MARKER,
      gender: null,
      birthYear: null,
      birthDateSealed: null,
      categories: [],
      districtCode: null,
      phoneSealed: null,
      phoneLast4: null,
      idType: null,
      idNumberSealed: null,
      idNumberHash: null,
      idNumberLast4: null,
      addressSealed: null,
      householdSealed: null,
      householdSize: null,
      healthSealed: null,
      incomeSealed: null,
      militarySealed: null,
      status: 'erased',
      updatedAt: at,
    })
    .where(eq(recipients.id, recipientId))

  await tx
    .update(recipientConsents)
    .set({ guardianNameSealed: null, guardianRelation: null, scope: '', withdrawnReason: null })
    .where(eq(recipientConsents.recipientId, recipientId))

  // What the person asked for is theirs too; the requests' kinds, dates and answers stay.
  await tx
    .update(recipientRequests)
    .set({ detailsSealed: null, updatedAt: at })
    .where(eq(recipientRequests.recipientId, recipientId))

  const theirNeeds = await tx
    .select({ id: needs.id, status: needs.status })
    .from(needs)
    .where(eq(needs.recipientId, recipientId))
  const needIds = theirNeeds.map((n) => n.id)
  const withdrawn = theirNeeds.filter((n) => n.status === 'open' || n.status === 'matched').map((n) => n.id)
  if (withdrawn.length) {
    await tx.update(needs).set({ status: 'withdrawn', closedAt: at }).where(inArray(needs.id, withdrawn))
    await tx
      .update(needPledges)
      .set({ status: 'declined', respondedAt: at })
      .where(and(inArray(needPledges.needId, withdrawn), eq(needPledges.status, 'offered')))
  }
  if (needIds.length) {
    await tx
      .update(needs)
      .set({ title: ERASED_MARKER, privateDescriptionSealed: null, updatedAt: at })
      .where(inArray(needs.id, needIds))
    for (const id of needIds) await enqueueOutbox(tx, NEEDS_INDEX, 'upsert', id)
  }

  let referralCount = 0
  if (needIds.length) {
    const theirs = await tx
      .select({ id: referrals.id, override: referrals.consentOverrideReason })
      .from(referrals)
      .where(inArray(referrals.needId, needIds))
    referralCount = theirs.length
    const ids = theirs.map((r) => r.id)
    if (ids.length) {
      await tx
        .update(referrals)
        .set({ sharedSealed: null, note: '', declineNote: null, outcomeNote: null, updatedAt: at })
        .where(inArray(referrals.id, ids))
      await tx
        .update(referrals)
        .set({ consentOverrideReason: ERASED_MARKER })
        .where(and(inArray(referrals.id, ids), isNotNull(referrals.consentOverrideReason)))
      await tx.update(referralEvents).set({ note: null }).where(inArray(referralEvents.referralId, ids))
    }
  }

  const theirCases = await tx.select({ id: cases.id }).from(cases).where(eq(cases.recipientId, recipientId))
  const caseIds = theirCases.map((c) => c.id)
  let documents = 0
  let files = 0
  if (caseIds.length) {
    files = (
      await tx
        .delete(caseAttachments)
        .where(inArray(caseAttachments.caseId, caseIds))
        .returning({ id: caseAttachments.id })
    ).length
    documents = (
      await tx
        .delete(caseRecords)
        .where(inArray(caseRecords.caseId, caseIds))
        .returning({ id: caseRecords.id })
    ).length
  }
  return {
    withdrawnIds: withdrawn,
    needs: needIds.length,
    withdrawnNeeds: withdrawn.length,
    referrals: referralCount,
    cases: caseIds.length,
    documents,
    files,
  }
}
