import { auditRepo, type Db, type DbOrTx, schema } from '@liandong/db'
import { type AnyColumn, and, count, eq, isNotNull, sql } from 'drizzle-orm'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.ts'
import type { Notify } from '../notifications/notification.service.ts'
import { shanghaiDate } from '../volunteers/age.ts'
import { DESTROYED_MARKER, keepersOf, loadAsKeeper } from './archive.common.ts'
import { type ArchiveRow, archiveEvent } from './archive.filing.ts'

const { archives, archiveDestructions, archiveBorrowings } = schema

/**
 * Purges what a filed record says, keeping only what proves it existed: for a case its documents
 * and files go and the private text of needs posted from it is cleared (the `cases` row keeps its
 * codes and dates, and its ids-only history gains a `contents_destroyed` line); a complaint's
 * subject, text, contact and answer, an incident's place, summary, review, people and log text are
 * replaced by a fixed marker. Returns counts only.
 */
/** An optional text becomes the marker if it held anything, and stays empty if it did not. */
const marker = (column: AnyColumn) => sql`case when ${column} is null then null else ${DESTROYED_MARKER} end`

export async function purgeRecord(tx: DbOrTx, a: ArchiveRow, actorId: string, at: Date) {
  const purged: Record<string, number> = {}
  if (a.recordType === 'case') {
    const { caseAttachments, caseRecords, cases, caseEvents, needs } = schema
    purged.attachments = (
      await tx
        .delete(caseAttachments)
        .where(eq(caseAttachments.caseId, a.subjectId))
        .returning({ id: caseAttachments.id })
    ).length
    purged.records = (
      await tx
        .delete(caseRecords)
        .where(eq(caseRecords.caseId, a.subjectId))
        .returning({ id: caseRecords.id })
    ).length
    purged.needTexts = (
      await tx
        .update(needs)
        .set({ privateDescriptionSealed: null, updatedAt: at })
        .where(and(eq(needs.caseId, a.subjectId), isNotNull(needs.privateDescriptionSealed)))
        .returning({ id: needs.id })
    ).length
    await tx.update(cases).set({ updatedAt: at }).where(eq(cases.id, a.subjectId))
    await tx.insert(caseEvents).values({
      caseId: a.subjectId,
      actorId,
      kind: 'contents_destroyed',
      at,
      details: { archiveCode: a.code, ...purged },
    })
  } else if (a.recordType === 'complaint') {
    const { complaints, complaintEvents } = schema
    purged.complaints = (
      await tx
        .update(complaints)
        .set({
          subject: DESTROYED_MARKER,
          body: DESTROYED_MARKER,
          contactSealed: null,
          answer: marker(complaints.answer),
          satisfactionNote: null,
          closeNote: marker(complaints.closeNote),
          updatedAt: at,
        })
        .where(eq(complaints.id, a.subjectId))
        .returning({ id: complaints.id })
    ).length
    purged.eventNotes = (
      await tx
        .update(complaintEvents)
        .set({ note: null })
        .where(and(eq(complaintEvents.complaintId, a.subjectId), isNotNull(complaintEvents.note)))
        .returning({ id: complaintEvents.id })
    ).length
  } else {
    const { incidents, incidentPeople, incidentLogEntries } = schema
    purged.incidents = (
      await tx
        .update(incidents)
        .set({
          place: DESTROYED_MARKER,
          summary: DESTROYED_MARKER,
          reviewSummary: marker(incidents.reviewSummary),
          reviewCauses: marker(incidents.reviewCauses),
          reviewLessons: marker(incidents.reviewLessons),
          updatedAt: at,
        })
        .where(eq(incidents.id, a.subjectId))
        .returning({ id: incidents.id })
    ).length
    purged.people = (
      await tx
        .delete(incidentPeople)
        .where(eq(incidentPeople.incidentId, a.subjectId))
        .returning({ id: incidentPeople.id })
    ).length
    purged.logEntries = (
      await tx
        .update(incidentLogEntries)
        .set({ body: DESTROYED_MARKER })
        .where(eq(incidentLogEntries.incidentId, a.subjectId))
        .returning({ id: incidentLogEntries.id })
    ).length
  }
  return purged
}

/**
 * Destruction after retention (档案销毁): a keeper asks with a reason, two other keepers approve in
 * turn (all three distinct); the second approval purges the contents in the same transaction and
 * the archive row stays as the tombstone.
 */
