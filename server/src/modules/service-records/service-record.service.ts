import {
  accountsRepo,
  type DbOrTx,
  organizationsRepo,
  type ServiceRecord,
  type ServiceRecordStatus,
  serviceRecordsRepo,
} from '@liandong/db'
import type { FastifyInstance } from 'fastify'
import type { Principal } from '../../auth/principal.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts'
import { applyApprovedMinutes } from '../rewards/rewards.rules.ts'
import { noticeToVolunteer } from '../signups/signup.notices.ts'
import { shanghaiDate } from '../volunteers/age.ts'

/** Fields a coordinator may fill in or fix while a record is pending, and a correction may change. */
export const editableFields = [
  'activityName',
  'serviceDate',
  'place',
  'recipientGroup',
  'content',
  'evaluation',
  'activityLead',
] as const
export const correctableFields = [...editableFields, 'minutes'] as const
type Changes = Partial<Record<(typeof correctableFields)[number], string | number | null>>

export interface SelfReportInput {
  orgId: string
  activityName: string
  serviceDate: string
  place: string
  recipientGroup: string
  content: string
  minutes: number
  evidence: string
}

const pick = (record: ServiceRecord, keys: readonly string[]) =>
  Object.fromEntries(keys.map((k) => [k, record[k as keyof ServiceRecord]]))

/**
 * Service records: "谁组织谁记录" — only coordinators of the organizing organization approve,
 * reject or correct a record. Approved records change only through a reviewed correction; every
 * change is written to service_record_history in the same transaction.
 */
