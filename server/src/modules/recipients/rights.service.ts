import { auditRepo, type DbOrTx, schema } from '@liandong/db'
import { and, asc, count, desc, eq, inArray, lt, lte, type SQL, sql } from 'drizzle-orm'
import type { Static } from 'typebox'
import type { Action } from '../../auth/permissions.ts'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { createSecretBox, type SecretBox } from '../../crypto/secret-box.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts'
import type { RealtimeHub } from '../../realtime/index.ts'
import { orgStaffIds } from '../complaints/org-staff.ts'
import { publishNeedChanged } from '../needs/need-referrals.ts'
import { createNotifier } from '../notifications/notification.service.ts'
import type { RecipientRow } from './recipient.service.ts'
import { eraseContact, eraseRecipient, erasureBlocker, retainedUntil } from './rights.erase.ts'
import type {
  AgencyRequestsQuery,
  AnswerInput,
  CorrectableField,
  DecideInput,
  RequestInput,
} from './rights.schemas.ts'

type RequestRow = typeof schema.recipientRequests.$inferSelect
const { recipientRequests, recipients, users } = schema
const DAY = 86_400_000
/** Open requests due within this many days are reminded ("due soon"); past due, "overdue". */
export const DUE_SOON_DAYS = 3

/** The sealed answer: the text given, and for a correction the fields it changed. */
export interface Outcome {
  text: string | null
  fields: CorrectableField[]
}
export const openOutcome = (box: SecretBox, sealed: string | null): Outcome =>
  sealed ? (JSON.parse(box.open(sealed)) as Outcome) : { text: null, fields: [] }
export const sealOutcome = (box: SecretBox, outcome: Outcome) => box.seal(JSON.stringify(outcome))

/** A recipient of an organization where the caller holds `action`; 404 for anyone else. */
export async function loadForRights(
  db: DbOrTx,
  principal: Principal,
  id: string,
  action: Action,
  lock = false,
) {
  const query = db.select().from(recipients).where(eq(recipients.id, id))
  const [row] = lock ? await query.for('update') : await query
  if (!row || !principal.canInOrg(action, row.orgId)) throw new NotFoundError()
  return row
}

/** A request, locked for the change the caller makes; 404 outside the caller's organizations. */
export async function loadRequest(tx: DbOrTx, principal: Principal, id: string, action: Action) {
  const [row] = await tx.select().from(recipientRequests).where(eq(recipientRequests.id, id)).for('update')
  if (!row || !principal.canInOrg(action, row.orgId)) throw new NotFoundError()
  return row
}

async function namesOf(db: DbOrTx, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))]
  if (!wanted.length) return new Map<string, string>()
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted))
  return new Map(rows.map((r) => [r.id, r.name]))
}