export function archiveDestruction({ database, clock }: Infrastructure, notify: Notify) {
  const db: Db = database.db

  async function pending(tx: DbOrTx, archiveId: string, destructionId: string) {
    const [d] = await tx
      .select()
      .from(archiveDestructions)
      .where(and(eq(archiveDestructions.id, destructionId), eq(archiveDestructions.archiveId, archiveId)))
      .for('update')
    if (!d) throw new NotFoundError()
    if (d.status !== 'pending') throw new ConflictError('archive.no_destruction')
    return d
  }

  return {
    async request(p: Principal, id: string, reason: string) {
      return db.transaction(async (tx) => {
        const a = await loadAsKeeper(tx, p, id, true)
        if (a.status === 'destroyed') throw new ConflictError('archive.destroyed')
        if (a.retainUntil >= shanghaiDate(clock.now()))
          throw new ConflictError('archive.retention_not_passed', { retainUntil: a.retainUntil })
        if (a.transferToOrgId) throw new ConflictError('archive.transfer_pending')
        const [open] = await tx
          .select({ n: count() })
          .from(archiveDestructions)
          .where(and(eq(archiveDestructions.archiveId, id), eq(archiveDestructions.status, 'pending')))
        if (open && open.n > 0) throw new ConflictError('archive.destruction_pending')
        await refuseIfOut(tx, id)
        const at = clock.now()
        const [d] = await tx
          .insert(archiveDestructions)
          .values({ archiveId: id, requestedBy: p.userId, requestedAt: at, reason: reason.trim() })
          .returning()
        await archiveEvent(tx, id, p.userId, 'destruction_requested', at, { destructionId: d!.id })
        for (const userId of await keepersOf(tx, a.orgId))
          if (userId !== p.userId)
            await notify(userId, 'archive.destruction_requested', { code: a.code }, `/archives/${id}`, { tx })
        return { archive: a, destruction: d! }
      })
    },

    async approve(p: Principal, id: string, destructionId: string) {
      return db.transaction(async (tx) => {
        const a = await loadAsKeeper(tx, p, id, true)
        const d = await pending(tx, id, destructionId)
        if (d.requestedBy === p.userId) throw new ForbiddenError('archive.own_request')
        if (d.firstApproverId === p.userId) throw new ConflictError('archive.already_approved')
        if (a.status === 'destroyed') throw new ConflictError('archive.destroyed')
        const at = clock.now()
        if (!d.firstApproverId) {
          const [first] = await tx
            .update(archiveDestructions)
            .set({ firstApproverId: p.userId, firstApprovedAt: at })
            .where(eq(archiveDestructions.id, destructionId))
            .returning()
          await archiveEvent(tx, id, p.userId, 'destruction_approved', at, { destructionId, step: 1 })
          for (const userId of await keepersOf(tx, a.orgId))
            if (userId !== p.userId && userId !== d.requestedBy)
              await notify(userId, 'archive.destruction_requested', { code: a.code }, `/archives/${id}`, {
                tx,
              })
          return { archive: a, destruction: first!, purged: null }
        }
        await refuseIfOut(tx, id)
        const purged = await purgeRecord(tx, a, p.userId, at)
        const [second] = await tx
          .update(archiveDestructions)
          .set({ secondApproverId: p.userId, secondApprovedAt: at, status: 'approved', purged })
          .where(eq(archiveDestructions.id, destructionId))
          .returning()
        const [destroyed] = await tx
          .update(archives)
          .set({ status: 'destroyed', destroyedAt: at, updatedAt: at })
          .where(eq(archives.id, id))
          .returning()
        await archiveEvent(tx, id, p.userId, 'destroyed', at, { destructionId, ...purged })
        // Requests still open on a destroyed file can no longer be granted.
        await tx
          .update(archiveBorrowings)
          .set({ status: 'cancelled' })
          .where(and(eq(archiveBorrowings.archiveId, id), eq(archiveBorrowings.status, 'requested')))
        await auditRepo(tx).append({
          at,
          actorId: p.userId,
          orgId: a.orgId,
          action: 'archive.purge',
          targetType: a.recordType,
          targetId: a.subjectId,
          result: 'ok',
          details: { archiveCode: a.code, ...purged },
        })
        for (const userId of new Set([d.requestedBy, d.firstApproverId]))
          await notify(userId, 'archive.destruction_approved', { code: a.code }, `/archives/${id}`, { tx })
        return { archive: destroyed!, destruction: second!, purged }
      })
    },

    async reject(p: Principal, id: string, destructionId: string, note: string) {
      return db.transaction(async (tx) => {
        const a = await loadAsKeeper(tx, p, id, true)
        const d = await pending(tx, id, destructionId)
        if (d.requestedBy === p.userId) throw new ForbiddenError('archive.own_request')
        const at = clock.now()
        const [rejected] = await tx
          .update(archiveDestructions)
          .set({ status: 'rejected', rejectedBy: p.userId, rejectedAt: at, note: note.trim() })
          .where(eq(archiveDestructions.id, destructionId))
          .returning()
        await archiveEvent(tx, id, p.userId, 'destruction_rejected', at, { destructionId })
        await notify(d.requestedBy, 'archive.destruction_rejected', { code: a.code }, `/archives/${id}`, {
          tx,
        })
        return { archive: a, destruction: rejected! }
      })
    },

    /** The keeper who asked withdraws the request. */
    async cancel(p: Principal, id: string, destructionId: string) {
      return db.transaction(async (tx) => {
        const a = await loadAsKeeper(tx, p, id, true)
        const d = await pending(tx, id, destructionId)
        if (d.requestedBy !== p.userId) throw new ForbiddenError()
        const at = clock.now()
        const [cancelled] = await tx
          .update(archiveDestructions)
          .set({ status: 'cancelled' })
          .where(eq(archiveDestructions.id, destructionId))
          .returning()
        await archiveEvent(tx, id, p.userId, 'destruction_cancelled', at, { destructionId })
        return { archive: a, destruction: cancelled! }
      })
    },
  }
}

/** A file out on loan is neither destroyed nor transferred until it comes back. */
export async function refuseIfOut(tx: DbOrTx, archiveId: string) {
  const [out] = await tx
    .select({ id: archiveBorrowings.id })
    .from(archiveBorrowings)
    .where(
      and(
        eq(archiveBorrowings.archiveId, archiveId),
        eq(archiveBorrowings.status, 'approved'),
        sql`${archiveBorrowings.returnedAt} is null`,
      ),
    )
    .limit(1)
  if (out) throw new ConflictError('archive.borrowed_out')
}