export function serviceRecordService(app: FastifyInstance) {
  const { database, clock } = app.infra
  const db = database.db

  const canReview = (principal: Principal, orgId: string) =>
    principal.canInOrg('service_record.review', orgId)

  /** A record the caller reviews; 403 for its own volunteer, 404 for anyone else outside the org. */
  async function loadForReview(principal: Principal, id: string) {
    const record = await serviceRecordsRepo(db).findById(id)
    if (!record) throw new NotFoundError()
    if (!canReview(principal, record.orgId)) {
      if (record.userId === principal.userId) throw new ForbiddenError()
      throw new NotFoundError()
    }
    return record
  }

  async function decide(
    tx: DbOrTx,
    principal: Principal,
    record: ServiceRecord,
    decision: 'approve' | 'reject',
    note: string | null,
  ) {
    const repo = serviceRecordsRepo(tx)
    const locked = (await repo.lock(record.id))!
    if (locked.status !== 'pending') throw new ConflictError('service_record.not_pending')
    const now = clock.now()
    const status: ServiceRecordStatus = decision === 'approve' ? 'approved' : 'rejected'
    const recorder = locked.recorderId
      ? {}
      : { recorderId: principal.userId, recorderName: await recorderName(tx, principal.userId) }
    const updated = await repo.update(locked.id, {
      status,
      reviewedBy: principal.userId,
      reviewedAt: now,
      reviewNote: note,
      ...recorder,
    })
    await repo.addHistory({
      recordId: locked.id,
      actorId: principal.userId,
      action: status,
      before: { status: locked.status },
      after: { status, minutes: locked.minutes },
      reason: note,
      at: now,
    })
    if (status === 'approved')
      await applyApprovedMinutes(app, tx, {
        userId: locked.userId,
        recordId: locked.id,
        beforeMinutes: 0,
        afterMinutes: locked.minutes,
        reason: 'service',
      })
    await noticeToVolunteer(
      app,
      tx,
      locked.userId,
      `service_record.${status}`,
      { activity: locked.activityName, minutes: locked.minutes },
      `/volunteer/records/${locked.id}`,
    )
    return updated
  }

  async function recorderName(tx: DbOrTx, userId: string) {
    return (await accountsRepo(tx).findUserById(userId))?.displayName ?? null
  }

  return {
    async listMine(
      principal: Principal,
      query: { status?: ServiceRecordStatus; limit: number; offset: number },
    ) {
      return page(await serviceRecordsRepo(db).list({ userId: principal.userId, ...query }), query)
    },

    async listForOrg(
      principal: Principal,
      orgId: string,
      query: { status?: ServiceRecordStatus; limit: number; offset: number },
    ) {
      if (!canReview(principal, orgId)) throw new NotFoundError()
      return page(await serviceRecordsRepo(db).list({ orgId, ...query }), query)
    },

    /** Hours served off the platform, with evidence, for the named organization to approve. */
    async selfReport(principal: Principal, input: SelfReportInput) {
      const org = await organizationsRepo(db).findById(input.orgId)
      if (org?.status !== 'approved')
        throw new ValidationError([{ field: 'body.orgId', code: 'field.invalid_value' }])
      if (input.serviceDate > shanghaiDate(clock.now()))
        throw new ValidationError([{ field: 'body.serviceDate', code: 'service_record.future_date' }])
      return db.transaction(async (tx) => {
        const now = clock.now()
        const repo = serviceRecordsRepo(tx)
        const record = (await repo.insert({
          ...input,
          userId: principal.userId,
          source: 'self_report',
          status: 'pending',
          createdAt: now,
        }))!
        await repo.addHistory({
          recordId: record.id,
          actorId: principal.userId,
          action: 'self_reported',
          after: { minutes: record.minutes, status: 'pending' },
          at: now,
        })
        return record
      })
    },

    async getOwn(principal: Principal, id: string) {
      const record = await serviceRecordsRepo(db).findById(id)
      if (record?.userId !== principal.userId) throw new NotFoundError()
      return { record, history: await serviceRecordsRepo(db).history(id) }
    },

    async getForReview(principal: Principal, id: string) {
      const record = await loadForReview(principal, id)
      return { record, history: await serviceRecordsRepo(db).history(id) }
    },

    async review(principal: Principal, id: string, decision: 'approve' | 'reject', note: string | null) {
      const record = await loadForReview(principal, id)
      return db.transaction((tx) => decide(tx, principal, record, decision, note))
    },

    /** Approves many pending records of one organization in one transaction; others are reported back. */
    async bulkApprove(principal: Principal, orgId: string, ids: string[]) {
      if (!canReview(principal, orgId)) throw new NotFoundError()
      return db.transaction(async (tx) => {
        const records = await serviceRecordsRepo(tx).findMany([...new Set(ids)])
        const approved: string[] = []
        const skipped: string[] = []
        for (const id of ids) {
          const record = records.find((r) => r.id === id)
          if (!record || record.orgId !== orgId || record.status !== 'pending') {
            skipped.push(id)
            continue
          }
          await decide(tx, principal, record, 'approve', null)
          approved.push(id)
        }
        return { approved, skipped }
      })
    },

    /** Fills in or fixes a pending record (evaluation, content …); minutes change through an override. */
    async updatePending(principal: Principal, id: string, changes: Changes, reason: string | null) {
      const record = await loadForReview(principal, id)
      return db.transaction(async (tx) => {
        const repo = serviceRecordsRepo(tx)
        const locked = (await repo.lock(record.id))!
        if (locked.status !== 'pending') throw new ConflictError('service_record.not_pending')
        const keys = Object.keys(changes)
        const updated = await repo.update(id, changes as Partial<ServiceRecord>)
        await repo.addHistory({
          recordId: id,
          actorId: principal.userId,
          action: 'edited',
          before: pick(locked, keys),
          after: pick(updated, keys),
          reason,
          at: clock.now(),
        })
        return updated
      })
    },

    /** A volunteer asks for a change to an approved record (民政部令第67号: volunteers may ask for corrections). */
    async requestCorrection(principal: Principal, id: string, input: { reason: string; changes: Changes }) {
      const record = await serviceRecordsRepo(db).findById(id)
      if (record?.userId !== principal.userId) throw new NotFoundError()
      if (record.status !== 'approved') throw new ConflictError('service_record.not_approved')
      if (Object.keys(input.changes).length === 0)
        throw new ValidationError([{ field: 'body.changes', code: 'field.required' }])
      return db.transaction(async (tx) => {
        const repo = serviceRecordsRepo(tx)
        await repo.lock(id)
        if (await repo.pendingCorrection(id)) throw new ConflictError('service_record.correction_pending')
        const correction = await repo.insertCorrection({
          recordId: id,
          requestedBy: principal.userId,
          reason: input.reason,
          changes: input.changes,
          createdAt: clock.now(),
        })
        await repo.addHistory({
          recordId: id,
          actorId: principal.userId,
          action: 'correction_requested',
          after: input.changes,
          reason: input.reason,
          at: clock.now(),
        })
        return { correction, orgId: record.orgId }
      })
    },

    async listCorrections(principal: Principal, orgId: string, status: 'pending' | 'approved' | 'rejected') {
      if (!canReview(principal, orgId)) throw new NotFoundError()
      return serviceRecordsRepo(db).correctionsForOrg(orgId, status)
    },

    /** The organization applies or refuses a correction; applied minutes move the points too. */
    async reviewCorrection(
      principal: Principal,
      correctionId: string,
      decision: 'approve' | 'reject',
      note: string | null,
    ) {
      const correction = await serviceRecordsRepo(db).findCorrection(correctionId)
      if (!correction) throw new NotFoundError()
      const record = await loadForReview(principal, correction.recordId)
      return db.transaction(async (tx) => {
        const repo = serviceRecordsRepo(tx)
        const locked = (await repo.lockCorrection(correctionId))!
        if (locked.status !== 'pending') throw new ConflictError('service_record.correction_not_pending')
        const current = (await repo.lock(record.id))!
        const now = clock.now()
        const status = decision === 'approve' ? 'approved' : 'rejected'
        const updatedCorrection = await repo.updateCorrection(correctionId, {
          status,
          reviewedBy: principal.userId,
          reviewedAt: now,
          reviewNote: note,
        })
        const changes = locked.changes as Changes
        const keys = Object.keys(changes)
        if (status === 'approved') {
          const updated = await repo.update(record.id, changes as Partial<ServiceRecord>)
          await repo.addHistory({
            recordId: record.id,
            actorId: principal.userId,
            action: 'corrected',
            before: pick(current, keys),
            after: pick(updated, keys),
            reason: locked.reason,
            at: now,
          })
          if (updated.minutes !== current.minutes)
            await applyApprovedMinutes(app, tx, {
              userId: current.userId,
              recordId: current.id,
              beforeMinutes: current.minutes,
              afterMinutes: updated.minutes,
              reason: 'correction',
            })
        } else {
          await repo.addHistory({
            recordId: record.id,
            actorId: principal.userId,
            action: 'correction_rejected',
            reason: note,
            at: now,
          })
        }
        await noticeToVolunteer(
          app,
          tx,
          current.userId,
          `service_record.correction_${status}`,
          { activity: current.activityName },
          `/volunteer/records/${current.id}`,
        )
        return { correction: updatedCorrection, orgId: record.orgId }
      })
    },
  }
}

function page<T extends { record: ServiceRecord; volunteerName: string; autoClosed: boolean | null }>(
  result: { items: T[]; total: number },
  query: { limit: number; offset: number },
) {
  return {
    items: result.items.map((r) => ({
      ...r.record,
      volunteerName: r.volunteerName,
      autoClosed: r.autoClosed ?? false,
    })),
    total: result.total,
    limit: query.limit,
    offset: query.offset,
  }
}
