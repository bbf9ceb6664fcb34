import type { Static } from 'typebox'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import {
  ConflictError,
  type FieldProblem,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../errors.ts'
import type { RealtimeHub } from '../../realtime/index.ts'
import { orgStaffIds, overseers } from '../complaints/org-staff.ts'
import { shanghaiDay } from '../complaints/working-days.ts'
import { createNotifier } from '../notifications/notification.service.ts'
import { type QualificationRow, type RecordRow, supervisionQueries } from './supervision.queries.ts'
import type { QualificationInput, QualificationPatch, RecordInput } from './supervision.schemas.ts'

type QualInput = Static<typeof QualificationInput>
const DAY_MS = 86_400_000
const addDays = (day: string, n: number) =>
  new Date(new Date(`${day}T00:00:00Z`).getTime() + n * DAY_MS).toISOString().slice(0, 10)

// Which levels fit which §5.1.1 qualification: the national certificate has three levels, a
// degree its level of study, the city-level 社会工作员 certificate none.
const levelsOf: Record<QualInput['type'], readonly string[]> = {
  national_certificate: ['assistant_social_worker', 'social_worker', 'senior_social_worker'],
  social_work_degree: ['junior_college', 'bachelor', 'master', 'doctorate'],
  social_work_assistant: [],
}

export function checkQualification(v: {
  type: QualInput['type']
  level?: string | null
  issuedOn?: string | null
  expiresOn?: string | null
}): FieldProblem[] {
  const problems: FieldProblem[] = []
  const allowed = levelsOf[v.type] ?? []
  if (allowed.length && !v.level) problems.push({ field: 'body.level', code: 'field.required' })
  if (v.level && !allowed.includes(v.level))
    problems.push({ field: 'body.level', code: 'field.invalid_value' })
  if (v.type === 'social_work_degree' && v.expiresOn)
    problems.push({ field: 'body.expiresOn', code: 'field.degree_no_expiry' })
  if (v.issuedOn && v.expiresOn && v.expiresOn <= v.issuedOn)
    problems.push({ field: 'body.expiresOn', code: 'field.after_start' })
  return problems
}

/**
 * Supervision (Chengdu §9.1.3) and workers' qualifications (§5.1.1). Supervisors write records
 * for the workers of their agency; a worker reads and acknowledges their own. Supervisors and
 * admins keep qualifications; a daily job reminds the worker and them before one expires.
 */
export function supervisionService(infra: Infrastructure, realtime: RealtimeHub) {
  const { database, clock, config } = infra
  const db = database.db
  const q = supervisionQueries(db)
  const notify = createNotifier(infra, realtime)

  const today = () => shanghaiDay(clock.now())
  const stateOf = (expiresOn: string | null) => {
    if (!expiresOn) return 'no_expiry' as const
    if (expiresOn < today()) return 'expired' as const
    if (expiresOn <= addDays(today(), config.QUALIFICATION_REMINDER_DAYS)) return 'expiring' as const
    return 'valid' as const
  }
  const qualificationView = ({
    qualification: x,
    orgName,
  }: {
    qualification: QualificationRow
    orgName: string
  }) => ({
    id: x.id,
    orgId: x.orgId,
    orgName,
    userId: x.userId,
    type: x.type,
    level: x.level,
    number: x.number,
    issuer: x.issuer,
    issuedOn: x.issuedOn,
    expiresOn: x.expiresOn,
    state: stateOf(x.expiresOn),
    verifiedAt: x.verifiedAt,
  })
  const recordView = (r: {
    record: RecordRow
    supervisorName: string
    workerName: string
    orgName: string
  }) => ({
    ...r.record,
    supervisorName: r.supervisorName,
    workerName: r.workerName,
    orgName: r.orgName,
  })

  function requireIn(p: Principal, action: 'supervision.manage' | 'qualification.manage', orgId: string) {
    if (p.canInOrg(action, orgId)) return
    throw p.activeMemberships.some((m) => m.orgId === orgId) ? new ForbiddenError() : new NotFoundError()
  }

  async function requireStaff(orgId: string, userId: string, field: string) {
    const m = await q.membership(orgId, userId)
    if (!m || m.role === 'auditor') throw new ValidationError([{ field, code: 'field.not_staff_member' }])
  }

  return {
    async mine(p: Principal) {
      const [records, qualifications] = await Promise.all([
        q.records({ workerId: p.userId }),
        q.qualifications({ userIds: [p.userId] }),
      ])
      return { records: records.map(recordView), qualifications: qualifications.map(qualificationView) }
    },

    async acknowledge(p: Principal, id: string) {
      const record = await q.recordById(id)
      if (!record || record.workerId !== p.userId) throw new NotFoundError()
      const updated = await q.acknowledge(id, p.userId, clock.now())
      if (!updated) throw new ConflictError('supervision.already_acknowledged')
      return { targetType: 'supervision_record', targetId: id, orgId: record.orgId }
    },

    async records(p: Principal, orgId: string, workerId?: string) {
      requireIn(p, 'supervision.manage', orgId)
      return (await q.records({ orgId, workerId })).map(recordView)
    },

    async addRecord(p: Principal, orgId: string, input: Static<typeof RecordInput>) {
      requireIn(p, 'supervision.manage', orgId)
      await requireStaff(orgId, input.workerId, 'body.workerId')
      const problems: FieldProblem[] = []
      if (input.workerId === p.userId) problems.push({ field: 'body.workerId', code: 'field.not_self' })
      if (input.heldOn > today()) problems.push({ field: 'body.heldOn', code: 'field.after_now' })
      if (input.nextOn && input.nextOn <= input.heldOn)
        problems.push({ field: 'body.nextOn', code: 'field.after_start' })
      if (problems.length) throw new ValidationError(problems)
      const record = await db.transaction(async (tx) => {
        const created = await supervisionQueries(tx).insertRecord({
          ...input,
          nextOn: input.nextOn ?? null,
          orgId,
          supervisorId: p.userId,
        })
        await notify(
          input.workerId,
          'supervision_recorded',
          { kind: input.kind, date: input.heldOn },
          '/supervision/mine',
          { tx, email: false },
        )
        return created
      })
      const [row] = (await q.records({ orgId, workerId: input.workerId })).filter(
        (r) => r.record.id === record.id,
      )
      return {
        view: recordView(row!),
        audit: { targetType: 'supervision_record', targetId: record.id, orgId },
      }
    },

    async workers(p: Principal, orgId: string) {
      requireIn(p, 'qualification.manage', orgId)
      const staff = await q.staff(orgId)
      const [qualifications, records] = await Promise.all([
        q.qualifications({ orgId }),
        // Supervisors see when each worker was last supervised; admins the count only (notes stay with supervisors).
        q.records({ orgId }),
      ])
      return staff.map((s) => {
        const own = qualifications.filter((x) => x.qualification.userId === s.userId).map(qualificationView)
        const supervised = records.filter((r) => r.record.workerId === s.userId)
        return {
          userId: s.userId,
          name: s.name,
          role: s.role,
          qualified: own.some((x) => x.state !== 'expired'),
          qualifications: own,
          lastSupervisedOn: supervised[0]?.record.heldOn ?? null,
          supervisionCount: supervised.length,
        }
      })
    },

    async addQualification(p: Principal, orgId: string, input: QualInput) {
      requireIn(p, 'qualification.manage', orgId)
      await requireStaff(orgId, input.userId, 'body.userId')
      const problems = checkQualification(input)
      if (problems.length) throw new ValidationError(problems)
      const now = clock.now()
      const created = await q.insertQualification({
        ...input,
        level: input.level ?? null,
        issuedOn: input.issuedOn ?? null,
        expiresOn: input.expiresOn ?? null,
        number: input.number.trim(),
        issuer: input.issuer.trim(),
        orgId,
        verifiedBy: p.userId,
        verifiedAt: now,
        createdBy: p.userId,
      })
      const [row] = (await q.qualifications({ orgId })).filter((x) => x.qualification.id === created.id)
      return {
        view: qualificationView(row!),
        audit: { targetType: 'qualification', targetId: created.id, orgId },
      }
    },

    async updateQualification(p: Principal, id: string, patch: Static<typeof QualificationPatch>) {
      const current = await q.qualification(id)
      if (!current || !p.activeMemberships.some((m) => m.orgId === current.orgId)) throw new NotFoundError()
      requireIn(p, 'qualification.manage', current.orgId)
      const merged = { ...current, ...patch }
      const problems = checkQualification(merged)
      if (problems.length) throw new ValidationError(problems)
      const expiryChanged = 'expiresOn' in patch && patch.expiresOn !== current.expiresOn
      await q.updateQualification(id, {
        ...patch,
        // A renewed certificate is reminded again before its new expiry.
        ...(expiryChanged ? { remindedAt: null } : {}),
        verifiedBy: p.userId,
        verifiedAt: clock.now(),
      })
      const [row] = (await q.qualifications({ orgId: current.orgId })).filter(
        (x) => x.qualification.id === id,
      )
      return {
        view: qualificationView(row!),
        audit: { targetType: 'qualification', targetId: id, orgId: current.orgId },
      }
    },

    /**
     * One sweep of the reminder job: each qualification expiring within the lead time (or already
     * expired) and not yet reminded gets one notice to its holder and to the agency's supervisors
     * and admins. Claim and notices share a transaction, so a reminder goes out once.
     */
    async sendExpiryReminders(): Promise<number> {
      const until = addDays(today(), config.QUALIFICATION_REMINDER_DAYS)
      let sent = 0
      for (;;) {
        const due = await q.expiringUnreminded(until, 100)
        for (const x of due) {
          await db.transaction(async (tx) => {
            const claimed = await supervisionQueries(tx).claimReminder(x.id, clock.now())
            if (!claimed) return
            const params = { number: x.number, date: x.expiresOn!, type: x.type }
            await notify(x.userId, 'qualification_expiring', params, '/supervision/mine', { tx })
            for (const userId of await orgStaffIds(tx, x.orgId, overseers))
              if (userId !== x.userId)
                await notify(userId, 'qualification_expiring_staff', params, '/supervision', { tx })
            sent++
          })
        }
        if (due.length < 100) return sent
      }
    },
  }
}
