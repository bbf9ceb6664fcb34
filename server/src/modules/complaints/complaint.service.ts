import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto'
import type { Static } from 'typebox'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { createSecretBox } from '../../crypto/secret-box.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts'
import type { RealtimeHub } from '../../realtime/index.ts'
import { fileRecord } from '../archives/archive.filing.ts'
import { createNotifier } from '../notifications/notification.service.ts'
import { type ComplaintEventRow, type ComplaintRow, complaintQueries } from './complaint.queries.ts'
import type { ComplaintInput, DeskQuery } from './complaint.schemas.ts'
import { memberRole, orgStaffIds, overseers } from './org-staff.ts'
import { checkSolution, createChallenge } from './proof-of-work.ts'
import { addWorkingDays, shanghaiDay } from './working-days.ts'

type Input = Static<typeof ComplaintInput>
type Joined = { complaint: ComplaintRow; orgName: string; assigneeName: string | null }

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const newTrackingCode = () => `TS-${Array.from({ length: 8 }, () => CROCKFORD[randomInt(32)]).join('')}`
const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex')
const isUniqueViolation = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string } }
  return e.code === '23505' || e.cause?.code === '23505'
}
const desk = (c: ComplaintRow) => ({ targetType: 'complaint', targetId: c.id, orgId: c.orgId })
export type AuditRef = ReturnType<typeof desk>

/**
 * Complaints and feedback (Chengdu §9.4): submission by anyone, assignment, an answer within N
 * working days, escalation when late, closure with the complainant's rating. The complainant
 * proves who they are with the secret from their tracking link (or their account).
 */
