import { type Db, type DbOrTx, schema } from '@liandong/db'
import { and, count, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm'
import type { Static } from 'typebox'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { createSecretBox } from '../../crypto/secret-box.ts'
import {
  ConflictError,
  type FieldProblem,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../errors.ts'
import { caseTitle, fileRecord } from '../archives/archive.filing.ts'
import type { Notify } from '../notifications/notification.service.ts'
import { nextFileNumber } from '../organizations/file-numbers.ts'
import { isUniqueViolation } from '../recipients/recipient.service.ts'
import { shanghaiDate } from '../volunteers/age.ts'
import { type CaseRow, loadCase } from './case.access.ts'
import { type CaseRecordKind, caseEvent, type DocOf, latestRecord, openDoc, sealDoc } from './case.records.ts'
import type { CaseListQuery, OpenCaseInput } from './case.schemas.ts'
import {
  type ApprovalKind,
  checkEvaluation,
  checkPlan,
  checkPriorities,
  needsApproval,
  nextStageAfter,
  stageOfKind,
} from './case.stages.ts'

const { cases, caseWorkers, caseRecords, recipients, memberships, users } = schema

/** Documents recorded once done (no approval): intake, referral out, notes, evaluation, follow-ups. */
export type RecordedKind = Exclude<CaseRecordKind, ApprovalKind>

/** Workers a case can be given to: the agency's social workers and supervisors. */
export async function caseStaff(db: DbOrTx, orgId: string) {
  const rows = await db
    .selectDistinct({ userId: memberships.userId, name: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, ['social_worker', 'supervisor'])))
    .orderBy(users.displayName)
  return rows
}

/** Supervisors of an agency (told when a document waits for them). */
async function supervisorsOf(db: DbOrTx, orgId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'supervisor')))
  return rows.map((r) => r.userId)
}

const summaryColumns = {
  case: cases,
  recipientCode: recipients.code,
  recipientNameMasked: recipients.nameMasked,
  leadWorkerName: sql<string>`(select display_name from users where users.id = ${cases.leadWorkerId})`,
  transferToName: sql<string | null>`(select display_name from users where users.id = ${cases.transferTo})`,
  waitingApproval: sql<number>`(select count(*)::int from case_records r where r.case_id = ${cases.id} and r.status = 'submitted')`,
}

type SummaryRow = { case: CaseRow; recipientCode: string; recipientNameMasked: string } & {
  leadWorkerName: string
  transferToName: string | null
  waitingApproval: number
}

export function summaryView(r: SummaryRow) {
  const c = r.case
  return {
    id: c.id,
    orgId: c.orgId,
    code: c.code,
    recipientId: c.recipientId,
    recipientCode: r.recipientCode,
    recipientNameMasked: r.recipientNameMasked,
    stage: c.stage,
    status: c.status,
    leadWorkerId: c.leadWorkerId,
    leadWorkerName: r.leadWorkerName,
    transferTo: c.transferTo,
    transferToName: r.transferToName,
    waitingApproval: Number(r.waitingApproval),
    openedAt: c.openedAt,
    closedAt: c.closedAt,
    updatedAt: c.updatedAt,
  }
}

