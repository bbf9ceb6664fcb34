import type { Static } from 'typebox'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts'
import type { RealtimeHub } from '../../realtime/index.ts'
import { fileRecord, incidentTitle } from '../archives/archive.filing.ts'
import { orgStaffIds, overseers } from '../complaints/org-staff.ts'
import { createNotifier } from '../notifications/notification.service.ts'
import { type DrillRow, type IncidentRow, incidentQueries, type PlanRow } from './incident.queries.ts'
import type {
  CloseReview,
  DrillInput,
  IncidentInput,
  IncidentQuery,
  PlanInput,
  PlanPatch,
} from './incident.schemas.ts'

type Input = Static<typeof IncidentInput>

const ref = (i: { id: string; orgId: string }, targetType = 'incident') => ({
  targetType,
  targetId: i.id,
  orgId: i.orgId,
})

/**
 * Emergency incidents (Chengdu §9.3): a report alerts the organization's supervisors and admins at
 * once (a notification on each one's own topic, which the web app shows as a banner), the
 * response is logged, and a supervisor or admin closes it with a review. Plans and drills per
 * organization.
 */
export function incidentService(infra: Infrastructure, realtime: RealtimeHub) {
  const { database, clock } = infra
  const db = database.db
  const q = incidentQueries(db)
  const notify = createNotifier(infra, realtime)

  // Staff outside the organization get 404 (they may not learn an incident exists); members
  // whose role lacks the action get 403.
  function requireIn(p: Principal, action: 'incident.report' | 'incident.manage', orgId: string) {
    if (p.canInOrg(action, orgId)) return
    throw p.canInOrg('incident.report', orgId) ? new ForbiddenError() : new NotFoundError()
  }

  const view = (row: { incident: IncidentRow; reporterName: string }) => {
    const i = row.incident
    return {
      id: i.id,
      orgId: i.orgId,
      type: i.type,
      severity: i.severity,
      occurredAt: i.occurredAt,
      place: i.place,
      summary: i.summary,
      status: i.status,
      reportedBy: i.reportedBy,
      reporterName: row.reporterName,
      reviewSummary: i.reviewSummary,
      reviewCauses: i.reviewCauses,
      reviewLessons: i.reviewLessons,
      closedAt: i.closedAt,
      createdAt: i.createdAt,
    }
  }
  const planView = (p: PlanRow) => ({
    id: p.id,
    orgId: p.orgId,
    title: p.title,
    incidentTypes: p.incidentTypes as Static<typeof PlanInput>['incidentTypes'],
    body: p.body,
    attachments: p.attachments,
    version: p.version,
    reviewedOn: p.reviewedOn,
    updatedAt: p.updatedAt,
  })
  const drillView = (d: DrillRow) => ({
    id: d.id,
    orgId: d.orgId,
    planId: d.planId,
    heldOn: d.heldOn,
    scenario: d.scenario,
    participantCount: d.participantCount,
    participants: d.participants,
    lessons: d.lessons,
    createdAt: d.createdAt,
  })

  async function detail(id: string) {
    const row = await q.byId(id)
    if (!row) throw new NotFoundError()
    const [people, log] = await Promise.all([q.people(id), q.log(id)])
    return {
      ...view(row),
      people,
      log: log.map((l) => ({
        id: l.entry.id,
        kind: l.entry.kind,
        body: l.entry.body,
        actorName: l.actorName,
        at: l.entry.at,
      })),
    }
  }

  async function load(p: Principal, id: string) {
    const row = await q.byId(id)
    if (!row || !p.canInOrg('incident.report', row.incident.orgId)) throw new NotFoundError()
    return row.incident
  }

  return {
    async list(p: Principal, query: Static<typeof IncidentQuery>) {
      const orgIds = p.orgIdsFor('incident.report')
      if (query.orgId && !orgIds.includes(query.orgId)) throw new NotFoundError()
      const limit = query.limit ?? 20
      const offset = query.offset ?? 0
      const page = await q.list(query.orgId ? [query.orgId] : orgIds, query.status, limit, offset)
      return { items: page.items.map(view), total: page.total, limit, offset }
    },

    async report(p: Principal, input: Input) {
      requireIn(p, 'incident.report', input.orgId)
      const now = clock.now()
      const occurredAt = new Date(input.occurredAt)
      const problems = []
      if (occurredAt.getTime() > now.getTime() + 5 * 60_000)
        problems.push({ field: 'body.occurredAt', code: 'field.after_now' as const })
      const recipientIds = [...new Set(input.people.flatMap((x) => (x.recipientId ? [x.recipientId] : [])))]
      const userIds = [...new Set(input.people.flatMap((x) => (x.userId ? [x.userId] : [])))]
      const knownRecipients = new Set((await q.recipientsOf(input.orgId, recipientIds)).map((r) => r.id))
      const knownUsers = new Set((await q.membersOf(input.orgId, userIds)).map((r) => r.id))
      input.people.forEach((person, i) => {
        if (person.recipientId && (person.role !== 'recipient' || !knownRecipients.has(person.recipientId)))
          problems.push({
            field: `body.people.${i}.recipientId`,
            code: 'field.incident_recipient_unknown' as const,
          })
        if (person.userId && !knownUsers.has(person.userId))
          problems.push({ field: `body.people.${i}.userId`, code: 'field.not_staff_member' as const })
      })
      if (problems.length) throw new ValidationError(problems)
      const created = await db.transaction(async (tx) => {
        const tq = incidentQueries(tx)
        const incident = await tq.insert({
          orgId: input.orgId,
          type: input.type,
          severity: input.severity,
          occurredAt,
          place: input.place.trim(),
          summary: input.summary.trim(),
          reportedBy: p.userId,
          createdAt: now,
        })
        await tq.addPeople(
          input.people.map((person) => ({
            incidentId: incident.id,
            role: person.role,
            recipientId: person.recipientId ?? null,
            userId: person.userId ?? null,
            note: person.note?.trim() || null,
          })),
        )
        // The alert: every supervisor and admin of the organization, on their own live topic
        // (the banner) and by e-mail; the reporter already knows.
        for (const userId of await orgStaffIds(tx, input.orgId, overseers))
          if (userId !== p.userId)
            await notify(
              userId,
              'incident_reported',
              { type: input.type, severity: input.severity, place: incident.place, id: incident.id },
              `/incidents/${incident.id}`,
              { tx },
            )
        await realtime.publish(
          `org:${incident.orgId}`,
          'incident.changed',
          { id: incident.id, status: 'open' },
          { tx },
        )
        return incident
      })
      return { view: await detail(created.id), audit: ref(created) }
    },

    async detail(p: Principal, id: string) {
      await load(p, id)
      return detail(id)
    },

    async log(p: Principal, id: string, kind: 'action' | 'contact' | 'escalation' | 'note', body: string) {
      const incident = await load(p, id)
      if (incident.status !== 'open') throw new ConflictError('incident.closed')
      await q.addLog({ incidentId: id, kind, body: body.trim(), actorId: p.userId, at: clock.now() })
      await realtime.publish(`org:${incident.orgId}`, 'incident.changed', { id, status: incident.status })
      return { view: await detail(id), audit: ref(incident) }
    },

    async close(p: Principal, id: string, review: Static<typeof CloseReview>) {
      const incident = await load(p, id)
      requireIn(p, 'incident.manage', incident.orgId)
      const at = clock.now()
      // Closed and filed in the organization's archive in one transaction (docs/archives.md).
      const closed = await db.transaction(async (tx) => {
        const row = await incidentQueries(tx).close(id, {
          reviewSummary: review.reviewSummary.trim(),
          reviewCauses: review.reviewCauses.trim(),
          reviewLessons: review.reviewLessons.trim(),
          closedBy: p.userId,
          closedAt: at,
        })
        if (!row) throw new ConflictError('incident.closed')
        await fileRecord(tx, infra.config, at, {
          recordType: 'incident',
          subjectId: row.id,
          orgId: row.orgId,
          closedAt: at,
          title: incidentTitle(row.occurredAt),
          actorId: p.userId,
        })
        return row
      })
      await realtime.publish(`org:${closed.orgId}`, 'incident.changed', { id, status: 'closed' })
      return { view: await detail(id), audit: ref(closed) }
    },

    async plans(p: Principal, orgId: string) {
      requireIn(p, 'incident.report', orgId)
      return (await q.plans(orgId)).map(planView)
    },
    async createPlan(p: Principal, orgId: string, input: Static<typeof PlanInput>) {
      requireIn(p, 'incident.manage', orgId)
      const plan = await q.insertPlan({
        ...input,
        reviewedOn: input.reviewedOn ?? null,
        orgId,
        updatedBy: p.userId,
      })
      return { view: planView(plan), audit: ref(plan, 'emergency_plan') }
    },
    async updatePlan(p: Principal, id: string, patch: Static<typeof PlanPatch>) {
      const plan = await q.plan(id)
      if (!plan || !p.canInOrg('incident.report', plan.orgId)) throw new NotFoundError()
      requireIn(p, 'incident.manage', plan.orgId)
      const updated = await q.updatePlan(id, { ...patch, updatedBy: p.userId })
      return { view: planView(updated!), audit: ref(plan, 'emergency_plan') }
    },
    async drills(p: Principal, orgId: string) {
      requireIn(p, 'incident.report', orgId)
      return (await q.drills(orgId)).map(drillView)
    },
    async recordDrill(p: Principal, orgId: string, input: Static<typeof DrillInput>) {
      requireIn(p, 'incident.manage', orgId)
      if (input.planId) {
        const plan = await q.plan(input.planId)
        if (!plan || plan.orgId !== orgId)
          throw new ValidationError([{ field: 'body.planId', code: 'field.invalid_value' }])
      }
      const drill = await q.insertDrill({
        ...input,
        planId: input.planId ?? null,
        participants: input.participants.trim(),
        orgId,
        recordedBy: p.userId,
      })
      return { view: drillView(drill), audit: ref(drill, 'emergency_drill') }
    },
  }
}