export function complaintService(infra: Infrastructure, realtime: RealtimeHub) {
  const { database, clock, config } = infra
  const db = database.db
  const q = complaintQueries(db)
  const box = createSecretBox(config.dataKeys)
  // Its own subkey: the proof-of-work signature must not share a key with encryption.
  const powKey = createHmac('sha256', config.dataKeys.current).update('liandong/complaint-pow').digest()
  const notify = createNotifier(infra, realtime)

  const isOverdue = (c: ComplaintRow) =>
    (c.status === 'open' || c.status === 'assigned') && c.dueAt.getTime() < clock.now().getTime()

  const publicView = (row: Joined, events: ComplaintEventRow[]) => ({
    trackingCode: row.complaint.trackingCode,
    orgName: row.orgName,
    kind: row.complaint.kind,
    category: row.complaint.category,
    subject: row.complaint.subject,
    body: row.complaint.body,
    status: row.complaint.status,
    submittedAt: row.complaint.createdAt,
    dueAt: row.complaint.dueAt,
    answer: row.complaint.answer,
    answeredAt: row.complaint.answeredAt,
    satisfaction: row.complaint.satisfaction,
    satisfactionNote: row.complaint.satisfactionNote,
    closedAt: row.complaint.closedAt,
    timeline: events.map((e) => ({ kind: e.kind, at: e.at })),
  })

  const staffView = ({ complaint: c, orgName, assigneeName }: Joined) => ({
    id: c.id,
    orgId: c.orgId,
    orgName,
    trackingCode: c.trackingCode,
    kind: c.kind,
    category: c.category,
    channel: c.channel,
    subject: c.subject,
    body: c.body,
    status: c.status,
    hasContact: c.contactSealed !== null,
    assigneeId: c.assigneeId,
    assigneeName,
    assignedAt: c.assignedAt,
    dueAt: c.dueAt,
    overdue: isOverdue(c),
    escalatedAt: c.escalatedAt,
    answer: c.answer,
    answeredAt: c.answeredAt,
    satisfaction: c.satisfaction,
    satisfactionNote: c.satisfactionNote,
    closedAt: c.closedAt,
    closeNote: c.closeNote,
    createdAt: c.createdAt,
  })

  const changed = (c: ComplaintRow, tx?: Parameters<typeof complaintQueries>[0]) =>
    realtime.publish(`org:${c.orgId}`, 'complaint.changed', { id: c.id, status: c.status }, tx ? { tx } : {})

  /** Desk staff see every complaint of their organizations; other staff only those assigned to them. */
  const runsDesk = (p: Principal, orgId: string) => p.canInOrg('complaint.assign', orgId)
  function requireHandler(p: Principal, c: ComplaintRow) {
    if (runsDesk(p, c.orgId)) return
    if (p.canInOrg('complaint.handle', c.orgId) && c.assigneeId === p.userId) return
    // Staff of the organization learn it exists but may not act; everyone else gets 404.
    if (p.canInOrg('complaint.handle', c.orgId)) throw new ForbiddenError()
    throw new NotFoundError()
  }

  async function load(id: string) {
    const row = await q.byId(id)
    if (!row) throw new NotFoundError()
    return row
  }

  async function byCodeAndSecret(code: string, secret: string) {
    const row = await q.byTrackingCode(code)
    // Same answer for an unknown code and a wrong secret: codes cannot be probed.
    if (!row || row.complaint.secretHash !== hashSecret(secret))
      throw new NotFoundError('complaint.not_found')
    return row
  }

  /** A closed complaint is filed in the organization's archive (docs/archives.md). */
  const fileClosed = (tx: Parameters<typeof complaintQueries>[0], c: ComplaintRow, actorId: string | null) =>
    fileRecord(tx, config, c.closedAt ?? clock.now(), {
      recordType: 'complaint',
      subjectId: c.id,
      orgId: c.orgId,
      closedAt: c.closedAt ?? clock.now(),
      title: c.trackingCode,
      actorId,
    })

  async function rate(row: Joined, satisfaction: number, note: string | undefined, actorId: string | null) {
    const now = clock.now()
    const c = row.complaint
    if (c.status !== 'answered') throw new ConflictError('complaint.not_answered')
    const closed = await db.transaction(async (tx) => {
      const updated = await complaintQueries(tx).transition(c.id, ['answered'], {
        status: 'closed',
        satisfaction,
        satisfactionNote: note?.trim() || null,
        closedAt: now,
      })
      if (!updated) throw new ConflictError('complaint.not_answered')
      await complaintQueries(tx).event(c.id, 'rated', actorId, now, String(satisfaction))
      await fileClosed(tx, updated, actorId)
      const to = new Set([
        ...(await orgStaffIds(tx, c.orgId, overseers)),
        ...(c.assigneeId ? [c.assigneeId] : []),
      ])
      for (const userId of to)
        await notify(
          userId,
          'complaint_rated',
          { code: c.trackingCode, satisfaction },
          `/complaints?open=${c.id}`,
          { tx, email: false },
        )
      await changed(updated, tx)
      return updated
    })
    return { view: publicView({ ...row, complaint: closed }, await q.events(c.id)), audit: desk(closed) }
  }

  return {
    challenge: () => createChallenge(powKey, clock.now()),
    organizations: () => q.approvedOrgs(),

    async submit(input: Input, principal: Principal | null) {
      const now = clock.now()
      if (input.website?.trim())
        throw new ValidationError([{ field: 'body.website', code: 'field.must_be_empty' }])
      const problem = checkSolution(powKey, input.challenge, input.nonce, now)
      if (problem)
        throw new ValidationError([
          {
            field: 'body.nonce',
            code: problem === 'expired' ? 'field.challenge_expired' : 'field.proof_of_work',
          },
        ])
      if (!(await q.orgExists(input.orgId)))
        throw new ValidationError([{ field: 'body.orgId', code: 'field.organization_unknown' }])
      const calendar = await q.calendar(shanghaiDay(now))
      const dueAt = addWorkingDays(now, config.COMPLAINT_ANSWER_WORKING_DAYS, calendar)
      const secret = randomBytes(24).toString('base64url')
      const contact = input.contact?.trim()
      try {
        const created = await db.transaction(async (tx) => {
          const cq = complaintQueries(tx)
          const row = await cq.insert({
            orgId: input.orgId,
            trackingCode: newTrackingCode(),
            secretHash: hashSecret(secret),
            kind: input.kind,
            category: input.category,
            subject: input.subject.trim(),
            body: input.body.trim(),
            channel: principal ? 'account' : 'public_form',
            submittedBy: principal?.userId ?? null,
            contactSealed: contact ? box.seal(contact) : null,
            powChallenge: input.challenge,
            dueAt,
            createdAt: now,
          })
          await cq.event(row.id, 'submitted', principal?.userId ?? null, now)
          for (const userId of await orgStaffIds(tx, row.orgId, overseers))
            await notify(
              userId,
              'complaint_received',
              { code: row.trackingCode, subject: row.subject },
              `/complaints?open=${row.id}`,
              { tx },
            )
          await changed(row, tx)
          return row
        })
        return {
          result: { trackingCode: created.trackingCode, secret, dueAt: created.dueAt },
          audit: desk(created),
        }
      } catch (error) {
        if (isUniqueViolation(error))
          throw new ValidationError([{ field: 'body.challenge', code: 'field.challenge_used' }])
        throw error
      }
    },

    async track(code: string, secret: string) {
      const row = await byCodeAndSecret(code, secret)
      return publicView(row, await q.events(row.complaint.id))
    },

    async rateByCode(code: string, secret: string, satisfaction: number, note?: string) {
      return rate(await byCodeAndSecret(code, secret), satisfaction, note, null)
    },

    async mine(principal: Principal) {
      const rows = await q.mine(principal.userId)
      return Promise.all(rows.map(async (row) => publicView(row, await q.events(row.complaint.id))))
    },

    async mineByCode(principal: Principal, code: string) {
      const row = await q.byTrackingCode(code)
      if (!row || row.complaint.submittedBy !== principal.userId)
        throw new NotFoundError('complaint.not_found')
      return row
    },

    async rateMine(principal: Principal, code: string, satisfaction: number, note?: string) {
      return rate(await this.mineByCode(principal, code), satisfaction, note, principal.userId)
    },

    publicView: async (row: Joined) => publicView(row, await q.events(row.complaint.id)),

    async list(principal: Principal, query: Static<typeof DeskQuery>) {
      const orgIds = principal.orgIdsFor('complaint.handle')
      if (query.orgId && !orgIds.includes(query.orgId)) throw new NotFoundError()
      const scope = query.orgId ? [query.orgId] : orgIds
      const deskOrgs = scope.filter((id) => runsDesk(principal, id))
      const limit = query.limit ?? 20
      const offset = query.offset ?? 0
      const filter = {
        status: query.status,
        overdueAt: query.overdue ? clock.now() : undefined,
        limit,
        offset,
      }
      // Desk organizations: everything; the others: only what is assigned to the caller.
      const page =
        deskOrgs.length === scope.length
          ? await q.desk({ ...filter, orgIds: scope })
          : deskOrgs.length === 0
            ? await q.desk({ ...filter, orgIds: scope, assigneeId: principal.userId })
            : await q.desk({ ...filter, orgIds: deskOrgs })
      return { items: page.items.map(staffView), total: page.total, limit, offset }
    },

    async detail(principal: Principal, id: string) {
      const row = await load(id)
      requireHandler(principal, row.complaint)
      const events = await q.events(id)
      return {
        ...staffView(row),
        events: events.map((e) => ({ kind: e.kind, at: e.at, actorName: e.actorName, note: e.note })),
      }
    },

    async contact(principal: Principal, id: string) {
      const row = await load(id)
      requireHandler(principal, row.complaint)
      const sealed = row.complaint.contactSealed
      return { contact: sealed ? box.open(sealed) : null, audit: desk(row.complaint) }
    },

    async assign(principal: Principal, id: string, assigneeId: string) {
      const row = await load(id)
      if (!runsDesk(principal, row.complaint.orgId)) {
        requireHandler(principal, row.complaint)
        throw new ForbiddenError()
      }
      const role = await memberRole(db, row.complaint.orgId, assigneeId)
      if (!role || role === 'auditor')
        throw new ValidationError([{ field: 'body.assigneeId', code: 'field.not_staff_member' }])
      const now = clock.now()
      const updated = await db.transaction(async (tx) => {
        const cq = complaintQueries(tx)
        const c = await cq.transition(id, ['open', 'assigned'], {
          status: 'assigned',
          assigneeId,
          assignedAt: now,
        })
        if (!c) throw new ConflictError('complaint.already_answered')
        await cq.event(id, 'assigned', principal.userId, now)
        if (assigneeId !== principal.userId)
          await notify(
            assigneeId,
            'complaint_assigned',
            { code: c.trackingCode, subject: c.subject },
            `/complaints?open=${c.id}`,
            { tx },
          )
        await changed(c, tx)
        return c
      })
      return { view: await this.detail(principal, updated.id), audit: desk(updated) }
    },

    async answer(principal: Principal, id: string, answer: string) {
      const row = await load(id)
      requireHandler(principal, row.complaint)
      const now = clock.now()
      const updated = await db.transaction(async (tx) => {
        const cq = complaintQueries(tx)
        const c = await cq.transition(id, ['open', 'assigned'], {
          status: 'answered',
          answer: answer.trim(),
          answeredBy: principal.userId,
          answeredAt: now,
          // Whoever answers an unassigned complaint has taken it.
          assigneeId: row.complaint.assigneeId ?? principal.userId,
          assignedAt: row.complaint.assignedAt ?? now,
        })
        if (!c) throw new ConflictError('complaint.already_answered')
        await cq.event(id, 'answered', principal.userId, now)
        if (c.submittedBy)
          await notify(
            c.submittedBy,
            'complaint_answered',
            { code: c.trackingCode },
            `/complaints/track/${c.trackingCode}`,
            {
              tx,
            },
          )
        await changed(c, tx)
        return c
      })
      return { view: await this.detail(principal, updated.id), audit: desk(updated) }
    },

    /** Closing without a rating (the complainant did not respond), with the reason on record. */
    async close(principal: Principal, id: string, note: string) {
      const row = await load(id)
      if (!runsDesk(principal, row.complaint.orgId)) {
        requireHandler(principal, row.complaint)
        throw new ForbiddenError()
      }
      const now = clock.now()
      const updated = await db.transaction(async (tx) => {
        const cq = complaintQueries(tx)
        const c = await cq.transition(id, ['answered'], {
          status: 'closed',
          closedAt: now,
          closedBy: principal.userId,
          closeNote: note.trim(),
        })
        if (!c) throw new ConflictError('complaint.not_answered')
        await cq.event(id, 'closed', principal.userId, now, note.trim())
        await fileClosed(tx, c, principal.userId)
        await changed(c, tx)
        return c
      })
      return { view: await this.detail(principal, updated.id), audit: desk(updated) }
    },

    /** One sweep of the escalation job; returns how many complaints it escalated. */
    async escalateOverdue(): Promise<number> {
      const now = clock.now()
      let escalated = 0
      for (const c of await q.overdueUnescalated(now, 200)) {
        await db.transaction(async (tx) => {
          const cq = complaintQueries(tx)
          // Claimed in the same transaction as the notices: once, however many workers sweep.
          const claimed = await cq.claimEscalation(c.id, now)
          if (!claimed) return
          await cq.event(c.id, 'escalated', null, now)
          for (const userId of await orgStaffIds(tx, c.orgId, overseers))
            await notify(
              userId,
              'complaint_overdue',
              { code: c.trackingCode, subject: c.subject },
              `/complaints?open=${c.id}`,
              { tx },
            )
          await changed(claimed, tx)
          escalated++
        })
      }
      return escalated
    },

    calendar: (year: number) => q.calendarYear(year),
    putCalendarDay: (day: string, kind: 'holiday' | 'workday', name: string) =>
      q.putCalendarDay(day, kind, name),
    async deleteCalendarDay(day: string) {
      if (!(await q.deleteCalendarDay(day))) throw new NotFoundError()
    },
  }
}

export type ComplaintService = ReturnType<typeof complaintService>
