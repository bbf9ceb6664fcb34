import { type Db, type DbOrTx, schema } from '@liandong/db'
import {
  aliasedTable,
  and,
  asc,
  count,
  desc,
  eq,
  ilike,
  inArray,
  isNull,
  lt,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm'
import type { Static } from 'typebox'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts'
import type { Notify } from '../notifications/notification.service.ts'
import { shanghaiDate } from '../volunteers/age.ts'
import { borrowsCase } from './archive.borrowing-access.ts'
import { keepersOf, loadArchive, loadAsKeeper } from './archive.common.ts'
import { type ArchiveRow, archiveEvent, retentionOf } from './archive.filing.ts'
import {
  type ArchiveListQuery,
  type BorrowInput,
  MAX_BORROW_DAYS,
  type RetentionInput,
} from './archive.schemas.ts'

const {
  archives,
  archiveBorrowings,
  archiveDestructions,
  archiveEvents,
  archiveRetention,
  organizations,
  users,
} = schema
const DAY = 86_400_000
type BorrowingRow = typeof archiveBorrowings.$inferSelect

/** The register (档案登记), retention periods and borrowing (档案借阅). */
export function archiveService({ database, clock, config }: Infrastructure, notify: Notify) {
  const db: Db = database.db
  const today = () => shanghaiDate(clock.now())

  const borrowedOutSql = sql<boolean>`exists (select 1 from archive_borrowings b where b.archive_id = ${archives.id} and b.status = 'approved' and b.returned_at is null)`

  const summaryColumns = {
    archive: archives,
    orgName: organizations.name,
    transferToOrgName: sql<
      string | null
    >`(select name from organizations o where o.id = ${archives.transferToOrgId})`,
    borrowedOut: borrowedOutSql,
    pendingBorrowings: sql<number>`(select count(*)::int from archive_borrowings b where b.archive_id = ${archives.id} and b.status = 'requested')`,
    destructionPending: sql<boolean>`exists (select 1 from archive_destructions d where d.archive_id = ${archives.id} and d.status = 'pending')`,
  }
  type SummaryRow = {
    archive: ArchiveRow
    orgName: string
    transferToOrgName: string | null
    borrowedOut: boolean
    pendingBorrowings: number
    destructionPending: boolean
  }

  const summaryView = (r: SummaryRow) => {
    const a = r.archive
    return {
      id: a.id,
      orgId: a.orgId,
      orgName: r.orgName,
      code: a.code,
      title: a.title,
      recordType: a.recordType,
      status: a.status,
      closedAt: a.closedAt,
      archivedAt: a.archivedAt,
      retentionYears: a.retentionYears,
      retainUntil: a.retainUntil,
      due: a.status === 'archived' && a.retainUntil < today(),
      destroyedAt: a.destroyedAt,
      borrowedOut: Boolean(r.borrowedOut),
      pendingBorrowings: Number(r.pendingBorrowings),
      destructionPending: Boolean(r.destructionPending),
      transferToOrgId: a.transferToOrgId,
      transferToOrgName: r.transferToOrgName,
    }
  }

  const summaries = () =>
    db.select(summaryColumns).from(archives).innerJoin(organizations, eq(organizations.id, archives.orgId))

  const borrowingView = (
    b: BorrowingRow,
    a: ArchiveRow,
    requesterName: string,
    decidedByName: string | null,
  ) => {
    const out = b.status === 'approved' && b.returnedAt === null
    return {
      id: b.id,
      archiveId: a.id,
      archiveCode: a.code,
      archiveTitle: a.title,
      recordType: a.recordType,
      subjectId: a.subjectId,
      requesterId: b.requesterId,
      requesterName,
      purpose: b.purpose,
      dueOn: b.dueOn,
      status: b.status,
      overdue: out && b.dueOn < today(),
      readable: out && b.dueOn >= today() && a.status === 'archived' && a.recordType === 'case',
      requestedAt: b.requestedAt,
      decidedByName,
      decidedAt: b.decidedAt,
      decisionNote: b.decisionNote,
      returnedAt: b.returnedAt,
    }
  }

  async function borrowingsWhere(where: SQL) {
    const rows = await db
      .select({
        b: archiveBorrowings,
        a: archives,
        requesterName: users.displayName,
        decidedByName: sql<
          string | null
        >`(select display_name from users d where d.id = ${archiveBorrowings.decidedBy})`,
      })
      .from(archiveBorrowings)
      .innerJoin(archives, eq(archives.id, archiveBorrowings.archiveId))
      .innerJoin(users, eq(users.id, archiveBorrowings.requesterId))
      .where(where)
      .orderBy(desc(archiveBorrowings.requestedAt))
    return rows.map((r) => borrowingView(r.b, r.a, r.requesterName, r.decidedByName))
  }

  async function loadBorrowing(tx: DbOrTx, archiveId: string, borrowingId: string) {
    const [b] = await tx
      .select()
      .from(archiveBorrowings)
      .where(and(eq(archiveBorrowings.id, borrowingId), eq(archiveBorrowings.archiveId, archiveId)))
      .for('update')
    if (!b) throw new NotFoundError()
    return b
  }

  /** Where the caller can open the filed record, if they may read it. */
  async function recordLink(p: Principal, a: ArchiveRow): Promise<string | null> {
    if (a.recordType === 'case') {
      const [worker] = await db
        .select({ userId: schema.caseWorkers.userId })
        .from(schema.caseWorkers)
        .where(and(eq(schema.caseWorkers.caseId, a.subjectId), eq(schema.caseWorkers.userId, p.userId)))
      const reads =
        p.canInOrg('case.approve', a.orgId) ||
        (worker && p.canInOrg('case.read', a.orgId)) ||
        (await borrowsCase(db, p, { id: a.subjectId, orgId: a.orgId }, clock.now()))
      return reads ? `/cases/${a.subjectId}` : null
    }
    if (a.recordType === 'complaint')
      return p.canInOrg('complaint.assign', a.orgId) ? `/complaints?open=${a.subjectId}` : null
    return p.canInOrg('incident.report', a.orgId) ? `/incidents/${a.subjectId}` : null
  }

  return {
    async list(p: Principal, orgId: string, query: Static<typeof ArchiveListQuery>) {
      if (!p.canInOrg('archive.read', orgId)) throw new NotFoundError()
      const now = today()
      const limit = query.limit ?? 20
      const offset = query.offset ?? 0
      const q = query.q?.trim()
      const where = and(
        query.transfer === 'incoming' ? eq(archives.transferToOrgId, orgId) : eq(archives.orgId, orgId),
        query.transfer === 'outgoing' ? sql`${archives.transferToOrgId} is not null` : undefined,
        query.type ? eq(archives.recordType, query.type) : undefined,
        query.status ? eq(archives.status, query.status) : undefined,
        query.due ? and(eq(archives.status, 'archived'), lt(archives.retainUntil, now)) : undefined,
        query.borrowed ? borrowedOutSql : undefined,
        q ? or(ilike(archives.code, `%${q}%`), ilike(archives.title, `%${q}%`)) : undefined,
      )
      const [rows, [total], [counts]] = await Promise.all([
        summaries()
          .where(where)
          .orderBy(desc(archives.archivedAt), desc(archives.code))
          .limit(limit)
          .offset(offset),
        db.select({ n: count() }).from(archives).where(where),
        db
          .select({
            archived: sql<number>`count(*) filter (where ${archives.orgId} = ${orgId} and ${archives.status} = 'archived')::int`,
            destroyed: sql<number>`count(*) filter (where ${archives.orgId} = ${orgId} and ${archives.status} = 'destroyed')::int`,
            due: sql<number>`count(*) filter (where ${archives.orgId} = ${orgId} and ${archives.status} = 'archived' and ${archives.retainUntil} < ${now})::int`,
            borrowed: sql<number>`count(*) filter (where ${archives.orgId} = ${orgId} and ${borrowedOutSql})::int`,
            outgoing: sql<number>`count(*) filter (where ${archives.orgId} = ${orgId} and ${archives.transferToOrgId} is not null)::int`,
            incoming: sql<number>`count(*) filter (where ${archives.transferToOrgId} = ${orgId})::int`,
          })
          .from(archives)
          .where(or(eq(archives.orgId, orgId), eq(archives.transferToOrgId, orgId))),
      ])
      return {
        items: rows.map((r) => summaryView(r as SummaryRow)),
        total: total?.n ?? 0,
        limit,
        offset,
        counts: {
          archived: Number(counts?.archived ?? 0),
          destroyed: Number(counts?.destroyed ?? 0),
          due: Number(counts?.due ?? 0),
          borrowed: Number(counts?.borrowed ?? 0),
          outgoing: Number(counts?.outgoing ?? 0),
          incoming: Number(counts?.incoming ?? 0),
        },
      }
    },

    /** A file by its archive number, for a worker who wants to borrow it. */
    async find(p: Principal, orgId: string, code: string) {
      if (!p.canInOrg('archive.borrow', orgId) && !p.canInOrg('archive.read', orgId))
        throw new NotFoundError()
      const [row] = await summaries()
        .where(and(eq(archives.orgId, orgId), eq(archives.code, code.trim().toUpperCase())))
        .limit(1)
      if (!row) throw new NotFoundError()
      return summaryView(row as SummaryRow)
    },

    async detail(p: Principal, id: string) {
      const a = await loadArchive(db, p, id)
      const [row] = await summaries().where(eq(archives.id, id))
      const reader = p.canInOrg('archive.read', a.orgId)
      const keeper = p.canInOrg('archive.manage', a.orgId)
      const actor = aliasedTable(users, 'actor')
      const events = reader
        ? await db
            .select({
              id: archiveEvents.id,
              at: archiveEvents.at,
              kind: archiveEvents.kind,
              actorName: actor.displayName,
              details: archiveEvents.details,
            })
            .from(archiveEvents)
            .leftJoin(actor, eq(actor.id, archiveEvents.actorId))
            .where(eq(archiveEvents.archiveId, id))
            .orderBy(asc(archiveEvents.at), asc(archiveEvents.id))
        : []
      // Readers see every loan; a worker sees their own.
      const borrowings = await borrowingsWhere(
        and(
          eq(archiveBorrowings.archiveId, id),
          reader ? undefined : eq(archiveBorrowings.requesterId, p.userId),
        )!,
      )
      const destructions = reader ? await destructionsOf(db, id) : []
      const names = await nameOf([a.archivedBy, a.transferRequestedBy])
      return {
        ...summaryView(row! as SummaryRow),
        subjectId: a.subjectId,
        archivedByName: names(a.archivedBy),
        transferReason: reader || a.transferToOrgId ? a.transferReason : null,
        transferRequestedByName: names(a.transferRequestedBy),
        transferRequestedAt: a.transferRequestedAt,
        recordLink: await recordLink(p, a),
        events,
        borrowings,
        destructions,
        can: {
          manage: keeper,
          borrow: p.canInOrg('archive.borrow', a.orgId) && a.status === 'archived' && a.recordType === 'case',
          answerTransfer: a.transferToOrgId !== null && p.canInOrg('archive.manage', a.transferToOrgId),
        },
      }
    },

    async retention(p: Principal, orgId: string) {
      if (!p.canInOrg('archive.read', orgId)) throw new NotFoundError()
      return retentionOf(db, config, orgId)
    },

    async putRetention(p: Principal, orgId: string, input: Static<typeof RetentionInput>) {
      if (!p.canInOrg('archive.manage', orgId)) {
        if (p.canInOrg('archive.read', orgId)) throw new ForbiddenError()
        throw new NotFoundError()
      }
      const seen = new Set<string>()
      const problems = input.items.flatMap((item, i) => {
        if (seen.has(item.recordType))
          return [{ field: `body.items.${i}.recordType`, code: 'field.invalid_value' as const }]
        seen.add(item.recordType)
        return []
      })
      if (problems.length) throw new ValidationError(problems)
      const at = clock.now()
      await db.transaction(async (tx) => {
        for (const item of input.items)
          await tx
            .insert(archiveRetention)
            .values({
              orgId,
              recordType: item.recordType,
              years: item.years,
              updatedBy: p.userId,
              updatedAt: at,
            })
            .onConflictDoUpdate({
              target: [archiveRetention.orgId, archiveRetention.recordType],
              set: { years: item.years, updatedBy: p.userId, updatedAt: at },
            })
      })
      return retentionOf(db, config, orgId)
    },

    // —— Borrowing ——

    async requestBorrowing(p: Principal, id: string, input: Static<typeof BorrowInput>) {
      const now = today()
      const latest = shanghaiDate(new Date(clock.now().getTime() + MAX_BORROW_DAYS * DAY))
      if (input.dueOn < now)
        throw new ValidationError([{ field: 'body.dueOn', code: 'field.archive_due_past' }])
      if (input.dueOn > latest)
        throw new ValidationError([
          { field: 'body.dueOn', code: 'field.archive_due_too_far', params: { max: MAX_BORROW_DAYS } },
        ])
      return db.transaction(async (tx) => {
        const a = await loadArchive(tx, p, id, true)
        if (!p.canInOrg('archive.borrow', a.orgId)) throw new ForbiddenError()
        if (a.status === 'destroyed') throw new ConflictError('archive.destroyed')
        if (a.recordType !== 'case') throw new ConflictError('archive.borrow_case_only')
        const [open] = await tx
          .select({ id: archiveBorrowings.id })
          .from(archiveBorrowings)
          .where(
            and(
              eq(archiveBorrowings.archiveId, id),
              eq(archiveBorrowings.requesterId, p.userId),
              or(
                eq(archiveBorrowings.status, 'requested'),
                and(eq(archiveBorrowings.status, 'approved'), isNull(archiveBorrowings.returnedAt)),
              ),
            ),
          )
        if (open) throw new ConflictError('archive.borrowing_open')
        const at = clock.now()
        const [b] = await tx
          .insert(archiveBorrowings)
          .values({
            archiveId: id,
            requesterId: p.userId,
            purpose: input.purpose.trim(),
            dueOn: input.dueOn,
            requestedAt: at,
          })
          .returning()
        await archiveEvent(tx, id, p.userId, 'borrow_requested', at, { borrowingId: b!.id, dueOn: b!.dueOn })
        for (const userId of await keepersOf(tx, a.orgId))
          if (userId !== p.userId)
            await notify(userId, 'archive.borrow_requested', { code: a.code }, `/archives/${id}`, { tx })
        return { archive: a, borrowing: b! }
      })
    },

    async decideBorrowing(
      p: Principal,
      id: string,
      borrowingId: string,
      decision: 'approve' | 'reject',
      note?: string,
    ) {
      const text = note?.trim() || null
      if (decision === 'reject' && !text)
        throw new ValidationError([{ field: 'body.note', code: 'field.required' }])
      return db.transaction(async (tx) => {
        const a = await loadAsKeeper(tx, p, id, true)
        const b = await loadBorrowing(tx, id, borrowingId)
        if (b.requesterId === p.userId) throw new ForbiddenError('archive.own_request')
        if (b.status !== 'requested') throw new ConflictError('archive.borrowing_not_pending')
        if (a.status === 'destroyed') throw new ConflictError('archive.destroyed')
        const at = clock.now()
        const [decided] = await tx
          .update(archiveBorrowings)
          .set({
            status: decision === 'approve' ? 'approved' : 'rejected',
            decidedBy: p.userId,
            decidedAt: at,
            decisionNote: text,
          })
          .where(eq(archiveBorrowings.id, borrowingId))
          .returning()
        await archiveEvent(
          tx,
          id,
          p.userId,
          decision === 'approve' ? 'borrow_approved' : 'borrow_rejected',
          at,
          {
            borrowingId,
          },
        )
        await notify(
          b.requesterId,
          decision === 'approve' ? 'archive.borrow_approved' : 'archive.borrow_rejected',
          { code: a.code, dueOn: b.dueOn },
          decision === 'approve' && a.recordType === 'case' ? `/cases/${a.subjectId}` : '/archives',
          { tx },
        )
        return { archive: a, borrowing: decided! }
      })
    },

    /** The borrower or a keeper records the return; reading ends with it. */
    async returnBorrowing(p: Principal, id: string, borrowingId: string) {
      return db.transaction(async (tx) => {
        const a = await loadArchive(tx, p, id, true)
        const b = await loadBorrowing(tx, id, borrowingId)
        if (b.requesterId !== p.userId && !p.canInOrg('archive.manage', a.orgId)) throw new ForbiddenError()
        if (b.status !== 'approved' || b.returnedAt) throw new ConflictError('archive.borrowing_not_out')
        const at = clock.now()
        const [returned] = await tx
          .update(archiveBorrowings)
          .set({ status: 'returned', returnedAt: at })
          .where(eq(archiveBorrowings.id, borrowingId))
          .returning()
        await archiveEvent(tx, id, p.userId, 'returned', at, { borrowingId })
        return { archive: a, borrowing: returned! }
      })
    },

    /** The requester withdraws a request not yet decided. */
    async cancelBorrowing(p: Principal, id: string, borrowingId: string) {
      return db.transaction(async (tx) => {
        const a = await loadArchive(tx, p, id, true)
        const b = await loadBorrowing(tx, id, borrowingId)
        if (b.requesterId !== p.userId) throw new ForbiddenError()
        if (b.status !== 'requested') throw new ConflictError('archive.borrowing_not_pending')
        const at = clock.now()
        const [cancelled] = await tx
          .update(archiveBorrowings)
          .set({ status: 'cancelled' })
          .where(eq(archiveBorrowings.id, borrowingId))
          .returning()
        await archiveEvent(tx, id, p.userId, 'borrow_cancelled', at, { borrowingId })
        return { archive: a, borrowing: cancelled! }
      })
    },

    /** The caller's own borrowings, newest first. */
    async mine(p: Principal) {
      return borrowingsWhere(eq(archiveBorrowings.requesterId, p.userId))
    },

    /** Organizations whose register the caller reads: all agencies for a platform-wide reader. */
    async readableOrgs(p: Principal) {
      const all = p.scope('archive.read') === 'all'
      const ids = p.orgIdsFor('archive.read')
      if (!all && ids.length === 0) return []
      return (
        db
          .select({ id: organizations.id, name: organizations.name })
          .from(organizations)
          .where(
            all
              ? and(eq(organizations.kind, 'agency'), eq(organizations.status, 'approved'))
              : inArray(organizations.id, ids),
          )
          // The busiest register first: that is the one a platform auditor most likely came for.
          .orderBy(
            desc(sql`(select count(*) from archives a where a.org_id = ${organizations.id})`),
            organizations.name,
          )
      )
    },

    /** Verified agencies a file can be transferred to (all but the keeping one). */
    async agencies(p: Principal, orgId: string) {
      if (!p.canInOrg('archive.manage', orgId)) throw new NotFoundError()
      return db
        .select({ id: organizations.id, name: organizations.name })
        .from(organizations)
        .where(
          and(
            eq(organizations.kind, 'agency'),
            eq(organizations.status, 'approved'),
            ne(organizations.id, orgId),
          ),
        )
        .orderBy(organizations.name)
    },

    // —— Daily jobs ——

    /** Tells each borrower once that their loan is past its return date; returns how many. */
    async remindOverdue(): Promise<number> {
      const now = clock.now()
      const due = await db
        .select({ b: archiveBorrowings, code: archives.code })
        .from(archiveBorrowings)
        .innerJoin(archives, eq(archives.id, archiveBorrowings.archiveId))
        .where(
          and(
            eq(archiveBorrowings.status, 'approved'),
            isNull(archiveBorrowings.returnedAt),
            isNull(archiveBorrowings.overdueNotifiedAt),
            lt(archiveBorrowings.dueOn, shanghaiDate(now)),
          ),
        )
        .limit(500)
      let told = 0
      for (const { b, code } of due)
        await db.transaction(async (tx) => {
          const [claimed] = await tx
            .update(archiveBorrowings)
            .set({ overdueNotifiedAt: now })
            .where(and(eq(archiveBorrowings.id, b.id), isNull(archiveBorrowings.overdueNotifiedAt)))
            .returning({ id: archiveBorrowings.id })
          if (!claimed) return
          await archiveEvent(tx, b.archiveId, null, 'borrow_overdue', now, {
            borrowingId: b.id,
            dueOn: b.dueOn,
          })
          await notify(b.requesterId, 'archive.borrow_overdue', { code, dueOn: b.dueOn }, '/archives', {
            tx,
          })
          told++
        })
      return told
    },

    /** Tells keepers once about each file whose retention has ended; returns how many files. */
    async announceDue(): Promise<number> {
      const now = clock.now()
      const due = await db
        .select({ id: archives.id })
        .from(archives)
        .where(
          and(
            eq(archives.status, 'archived'),
            lt(archives.retainUntil, shanghaiDate(now)),
            sql`not exists (select 1 from archive_events e where e.archive_id = ${archives.id} and e.kind = 'due')`,
          ),
        )
        .limit(500)
      let told = 0
      for (const { id } of due)
        await db.transaction(async (tx) => {
          const [a] = await tx.select().from(archives).where(eq(archives.id, id)).for('update')
          const [seen] = await tx
            .select({ id: archiveEvents.id })
            .from(archiveEvents)
            .where(and(eq(archiveEvents.archiveId, id), eq(archiveEvents.kind, 'due')))
          if (!a || seen || a.status !== 'archived') return
          await archiveEvent(tx, id, null, 'due', now, { retainUntil: a.retainUntil })
          for (const userId of await keepersOf(tx, a.orgId))
            await notify(
              userId,
              'archive.due',
              { code: a.code, retainUntil: a.retainUntil },
              `/archives/${id}`,
              { tx },
            )
          told++
        })
      return told
    },
  }

  async function nameOf(ids: (string | null)[]) {
    const wanted = ids.filter((x): x is string => Boolean(x))
    const rows = wanted.length
      ? await db
          .select({ id: users.id, name: users.displayName })
          .from(users)
          .where(inArray(users.id, wanted))
      : []
    return (id: string | null) => rows.find((r) => r.id === id)?.name ?? null
  }
}

/** An archive's destruction requests with the names of who asked, approved and rejected. */
export async function destructionsOf(db: DbOrTx, archiveId: string) {
  const rows = await db
    .select()
    .from(archiveDestructions)
    .where(eq(archiveDestructions.archiveId, archiveId))
    .orderBy(desc(archiveDestructions.requestedAt))
  const ids = [
    ...new Set(
      rows
        .flatMap((d) => [d.requestedBy, d.firstApproverId, d.secondApproverId, d.rejectedBy])
        .filter(Boolean),
    ),
  ] as string[]
  const people = ids.length
    ? await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids))
    : []
  const name = (id: string | null) => people.find((p) => p.id === id)?.name ?? null
  return rows.map((d) => ({
    id: d.id,
    status: d.status,
    reason: d.reason,
    requestedById: d.requestedBy,
    requestedByName: name(d.requestedBy) ?? '',
    requestedAt: d.requestedAt,
    firstApproverId: d.firstApproverId,
    firstApproverName: name(d.firstApproverId),
    firstApprovedAt: d.firstApprovedAt,
    secondApproverId: d.secondApproverId,
    secondApproverName: name(d.secondApproverId),
    secondApprovedAt: d.secondApprovedAt,
    rejectedByName: name(d.rejectedBy),
    rejectedAt: d.rejectedAt,
    note: d.note,
    purged: d.purged,
  }))
}

export type ArchiveService = ReturnType<typeof archiveService>
