import { auditRepo, type Db, type DbOrTx, schema } from '@liandong/db'
import { and, count, eq, ne } from 'drizzle-orm'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts'
import type { Notify } from '../notifications/notification.service.ts'
import { nextFileNumber } from '../organizations/file-numbers.ts'
import { recipientSeries } from '../recipients/recipient.service.ts'
import { shanghaiDate } from '../volunteers/age.ts'
import { keepersOf, loadArchive, loadAsKeeper } from './archive.common.ts'
import { refuseIfOut } from './archive.destruction.ts'
import { type ArchiveRow, archiveEvent, nextArchiveCode } from './archive.filing.ts'

const {
  archives,
  archiveDestructions,
  cases,
  caseWorkers,
  complaints,
  incidents,
  needs,
  organizations,
  recipients,
} = schema
const clear = {
  transferToOrgId: null,
  transferRequestedBy: null,
  transferRequestedAt: null,
  transferReason: null,
}

/**
 * The recipient a case file concerns moves with it when the case is the only thing the sending
 * agency holds about them (no other case, need or rights request there), and the receiving agency
 * has not registered the same person; otherwise the transfer is refused (docs/decisions.md).
 */
async function checkRecipient(tx: DbOrTx, a: ArchiveRow, toOrgId: string) {
  const [c] = await tx.select().from(cases).where(eq(cases.id, a.subjectId))
  if (!c) return null
  const [r] = await tx.select().from(recipients).where(eq(recipients.id, c.recipientId))
  if (!r || r.orgId !== a.orgId) return null
  const [otherCases] = await tx
    .select({ n: count() })
    .from(cases)
    .where(and(eq(cases.recipientId, r.id), ne(cases.id, c.id)))
  const [theirNeeds] = await tx.select({ n: count() }).from(needs).where(eq(needs.recipientId, r.id))
  const [requests] = await tx
    .select({ n: count() })
    .from(schema.recipientRequests)
    .where(eq(schema.recipientRequests.recipientId, r.id))
  if ((otherCases?.n ?? 0) + (theirNeeds?.n ?? 0) + (requests?.n ?? 0) > 0)
    throw new ConflictError('archive.recipient_elsewhere', { code: r.code })
  if (r.idNumberHash) {
    const [twin] = await tx
      .select({ id: recipients.id })
      .from(recipients)
      .where(and(eq(recipients.orgId, toOrgId), eq(recipients.idNumberHash, r.idNumberHash)))
    if (twin) throw new ConflictError('archive.recipient_at_receiver')
  }
  return r
}

/** The recipient's code if it is free at the receiving agency, else that agency's next R code. */
async function recipientCodeAt(tx: DbOrTx, orgId: string, code: string, at: Date) {
  const [taken] = await tx
    .select({ id: recipients.id })
    .from(recipients)
    .where(and(eq(recipients.orgId, orgId), eq(recipients.code, code)))
  if (!taken) return code
  return nextFileNumber(tx, recipientSeries, orgId, 'R', shanghaiDate(at).slice(0, 4))
}

/**
 * Transfer between agencies (档案移交), two-phase: a keeper asks with a reason, a keeper of the
 * receiving verified agency accepts — the file and the record it files change organization and
 * get the receiver's numbering, the sending agency's workers leave the case — or declines. The
 * sending agency's keepers may cancel while it waits.
 */