export function caseService({ database, clock, config }: Infrastructure, notify: Notify) {
  const db: Db = database.db
  const box = createSecretBox(config.dataKeys)
  const today = () => shanghaiDate(clock.now())

  /** Cases the caller works, or that are being handed to them. */
  const mineFilter = (userId: string): SQL =>
    or(
      eq(cases.transferTo, userId),
      sql`exists (select 1 from case_workers w where w.case_id = ${cases.id} and w.user_id = ${userId})`,
    )!

  async function summaries(where: SQL | undefined, limit: number, offset: number) {
    const [rows, [total]] = await Promise.all([
      db
        .select(summaryColumns)
        .from(cases)
        .innerJoin(recipients, eq(recipients.id, cases.recipientId))
        .where(where)
        .orderBy(desc(cases.updatedAt))
        .limit(limit)
        .offset(offset),
      db.select({ n: count() }).from(cases).where(where),
    ])
    return { items: rows.map((r) => summaryView(r as SummaryRow)), total: total?.n ?? 0, limit, offset }
  }

  function notInFuture(day: string, field: string): FieldProblem[] {
    return day > today() ? [{ field, code: 'field.in_future' }] : []
  }

  async function tellSupervisors(tx: DbOrTx, row: CaseRow, kind: ApprovalKind, except: string[]) {
    for (const userId of await supervisorsOf(tx, row.orgId))
      if (!except.includes(userId))
        await notify(userId, `case.${kind}_submitted`, { code: row.code }, `/cases/${row.id}`, { tx })
  }

  async function workerIds(tx: DbOrTx, caseId: string) {
    const rows = await tx
      .select({ userId: caseWorkers.userId })
      .from(caseWorkers)
      .where(eq(caseWorkers.caseId, caseId))
    return rows.map((r) => r.userId)
  }

  return {
    box,

    /** Opens a case at intake; one open case per recipient and agency. */
    async open(principal: Principal, recipientId: string, input: Static<typeof OpenCaseInput>) {
      const [recipient] = await db.select().from(recipients).where(eq(recipients.id, recipientId))
      if (!recipient || !principal.canInOrg('case.manage', recipient.orgId)) throw new NotFoundError()
      if (recipient.status !== 'active') throw new ConflictError('case.recipient_inactive')
      const lead = input.leadWorkerId ?? principal.userId
      const staff = await caseStaff(db, recipient.orgId)
      if (!staff.some((s) => s.userId === lead))
        throw new ValidationError([{ field: 'body.leadWorkerId', code: 'field.case_worker' }])
      const at = clock.now()
      for (let attempt = 0; ; attempt++) {
        try {
          return await db.transaction(async (tx) => {
            // Serialises openings for one recipient, so two clicks cannot open two cases.
            await tx
              .select({ id: recipients.id })
              .from(recipients)
              .where(eq(recipients.id, recipientId))
              .for('update')
            const [open] = await tx
              .select({ code: cases.code })
              .from(cases)
              .where(and(eq(cases.recipientId, recipientId), eq(cases.status, 'open')))
            if (open) throw new ConflictError('case.already_open', { code: open.code })
            const [row] = await tx
              .insert(cases)
              .values({
                orgId: recipient.orgId,
                recipientId,
                code: await nextFileNumber(
                  tx,
                  { table: cases, orgId: cases.orgId, code: cases.code },
                  recipient.orgId,
                  'C',
                  today().slice(0, 4),
                ),
                leadWorkerId: lead,
                openedAt: at,
                createdBy: principal.userId,
              })
              .returning()
            await tx.insert(caseWorkers).values({ caseId: row!.id, userId: lead, role: 'lead', addedAt: at })
            await caseEvent(tx, row!.id, principal.userId, 'opened', at, { code: row!.code })
            return row!
          })
        } catch (error) {
          if (attempt < 5 && isUniqueViolation(error, 'cases_org_code_uq')) continue
          throw error
        }
      }
    },

    async list(principal: Principal, orgId: string, query: Static<typeof CaseListQuery>) {
      if (!principal.canInOrg('case.read', orgId)) throw new NotFoundError()
      const supervises = principal.canInOrg('case.approve', orgId)
      const where = and(
        eq(cases.orgId, orgId),
        query.stage ? eq(cases.stage, query.stage) : undefined,
        query.status ? eq(cases.status, query.status) : undefined,
        !supervises || query.mine ? mineFilter(principal.userId) : undefined,
      )
      return summaries(where, query.limit ?? 20, query.offset ?? 0)
    },

    async listForRecipient(principal: Principal, recipientId: string) {
      const [recipient] = await db
        .select({ orgId: recipients.orgId })
        .from(recipients)
        .where(eq(recipients.id, recipientId))
      if (!recipient || !principal.canInOrg('case.read', recipient.orgId)) throw new NotFoundError()
      const supervises = principal.canInOrg('case.approve', recipient.orgId)
      const where = and(
        eq(cases.recipientId, recipientId),
        supervises ? undefined : mineFilter(principal.userId),
      )
      return (await summaries(where, 100, 0)).items
    },

    /** The supervisor's queue: submitted documents of the agency's cases that they do not work. */
    async approvals(principal: Principal, orgId: string) {
      if (!principal.canInOrg('case.approve', orgId)) throw new NotFoundError()
      const rows = await db
        .select({
          record: caseRecords,
          caseCode: cases.code,
          recipientNameMasked: recipients.nameMasked,
          authorName: users.displayName,
        })
        .from(caseRecords)
        .innerJoin(cases, eq(cases.id, caseRecords.caseId))
        .innerJoin(recipients, eq(recipients.id, cases.recipientId))
        .innerJoin(users, eq(users.id, caseRecords.authorId))
        .where(
          and(
            eq(cases.orgId, orgId),
            eq(caseRecords.status, 'submitted'),
            sql`${caseRecords.authorId} <> ${principal.userId}`,
            sql`not exists (select 1 from case_workers w where w.case_id = ${cases.id} and w.user_id = ${principal.userId})`,
          ),
        )
        .orderBy(caseRecords.submittedAt)
      return rows.map((r) => ({
        recordId: r.record.id,
        caseId: r.record.caseId,
        caseCode: r.caseCode,
        recipientNameMasked: r.recipientNameMasked,
        kind: r.record.kind as ApprovalKind,
        version: r.record.version,
        authorName: r.authorName,
        submittedAt: r.record.submittedAt!,
      }))
    },

    /** Assessment, plan or closure: saved as a draft (again and again) or submitted for approval. */
    async saveForApproval<K extends ApprovalKind>(
      principal: Principal,
      id: string,
      kind: K,
      content: DocOf<K>,
      submit: boolean,
    ) {
      const problems: FieldProblem[] =
        kind === 'assessment'
          ? checkPriorities((content as DocOf<'assessment'>).needs)
          : kind === 'plan'
            ? checkPlan(content as DocOf<'plan'>)
            : []
      if (problems.length) throw new ValidationError(problems)
      return db.transaction(async (tx) => {
        const { row } = await loadCase(tx, principal, id, 'write', true)
        if (row.status !== 'open') throw new ConflictError('case.closed')
        if (row.stage !== stageOfKind[kind]) throw new ConflictError('case.wrong_stage')
        const current = await latestRecord(tx, id, kind)
        if (current?.status === 'submitted') throw new ConflictError('case.record_submitted')
        if (current?.status === 'approved') throw new ConflictError('case.record_locked')
        const at = clock.now()
        const values = {
          status: submit ? ('submitted' as const) : ('draft' as const),
          contentSealed: sealDoc(box, content),
          authorId: principal.userId,
          submittedAt: submit ? at : null,
        }
        const [saved] =
          current?.status === 'draft'
            ? await tx.update(caseRecords).set(values).where(eq(caseRecords.id, current.id)).returning()
            : await tx
                .insert(caseRecords)
                .values({ ...values, caseId: id, kind, version: (current?.version ?? 0) + 1 })
                .returning()
        await tx.update(cases).set({ updatedAt: at }).where(eq(cases.id, id))
        await caseEvent(tx, id, principal.userId, submit ? 'submitted' : 'saved', at, {
          kind,
          version: saved!.version,
        })
        if (submit) await tellSupervisors(tx, row, kind, await workerIds(tx, id))
        return { caseRow: row, record: saved! }
      })
    },

    /** Intake, referral out, intervention notes, evaluation, follow-ups: recorded when done. */
    async record<K extends RecordedKind>(principal: Principal, id: string, kind: K, content: DocOf<K>) {
      const c = content as Record<string, unknown> & { agreement?: { signedOn: string } }
      const problems: FieldProblem[] = [
        ...(c.agreement ? notInFuture(c.agreement.signedOn, 'body.agreement.signedOn') : []),
        ...(typeof c.referredOn === 'string' ? notInFuture(c.referredOn, 'body.referredOn') : []),
        ...(typeof c.heldOn === 'string' ? notInFuture(c.heldOn, 'body.heldOn') : []),
        ...(typeof c.contactedOn === 'string' ? notInFuture(c.contactedOn, 'body.contactedOn') : []),
      ]
      if (problems.length) throw new ValidationError(problems)
      return db.transaction(async (tx) => {
        const { row } = await loadCase(tx, principal, id, 'write', true)
        // Follow-ups come after closure; everything else needs an open case.
        if (row.status !== (kind === 'follow_up' ? 'closed' : 'open')) throw new ConflictError('case.closed')
        if (row.stage !== stageOfKind[kind]) throw new ConflictError('case.wrong_stage')
        if (kind === 'evaluation') {
          const plan = await latestRecord(tx, id, 'plan')
          if (plan?.status !== 'approved') throw new ConflictError('case.no_plan')
          const evaluation = content as DocOf<'evaluation'>
          const found = checkEvaluation(openDoc<'plan'>(box, plan).indicators.length, evaluation.results)
          if (found.length)
            throw new ValidationError(found.map((p) => ({ ...p, field: p.field.replace('.content', '') })))
        }
        const previous = await latestRecord(tx, id, kind)
        const at = clock.now()
        const [saved] = await tx
          .insert(caseRecords)
          .values({
            caseId: id,
            kind,
            version: (previous?.version ?? 0) + 1,
            status: 'recorded',
            contentSealed: sealDoc(box, content),
            authorId: principal.userId,
            submittedAt: at,
          })
          .returning()
        const next = nextStageAfter[kind]
        await tx
          .update(cases)
          .set({
            updatedAt: at,
            ...(next ? { stage: next } : {}),
            ...(kind === 'referral_out' ? { status: 'referred_out' as const, closedAt: at } : {}),
          })
          .where(eq(cases.id, id))
        await caseEvent(tx, id, principal.userId, 'recorded', at, { kind, version: saved!.version })
        if (next) await caseEvent(tx, id, principal.userId, 'stage', at, { from: row.stage, to: next })
        return { caseRow: row, record: saved! }
      })
    },

    /** A supervisor approves or returns a submitted document, never one of a case they work. */
    async decide(principal: Principal, recordId: string, decision: 'approve' | 'return', comment: string) {
      return db.transaction(async (tx) => {
        const [record] = await tx.select().from(caseRecords).where(eq(caseRecords.id, recordId)).for('update')
        if (!record) throw new NotFoundError()
        const access = await loadCase(tx, principal, record.caseId, 'read', true)
        const { row } = access
        if (!access.supervises) throw new NotFoundError()
        if (record.authorId === principal.userId || access.isWorker)
          throw new ForbiddenError('case.own_approval')
        if (record.status !== 'submitted' || !needsApproval(record.kind))
          throw new ConflictError('case.record_not_submitted')
        const at = clock.now()
        const [decided] = await tx
          .update(caseRecords)
          .set({
            status: decision === 'approve' ? 'approved' : 'returned',
            decidedBy: principal.userId,
            decidedAt: at,
            decisionCommentSealed: box.seal(comment.trim()),
          })
          .where(eq(caseRecords.id, recordId))
          .returning()
        const next = decision === 'approve' ? nextStageAfter[record.kind] : null
        await tx
          .update(cases)
          .set({
            updatedAt: at,
            ...(next ? { stage: next } : {}),
            ...(next && record.kind === 'closure' ? { status: 'closed' as const, closedAt: at } : {}),
          })
          .where(eq(cases.id, row.id))
        await caseEvent(tx, row.id, principal.userId, decision === 'approve' ? 'approved' : 'returned', at, {
          kind: record.kind,
          version: record.version,
        })
        if (next) await caseEvent(tx, row.id, principal.userId, 'stage', at, { from: row.stage, to: next })
        // A closed case is filed in the agency's archive (docs/archives.md).
        if (next && record.kind === 'closure') {
          const [who] = await tx
            .select({ code: recipients.code })
            .from(recipients)
            .where(eq(recipients.id, row.recipientId))
          await fileRecord(tx, config, at, {
            recordType: 'case',
            subjectId: row.id,
            orgId: row.orgId,
            closedAt: at,
            title: caseTitle(row.code, who?.code ?? ''),
            recipientId: row.recipientId,
            actorId: principal.userId,
          })
        }
        await notify(
          record.authorId,
          `case.${record.kind}_${decision === 'approve' ? 'approved' : 'returned'}`,
          { code: row.code },
          `/cases/${row.id}`,
          { tx },
        )
        return { caseRow: row, record: decided! }
      })
    },

    /** Intervention ends when the worker says so, after at least one session note. */
    async advance(principal: Principal, id: string) {
      return db.transaction(async (tx) => {
        const { row } = await loadCase(tx, principal, id, 'write', true)
        if (row.status !== 'open') throw new ConflictError('case.closed')
        if (row.stage !== 'intervention') throw new ConflictError('case.wrong_stage')
        if (!(await latestRecord(tx, id, 'intervention_note'))) throw new ConflictError('case.no_notes')
        const at = clock.now()
        await tx.update(cases).set({ stage: 'evaluation', updatedAt: at }).where(eq(cases.id, id))
        await caseEvent(tx, id, principal.userId, 'stage', at, { from: 'intervention', to: 'evaluation' })
        return row
      })
    },
  }
}

export type CaseService = ReturnType<typeof caseService>