export function rightsService(infra: Infrastructure, realtime: RealtimeHub) {
  const { database, clock, config } = infra
  const db = database.db
  const box = createSecretBox(config.dataKeys)
  const notify = createNotifier(infra, realtime)

  function view(
    row: RequestRow,
    recipient: Pick<RecipientRow, 'code' | 'nameMasked'>,
    names: Map<string, string>,
    opened: boolean,
  ) {
    const outcome = openOutcome(box, row.outcomeSealed)
    return {
      id: row.id,
      recipientId: row.recipientId,
      recipientCode: recipient.code,
      recipientNameMasked: recipient.nameMasked,
      orgId: row.orgId,
      kind: row.kind,
      status: row.status,
      channel: row.channel,
      details: opened && row.detailsSealed ? box.open(row.detailsSealed) : null,
      outcome: opened ? outcome.text : null,
      correctedFields: outcome.fields,
      receivedAt: row.receivedAt,
      dueAt: row.dueAt,
      overdue: row.status === 'open' && row.dueAt < clock.now(),
      recordedBy: row.recordedBy,
      recordedByName: names.get(row.recordedBy) ?? '',
      decidedBy: row.decidedBy,
      decidedByName: row.decidedBy ? (names.get(row.decidedBy) ?? '') : null,
      decidedAt: row.decidedAt,
      scheduledFor: row.scheduledFor,
      createdAt: row.createdAt,
    }
  }

  async function present(tx: DbOrTx, row: RequestRow, opened = true) {
    const [recipient] = await tx.select().from(recipients).where(eq(recipients.id, row.recipientId))
    return view(row, recipient!, await namesOf(tx, [row.recordedBy, row.decidedBy]), opened)
  }

  /** An append-only audit row for work done outside a request (the daily erasure sweep). */
  async function auditJob(tx: DbOrTx, row: RequestRow, details: Record<string, unknown>) {
    await auditRepo(tx).append({
      at: clock.now(),
      actorId: null,
      orgId: row.orgId,
      action: 'recipient.erase',
      targetType: 'recipient_request',
      targetId: row.id,
      result: 'ok',
      ip: null,
      requestId: null,
      details: { job: 'rights.erasures', recipientId: row.recipientId, ...details },
    })
  }

  /** Erases now, or — while a filed case must be kept — erases the contact details and schedules the rest. */
  async function erase(tx: DbOrTx, row: RequestRow, actorId: string | null) {
    const now = clock.now()
    const blocker = await erasureBlocker(tx, row.recipientId)
    if (blocker === 'case') throw new ConflictError('rights.erase_open_case')
    if (blocker === 'referral') throw new ConflictError('rights.erase_active_referral')
    const until = await retainedUntil(tx, row.recipientId)
    if (until) {
      await eraseContact(tx, row.recipientId, now)
      const [updated] = await tx
        .update(recipientRequests)
        .set({
          status: 'scheduled',
          decidedBy: actorId,
          decidedAt: now,
          scheduledFor: new Date(`${until}T00:00:00+08:00`),
          updatedAt: now,
        })
        .where(eq(recipientRequests.id, row.id))
        .returning()
      return { row: updated!, erased: null }
    }
    const erased = await eraseRecipient(tx, box, row.recipientId, now)
    const [updated] = await tx
      .update(recipientRequests)
      .set({
        status: 'done',
        ...(actorId ? { decidedBy: actorId } : {}),
        decidedAt: row.decidedAt ?? now,
        updatedAt: now,
      })
      .where(eq(recipientRequests.id, row.id))
      .returning()
    for (const needId of erased.withdrawnIds)
      await publishNeedChanged(realtime, { id: needId, orgId: row.orgId, status: 'withdrawn' }, tx)
    return { row: updated!, erased }
  }

  return {
    box,

    async record(principal: Principal, recipientId: string, input: Static<typeof RequestInput>) {
      const recipient = await loadForRights(db, principal, recipientId, 'recipient.rights')
      if (recipient.status === 'erased') throw new ConflictError('recipient.erased')
      const now = clock.now()
      const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now
      if (receivedAt > now) throw new ValidationError([{ field: 'body.receivedAt', code: 'field.in_future' }])
      if (receivedAt.getTime() < now.getTime() - 365 * DAY)
        throw new ValidationError([{ field: 'body.receivedAt', code: 'field.invalid_value' }])
      return db.transaction(async (tx) => {
        if (input.kind === 'deletion') {
          const [pending] = await tx
            .select({ id: recipientRequests.id })
            .from(recipientRequests)
            .where(
              and(
                eq(recipientRequests.recipientId, recipientId),
                eq(recipientRequests.kind, 'deletion'),
                inArray(recipientRequests.status, ['open', 'scheduled']),
              ),
            )
          if (pending) throw new ConflictError('rights.deletion_pending')
        }
        const [row] = await tx
          .insert(recipientRequests)
          .values({
            recipientId,
            orgId: recipient.orgId,
            kind: input.kind,
            channel: input.channel ?? 'in_person',
            detailsSealed: box.seal(input.details.trim()),
            receivedAt,
            dueAt: new Date(receivedAt.getTime() + config.RIGHTS_RESPONSE_DAYS * DAY),
            recordedBy: principal.userId,
            createdAt: now,
            updatedAt: now,
          })
          .returning()
        return present(tx, row!)
      })
    },

    /** The recipient's requests with what they asked and the answers (the route audits the read). */
    async forRecipient(principal: Principal, recipientId: string) {
      const recipient = await loadForRights(db, principal, recipientId, 'recipient.rights')
      const rows = await db
        .select()
        .from(recipientRequests)
        .where(eq(recipientRequests.recipientId, recipientId))
        .orderBy(desc(recipientRequests.receivedAt), desc(recipientRequests.id))
      const names = await namesOf(
        db,
        rows.flatMap((r) => [r.recordedBy, r.decidedBy]),
      )
      return { recipient, items: rows.map((r) => view(r, recipient, names, true)) }
    },

    /** The agency's register: kinds, statuses and due dates, never what was asked. */
    async forOrganization(principal: Principal, orgId: string, query: Static<typeof AgencyRequestsQuery>) {
      if (!principal.canInOrg('recipient.rights', orgId)) throw new NotFoundError()
      const limit = query.limit ?? 20
      const offset = query.offset ?? 0
      const now = clock.now()
      const where: SQL | undefined = and(
        eq(recipientRequests.orgId, orgId),
        query.status ? eq(recipientRequests.status, query.status) : undefined,
        query.kind ? eq(recipientRequests.kind, query.kind) : undefined,
        query.overdue
          ? and(eq(recipientRequests.status, 'open'), lt(recipientRequests.dueAt, now))
          : undefined,
      )
      const [rows, [total]] = await Promise.all([
        db
          .select({ request: recipientRequests, code: recipients.code, nameMasked: recipients.nameMasked })
          .from(recipientRequests)
          .innerJoin(recipients, eq(recipients.id, recipientRequests.recipientId))
          .where(where)
          // Open ones first, the nearest due date first.
          .orderBy(
            sql`case when ${recipientRequests.status} = 'open' then 0 else 1 end`,
            asc(recipientRequests.dueAt),
            asc(recipientRequests.id),
          )
          .limit(limit)
          .offset(offset),
        db.select({ n: count() }).from(recipientRequests).where(where),
      ])
      const names = await namesOf(
        db,
        rows.flatMap((r) => [r.request.recordedBy, r.request.decidedBy]),
      )
      return {
        items: rows.map((r) => view(r.request, r, names, false)),
        total: total?.n ?? 0,
        limit,
        offset,
      }
    },

    /** Closes an access or correction request: done (a correction needs its corrected fields) or refused. */
    async answer(principal: Principal, id: string, input: Static<typeof AnswerInput>) {
      const text = input.outcome?.trim() || null
      if (input.status === 'refused' && (!text || text.length < 4))
        throw new ValidationError([{ field: 'body.outcome', code: 'field.required' }])
      return db.transaction(async (tx) => {
        const row = await loadRequest(tx, principal, id, 'recipient.rights')
        if (row.kind === 'deletion') throw new ConflictError('rights.deletion_decided_by_supervisor')
        if (row.status !== 'open') throw new ConflictError('rights.not_open')
        const outcome = openOutcome(box, row.outcomeSealed)
        if (input.status === 'done' && row.kind === 'access')
          throw new ConflictError('rights.export_to_answer')
        if (input.status === 'done' && row.kind === 'correction' && outcome.fields.length === 0)
          throw new ConflictError('rights.nothing_corrected')
        const now = clock.now()
        const [updated] = await tx
          .update(recipientRequests)
          .set({
            status: input.status,
            outcomeSealed: sealOutcome(box, { ...outcome, text }),
            decidedBy: principal.userId,
            decidedAt: now,
            updatedAt: now,
          })
          .where(eq(recipientRequests.id, id))
          .returning()
        return present(tx, updated!)
      })
    },

    /** A supervisor decides a deletion: refuse with a reason, or erase (now, or when retention ends). */
    async decide(principal: Principal, id: string, input: Static<typeof DecideInput>) {
      const reason = input.reason?.trim() || null
      if (input.decision === 'refuse' && (!reason || reason.length < 4))
        throw new ValidationError([{ field: 'body.reason', code: 'field.required' }])
      return db.transaction(async (tx) => {
        const row = await loadRequest(tx, principal, id, 'recipient.erase')
        if (row.kind !== 'deletion') throw new ConflictError('rights.not_deletion')
        if (row.status !== 'open') throw new ConflictError('rights.not_open')
        // The recipient row is locked too, so a case opened at this moment waits for the decision.
        await loadForRights(tx, principal, row.recipientId, 'recipient.erase', true)
        const now = clock.now()
        if (input.decision === 'refuse') {
          const [updated] = await tx
            .update(recipientRequests)
            .set({
              status: 'refused',
              outcomeSealed: sealOutcome(box, { text: reason, fields: [] }),
              decidedBy: principal.userId,
              decidedAt: now,
              updatedAt: now,
            })
            .where(eq(recipientRequests.id, id))
            .returning()
          return { request: await present(tx, updated!), erased: null }
        }
        const result = await erase(tx, row, principal.userId)
        return { request: await present(tx, result.row), erased: result.erased }
      })
    },

    /** Marks an open access request of this recipient answered by the export just made. */
    async exported(tx: DbOrTx, principal: Principal, recipientId: string, requestId: string) {
      const row = await loadRequest(tx, principal, requestId, 'recipient.rights')
      if (row.recipientId !== recipientId)
        throw new ValidationError([{ field: 'body.requestId', code: 'field.invalid_value' }])
      if (row.kind !== 'access') throw new ConflictError('rights.not_access')
      if (row.status !== 'open') throw new ConflictError('rights.not_open')
      const now = clock.now()
      await tx
        .update(recipientRequests)
        .set({ status: 'done', decidedBy: principal.userId, decidedAt: now, updatedAt: now })
        .where(eq(recipientRequests.id, requestId))
    },

    /** Daily: erases what waited for retention once no filed case of the recipient is left. */
    async eraseScheduled(): Promise<number> {
      const due = await db
        .select({ id: recipientRequests.id })
        .from(recipientRequests)
        .where(and(eq(recipientRequests.kind, 'deletion'), eq(recipientRequests.status, 'scheduled')))
      let erased = 0
      for (const { id } of due) {
        await db.transaction(async (tx) => {
          const [row] = await tx
            .select()
            .from(recipientRequests)
            .where(eq(recipientRequests.id, id))
            .for('update')
          if (row?.status !== 'scheduled') return
          if (await retainedUntil(tx, row.recipientId)) return
          if (await erasureBlocker(tx, row.recipientId)) return
          await tx
            .select({ id: recipients.id })
            .from(recipients)
            .where(eq(recipients.id, row.recipientId))
            .for('update')
          const result = await erase(tx, row, null)
          const { withdrawnIds: _, ...counts } = result.erased ?? { withdrawnIds: [] }
          await auditJob(tx, row, { erased: true, ...counts })
          erased++
        })
      }
      return erased
    },

    /** Daily: tells the recorder and the agency's supervisors of open requests due soon, then overdue (once each). */
    async remindDue(): Promise<number> {
      const now = clock.now()
      const rows = await db
        .select({ request: recipientRequests, code: recipients.code })
        .from(recipientRequests)
        .innerJoin(recipients, eq(recipients.id, recipientRequests.recipientId))
        .where(
          and(
            eq(recipientRequests.status, 'open'),
            lte(recipientRequests.dueAt, new Date(now.getTime() + DUE_SOON_DAYS * DAY)),
          ),
        )
      let sent = 0
      for (const { request: r, code } of rows) {
        const kind = r.dueAt < now ? 'rights.overdue' : 'rights.due_soon'
        await db.transaction(async (tx) => {
          // One reminder of each kind per request: the notification itself is the mark.
          const [already] = await tx
            .select({ id: schema.notifications.id })
            .from(schema.notifications)
            .where(
              and(
                eq(schema.notifications.kind, kind),
                sql`${schema.notifications.params}->>'requestId' = ${r.id}`,
              ),
            )
            .limit(1)
          if (already) return
          const people = new Set([r.recordedBy, ...(await orgStaffIds(tx, r.orgId, ['supervisor']))])
          const params = { code, date: r.dueAt.toISOString(), requestId: r.id }
          for (const userId of people)
            await notify(userId, kind, params, `/recipients/${r.recipientId}#rights`, { tx })
          sent++
        })
      }
      return sent
    },
  }
}