export function archiveTransfers({ database, clock }: Infrastructure, notify: Notify) {
  const db: Db = database.db

  return {
    async request(p: Principal, id: string, toOrgId: string, reason: string) {
      return db.transaction(async (tx) => {
        const a = await loadAsKeeper(tx, p, id, true)
        if (a.status === 'destroyed') throw new ConflictError('archive.destroyed')
        if (a.transferToOrgId) throw new ConflictError('archive.transfer_pending')
        const [to] = await tx.select().from(organizations).where(eq(organizations.id, toOrgId))
        if (!to || to.id === a.orgId || to.kind !== 'agency' || to.status !== 'approved')
          throw new ValidationError([{ field: 'body.toOrgId', code: 'field.archive_agency' }])
        const [destruction] = await tx
          .select({ n: count() })
          .from(archiveDestructions)
          .where(and(eq(archiveDestructions.archiveId, id), eq(archiveDestructions.status, 'pending')))
        if (destruction && destruction.n > 0) throw new ConflictError('archive.destruction_pending')
        await refuseIfOut(tx, id)
        if (a.recordType === 'case') await checkRecipient(tx, a, toOrgId)
        const at = clock.now()
        const [asked] = await tx
          .update(archives)
          .set({
            transferToOrgId: toOrgId,
            transferRequestedBy: p.userId,
            transferRequestedAt: at,
            transferReason: reason.trim(),
            updatedAt: at,
          })
          .where(eq(archives.id, id))
          .returning()
        await archiveEvent(tx, id, p.userId, 'transfer_requested', at, { toOrgId })
        const [from] = await tx
          .select({ name: organizations.name })
          .from(organizations)
          .where(eq(organizations.id, a.orgId))
        for (const userId of await keepersOf(tx, toOrgId))
          await notify(
            userId,
            'archive.transfer_requested',
            { code: a.code, org: from?.name ?? '' },
            `/archives/${id}`,
            { tx },
          )
        return asked!
      })
    },

    async answer(p: Principal, id: string, answer: 'accept' | 'decline', note?: string) {
      return db.transaction(async (tx) => {
        const a = await loadArchive(tx, p, id, true)
        if (!a.transferToOrgId) throw new ConflictError('archive.no_transfer')
        if (!p.canInOrg('archive.manage', a.transferToOrgId)) {
          if (p.canInOrg('archive.manage', a.orgId)) throw new ForbiddenError()
          throw new NotFoundError()
        }
        const toOrgId = a.transferToOrgId
        const at = clock.now()
        const asker = a.transferRequestedBy
        if (answer === 'decline') {
          const [declined] = await tx
            .update(archives)
            .set({ ...clear, updatedAt: at })
            .where(eq(archives.id, id))
            .returning()
          await archiveEvent(tx, id, p.userId, 'transfer_declined', at, {
            toOrgId,
            note: note?.trim() || null,
          })
          if (asker)
            await notify(asker, 'archive.transfer_declined', { code: a.code }, `/archives/${id}`, { tx })
          return { archive: declined!, fromOrgId: a.orgId }
        }
        if (a.status === 'destroyed') throw new ConflictError('archive.destroyed')
        await refuseIfOut(tx, id)
        const recipient = a.recordType === 'case' ? await checkRecipient(tx, a, toOrgId) : null
        const code = await nextArchiveCode(tx, toOrgId, at)
        const [moved] = await tx
          .update(archives)
          .set({ ...clear, orgId: toOrgId, code, updatedAt: at })
          .where(eq(archives.id, id))
          .returning()
        const moves: Record<string, string | number | null> = {
          fromOrgId: a.orgId,
          toOrgId,
          fromCode: a.code,
          toCode: code,
        }
        if (a.recordType === 'case') {
          // The sending agency's workers leave the case; the receiving agency's supervisors keep it.
          const left = await tx.delete(caseWorkers).where(eq(caseWorkers.caseId, a.subjectId)).returning()
          moves.workersRemoved = left.length
          await tx
            .update(cases)
            .set({
              orgId: toOrgId,
              transferTo: null,
              transferRequestedBy: null,
              transferRequestedAt: null,
              updatedAt: at,
            })
            .where(eq(cases.id, a.subjectId))
          await tx.insert(schema.caseEvents).values({
            caseId: a.subjectId,
            actorId: p.userId,
            kind: 'archive_transferred',
            at,
            details: { fromOrgId: a.orgId, toOrgId, archiveCode: code },
          })
          if (recipient) {
            const recipientCode = await recipientCodeAt(tx, toOrgId, recipient.code, at)
            await tx
              .update(recipients)
              .set({ orgId: toOrgId, code: recipientCode, updatedAt: at })
              .where(eq(recipients.id, recipient.id))
            moves.recipientFromCode = recipient.code
            moves.recipientToCode = recipientCode
          }
        } else if (a.recordType === 'complaint') {
          await tx
            .update(complaints)
            .set({ orgId: toOrgId, updatedAt: at })
            .where(eq(complaints.id, a.subjectId))
        } else {
          await tx
            .update(incidents)
            .set({ orgId: toOrgId, updatedAt: at })
            .where(eq(incidents.id, a.subjectId))
        }
        await archiveEvent(tx, id, p.userId, 'transfer_accepted', at, moves)
        // The receiving side's audit row is the request's own; this one is the sending side's.
        await auditRepo(tx).append({
          at,
          actorId: p.userId,
          orgId: a.orgId,
          action: 'archive.transfer_out',
          targetType: 'archive',
          targetId: id,
          result: 'ok',
          details: moves,
        })
        if (asker) await notify(asker, 'archive.transfer_accepted', { code: a.code }, null, { tx })
        return { archive: moved!, fromOrgId: a.orgId }
      })
    },

    async cancel(p: Principal, id: string) {
      return db.transaction(async (tx) => {
        const a = await loadAsKeeper(tx, p, id, true)
        if (!a.transferToOrgId) throw new ConflictError('archive.no_transfer')
        const at = clock.now()
        const [cancelled] = await tx
          .update(archives)
          .set({ ...clear, updatedAt: at })
          .where(eq(archives.id, id))
          .returning()
        await archiveEvent(tx, id, p.userId, 'transfer_cancelled', at, { toOrgId: a.transferToOrgId })
        return cancelled!
      })
    },
  }
}
