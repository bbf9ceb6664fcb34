import { randomBytes } from 'node:crypto'
import {
  type DbOrTx,
  enqueueOutbox,
  evaluationsRepo,
  type NewOpportunity,
  type NewShift,
  type OpportunityWithOrg,
  opportunitiesRepo,
  organizationsRepo,
  type Shift,
  trainingRepo,
} from '@liandong/db'
import type { Static } from 'typebox'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { ConflictError, type FieldProblem, NotFoundError, ValidationError } from '../../errors.ts'
import { isServedDistrict } from '../volunteers/districts.ts'
import type {
  NewShift as NewShiftSchema,
  OpportunityInput,
  OpportunityPatch,
  ShiftPatch,
} from './opportunity.schemas.ts'
import { formatSeries, occurrences, parseRule, parseSeries, RruleError, type Series } from './rrule.ts'

type Input = Static<typeof OpportunityInput>
type Patch = Static<typeof OpportunityPatch>
type ShiftEdit = Static<typeof ShiftPatch>

export const OPPORTUNITIES_INDEX = 'opportunities'
/** Recurring series have shifts this far ahead; a daily job keeps the horizon moving. */
export const HORIZON_MS = 90 * 86_400_000
const DAY_MS = 86_400_000
const FAR = new Date(Date.UTC(2100, 0, 1))

const newQrSecret = () => randomBytes(32).toString('base64url')
const problems = (list: FieldProblem[]) => {
  if (list.length) throw new ValidationError(list)
}
const isCheckViolation = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string } }
  return (e.code ?? e.cause?.code) === '23514'
}

export const presentShift = (s: Shift) => ({
  id: s.id,
  opportunityId: s.opportunityId,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  recurrenceId: s.recurrenceId,
  capacity: s.capacity,
  confirmedCount: s.confirmedCount,
  spotsLeft: Math.max(0, s.capacity - s.confirmedCount),
  status: s.status,
  leadUserId: s.leadUserId,
})

/**
 * New shifts of a recurring opportunity up to `now + 90 days`, after the last one it already has
 * (by original start); duration, capacity and lead come from that last one. Idempotent.
 */
export async function materialiseSeries(tx: DbOrTx, opportunityId: string, now: Date): Promise<number> {
  const repo = opportunitiesRepo(tx)
  const opportunity = await repo.findById(opportunityId)
  if (!opportunity?.rrule) return 0
  const series = parseSeries(opportunity.rrule)
  const existing = (await repo.shiftsOf(opportunityId)).filter((s) => s.recurrenceId)
  const last = existing.reduce<Shift | undefined>(
    (a, s) => (!a || s.recurrenceId! > a.recurrenceId! ? s : a),
    undefined,
  )
  if (!last) return 0
  const after = Math.max(now.getTime(), last.recurrenceId!.getTime() + 1)
  const starts = occurrences(series, { from: new Date(after), to: new Date(now.getTime() + HORIZON_MS) })
  const duration = last.endsAt.getTime() - last.startsAt.getTime()
  const rows: NewShift[] = starts.map((at) => ({
    opportunityId,
    startsAt: at,
    endsAt: new Date(at.getTime() + duration),
    recurrenceId: at,
    capacity: last.capacity,
    leadUserId: last.leadUserId,
    qrSecret: newQrSecret(),
  }))
  await repo.insertShifts(rows)
  if (rows.length) await enqueueOutbox(tx, OPPORTUNITIES_INDEX, 'upsert', opportunityId)
  return rows.length
}

export function opportunityService({ database, clock }: Infrastructure) {
  const db = database.db
  const repo = opportunitiesRepo(db)

  const isMember = (principal: Principal, orgId: string) =>
    principal.activeMemberships.some((m) => m.orgId === orgId)
  const isVisible = (principal: Principal, o: { orgId: string; status: string }) =>
    o.status !== 'draft' || isMember(principal, o.orgId) || principal.scope('opportunity.read') === 'all'

  async function loadForManage(principal: Principal, id: string) {
    const opportunity = await repo.findById(id)
    if (!opportunity || !isVisible(principal, opportunity)) throw new NotFoundError()
    if (!principal.canInOrg('opportunity.manage', opportunity.orgId)) throw new NotFoundError()
    return opportunity
  }

  async function present(o: OpportunityWithOrg, range: { from?: Date; to?: Date } = {}) {
    const now = clock.now().getTime()
    const shifts = await repo.shiftsOf(o.id, {
      from: range.from ?? new Date(now - 30 * DAY_MS),
      to: range.to ?? new Date(now + HORIZON_MS),
    })
    return {
      id: o.id,
      orgId: o.orgId,
      orgName: o.orgName,
      title: o.title,
      description: o.description,
      needCategory: o.needCategory,
      recipientGroup: o.recipientGroup,
      skills: o.skills,
      requiredCourseIds: o.requiredCourseIds,
      minAge: o.minAge,
      insuranceRequired: o.insuranceRequired,
      districtCode: o.districtCode,
      address: o.address,
      latitude: o.latitude,
      longitude: o.longitude,
      contactName: o.contactName,
      contactPhone: o.contactPhone,
      status: o.status,
      waitlistEnabled: o.waitlistEnabled,
      approvalRequired: o.approvalRequired,
      cancelCutoffHours: o.cancelCutoffHours,
      rrule: o.rrule,
      shifts: shifts.map(presentShift),
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
    }
  }

  /** Field rules a schema cannot say: served district, known courses, both coordinates or none. */
  async function checkFields(orgId: string, values: Partial<Patch>) {
    const list: FieldProblem[] = []
    if (values.districtCode !== undefined && !isServedDistrict(values.districtCode))
      list.push({ field: 'body.districtCode', code: 'field.district' })
    if (values.requiredCourseIds?.length) {
      const found = await trainingRepo(db).findCourses(values.requiredCourseIds)
      for (const [i, id] of values.requiredCourseIds.entries()) {
        const c = found.find((x) => x.id === id)
        if (!c || !(c.published || c.orgId === orgId))
          list.push({ field: `body.requiredCourseIds.${i}`, code: 'field.course_unknown' })
      }
    }
    if (
      (values.latitude == null) !== (values.longitude == null) &&
      (values.latitude !== undefined || values.longitude !== undefined)
    )
      list.push({
        field: values.latitude == null ? 'body.latitude' : 'body.longitude',
        code: 'field.required',
      })
    problems(list)
  }

  function oneOffShifts(
    opportunityId: string,
    shifts: Static<typeof NewShiftSchema>[],
    field = 'body.shifts',
  ) {
    const list: FieldProblem[] = []
    const rows: NewShift[] = shifts.map((s, i) => {
      const startsAt = new Date(s.startsAt)
      const endsAt = new Date(s.endsAt)
      if (endsAt <= startsAt) list.push({ field: `${field}.${i}.endsAt`, code: 'field.after_start' })
      return {
        opportunityId,
        startsAt,
        endsAt,
        capacity: s.capacity,
        leadUserId: s.leadUserId ?? null,
        qrSecret: newQrSecret(),
      }
    })
    problems(list)
    return rows
  }

  function recurringPlan(recurrence: NonNullable<Input['recurrence']>) {
    const dtstart = new Date(recurrence.firstStartsAt)
    const end = new Date(recurrence.firstEndsAt)
    const list: FieldProblem[] = []
    if (end <= dtstart) list.push({ field: 'body.recurrence.firstEndsAt', code: 'field.after_start' })
    let series: Series | undefined
    try {
      series = { dtstart, rule: parseRule(recurrence.rrule) }
    } catch (error) {
      if (!(error instanceof RruleError)) throw error
      list.push({ field: 'body.recurrence.rrule', code: 'field.rrule' })
    }
    problems(list)
    const now = clock.now()
    let starts = occurrences(series!, { from: now, to: new Date(now.getTime() + HORIZON_MS) })
    // A series starting beyond the horizon still gets its first shift (the template for the rest).
    if (starts.length === 0) starts = occurrences(series!, { from: now, to: FAR, limit: 1 })
    if (starts.length === 0)
      throw new ValidationError([{ field: 'body.recurrence.rrule', code: 'field.rrule' }])
    return { series: series!, starts, duration: end.getTime() - dtstart.getTime() }
  }

  const touch = (tx: DbOrTx, id: string) => enqueueOutbox(tx, OPPORTUNITIES_INDEX, 'upsert', id)

  return {
    present,

    async create(principal: Principal, orgId: string, input: Input) {
      if (!principal.canInOrg('opportunity.manage', orgId)) throw new NotFoundError()
      const org = await organizationsRepo(db).findById(orgId)
      if (org?.status !== 'approved') throw new ConflictError('org_not_approved')
      await checkFields(orgId, input)
      const { shifts = [], recurrence, ...fields } = input
      const plan = recurrence ? recurringPlan(recurrence) : undefined
      const values: NewOpportunity = {
        ...fields,
        orgId,
        rrule: plan ? formatSeries(plan.series) : null,
        createdBy: principal.userId,
      }
      const created = await db.transaction(async (tx) => {
        const row = await opportunitiesRepo(tx).create(values)
        const rows = oneOffShifts(row.id, shifts)
        if (plan && recurrence)
          rows.push(
            ...plan.starts.map((at) => ({
              opportunityId: row.id,
              startsAt: at,
              endsAt: new Date(at.getTime() + plan.duration),
              recurrenceId: at,
              capacity: recurrence.capacity,
              qrSecret: newQrSecret(),
            })),
          )
        await opportunitiesRepo(tx).insertShifts(rows)
        await touch(tx, row.id)
        return row
      })
      return present((await repo.findById(created.id))!)
    },

    async update(principal: Principal, id: string, patch: Patch) {
      const current = await loadForManage(principal, id)
      await checkFields(current.orgId, {
        ...patch,
        ...(patch.latitude !== undefined || patch.longitude !== undefined
          ? {
              latitude: patch.latitude !== undefined ? patch.latitude : current.latitude,
              longitude: patch.longitude !== undefined ? patch.longitude : current.longitude,
            }
          : {}),
      })
      await db.transaction(async (tx) => {
        await opportunitiesRepo(tx).update(id, patch)
        await touch(tx, id)
      })
      return present((await repo.findById(id))!)
    },

    async setStatus(principal: Principal, id: string, status: 'draft' | 'published' | 'closed') {
      const current = await loadForManage(principal, id)
      if (status === 'published') {
        const upcoming = (await repo.shiftsOf(id, { from: clock.now() })).filter(
          (s) => s.status === 'scheduled',
        )
        if (upcoming.length === 0) throw new ConflictError('opportunity.no_shifts')
      }
      await db.transaction(async (tx) => {
        await opportunitiesRepo(tx).update(id, { status })
        await touch(tx, id)
      })
      return present({ ...current, ...(await repo.findById(id))! })
    },

    async get(principal: Principal, id: string, range: { from?: string; to?: string }) {
      const opportunity = await repo.findById(id)
      if (!opportunity || !isVisible(principal, opportunity)) throw new NotFoundError()
      const [presented, rating] = await Promise.all([
        present(opportunity, {
          ...(range.from ? { from: new Date(range.from) } : {}),
          ...(range.to ? { to: new Date(range.to) } : {}),
        }),
        // Volunteers' ratings (shift_evaluations), shown on the detail page.
        evaluationsRepo(db).opportunityRating(id),
      ])
      return { ...presented, rating }
    },

    async listForOrg(
      principal: Principal,
      orgId: string,
      query: { status?: 'draft' | 'published' | 'closed'; limit?: number; offset?: number },
    ) {
      if (!isMember(principal, orgId) && principal.scope('opportunity.read') !== 'all')
        throw new NotFoundError()
      const limit = query.limit ?? 20
      const offset = query.offset ?? 0
      const page = await repo.list({
        orgId,
        ...(query.status ? { status: query.status } : {}),
        limit,
        offset,
      })
      return {
        items: page.items.map((o) => ({
          id: o.id,
          orgId: o.orgId,
          title: o.title,
          needCategory: o.needCategory,
          districtCode: o.districtCode,
          status: o.status,
          rrule: o.rrule,
          updatedAt: o.updatedAt,
        })),
        total: page.total,
        limit,
        offset,
      }
    },

    async getShift(principal: Principal, shiftId: string) {
      const found = await repo.findShiftWithOpportunity(shiftId)
      if (!found) throw new NotFoundError()
      const opportunity = await repo.findById(found.opportunity.id)
      if (!opportunity || !isVisible(principal, opportunity)) throw new NotFoundError()
      return { ...presentShift(found.shift), opportunityTitle: opportunity.title, orgId: opportunity.orgId }
    },

    async addShift(principal: Principal, opportunityId: string, input: Static<typeof NewShiftSchema>) {
      const opportunity = await loadForManage(principal, opportunityId)
      const [row] = oneOffShifts(opportunityId, [input], 'body')
      await db.transaction(async (tx) => {
        await opportunitiesRepo(tx).insertShifts([row!])
        await touch(tx, opportunityId)
      })
      return present(opportunity)
    },

    /** Edit one shift, or this and every later one of its series (`scope: following`). */
    async editShift(principal: Principal, shiftId: string, edit: ShiftEdit) {
      const found = await repo.findShiftWithOpportunity(shiftId)
      if (!found) throw new NotFoundError()
      const opportunity = await loadForManage(principal, found.opportunity.id)
      const shift = found.shift
      const newStart = edit.startsAt ? new Date(edit.startsAt) : shift.startsAt
      const newEnd = edit.endsAt
        ? new Date(edit.endsAt)
        : new Date(shift.endsAt.getTime() + (newStart.getTime() - shift.startsAt.getTime()))
      if (newEnd <= newStart) throw new ValidationError([{ field: 'body.endsAt', code: 'field.after_start' }])
      const delta = newStart.getTime() - shift.startsAt.getTime()
      const duration = newEnd.getTime() - newStart.getTime()
      const timeChanged = delta !== 0 || duration !== shift.endsAt.getTime() - shift.startsAt.getTime()

      let affected: Shift[] = [shift]
      if (edit.scope === 'following') {
        if (!shift.recurrenceId || !opportunity.rrule) throw new ConflictError('opportunity.not_recurring')
        affected = await repo.seriesFrom(opportunity.id, shift.recurrenceId)
      }
      if (edit.capacity !== undefined) {
        const over = affected.find((s) => s.confirmedCount > edit.capacity!)
        if (over)
          throw new ValidationError([
            {
              field: 'body.capacity',
              code: 'field.capacity_below_confirmed',
              params: { count: over.confirmedCount },
            },
          ])
      }

      try {
        await db.transaction(async (tx) => {
          const r = opportunitiesRepo(tx)
          for (const s of affected) {
            const start = new Date(s.startsAt.getTime() + delta)
            await r.updateShift(s.id, {
              ...(timeChanged ? { startsAt: start, endsAt: new Date(start.getTime() + duration) } : {}),
              // A series moved from here on keeps its original starts aligned with the new rule.
              ...(timeChanged && edit.scope === 'following' && s.recurrenceId
                ? { recurrenceId: new Date(s.recurrenceId.getTime() + delta) }
                : {}),
              ...(edit.capacity !== undefined ? { capacity: edit.capacity } : {}),
              ...(edit.status ? { status: edit.status } : {}),
              ...(edit.leadUserId !== undefined ? { leadUserId: edit.leadUserId } : {}),
            })
          }
          if (edit.scope === 'following' && opportunity.rrule) {
            const series = parseSeries(opportunity.rrule)
            if (edit.status === 'cancelled') {
              // Nothing new after a cancelled tail: the series ends before this occurrence.
              const { count: _count, ...rule } = series.rule
              series.rule = { ...rule, until: new Date(shift.recurrenceId!.getTime() - 1000) }
              await r.update(opportunity.id, { rrule: formatSeries(series) })
            } else if (timeChanged) {
              const remaining =
                series.rule.count !== undefined
                  ? occurrences(series, { from: shift.recurrenceId!, to: FAR }).length
                  : undefined
              const moved: Series = {
                dtstart: new Date(shift.recurrenceId!.getTime() + delta),
                rule: { ...series.rule, ...(remaining !== undefined ? { count: remaining } : {}) },
              }
              await r.update(opportunity.id, { rrule: formatSeries(moved) })
            }
          }
          await touch(tx, opportunity.id)
        })
      } catch (error) {
        // The CHECK on confirmed_count <= capacity: a sign-up landed between the check and the write.
        if (isCheckViolation(error))
          throw new ValidationError([
            {
              field: 'body.capacity',
              code: 'field.capacity_below_confirmed',
              params: { count: edit.capacity ?? 0 },
            },
          ])
        throw error
      }
      return present((await repo.findById(opportunity.id))!)
    },
  }
}
