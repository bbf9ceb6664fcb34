import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { errors, Nullable, Uuid } from '../../http/schemas.ts'
import { createNotifier } from '../notifications/notification.service.ts'
import { OrgParams } from '../organizations/organization.schemas.ts'
import { archiveDestruction } from './archive.destruction.ts'
import type { ArchiveRow } from './archive.filing.ts'
import {
  Agency,
  ArchiveBorrowingParams,
  ArchiveDestructionParams,
  ArchiveDetail,
  ArchiveListQuery,
  ArchivePage,
  ArchiveParams,
  ArchiveSummary,
  BorrowInput,
  Borrowing,
  DecisionInput,
  FindQuery,
  ReasonInput,
  RejectInput,
  RetentionInput,
  RetentionRow,
  TransferAnswer,
  TransferInput,
} from './archive.schemas.ts'
import { archiveService } from './archive.service.ts'
import { archiveTransfers } from './archive.transfer.ts'

const tags = ['archives']
const DAY = 24 * 60 * 60_000
export const ARCHIVE_OVERDUE_JOB = 'archives.borrowing_overdue'
export const ARCHIVE_DUE_JOB = 'archives.retention_due'

/** What a write returns: the file as it now stands (the page reloads its detail). */
const ArchiveRef = Type.Object({
  id: Uuid,
  code: Type.String(),
  orgId: Uuid,
  status: Type.String(),
  borrowingId: Nullable(Uuid),
  destructionId: Nullable(Uuid),
  /** Purged counts, on the approval that destroyed the file. */
  purged: Nullable(Type.Record(Type.String(), Type.Integer())),
})

const ref = (
  a: ArchiveRow,
  extra: { borrowingId?: string; destructionId?: string; purged?: Record<string, number> | null } = {},
) => ({
  id: a.id,
  code: a.code,
  orgId: a.orgId,
  status: a.status,
  borrowingId: extra.borrowingId ?? null,
  destructionId: extra.destructionId ?? null,
  purged: extra.purged ?? null,
})

const audit = (request: FastifyRequest, a: ArchiveRow, details: Record<string, unknown> = {}) => {
  request.auditTarget = {
    targetType: 'archive',
    targetId: a.id,
    orgId: a.orgId,
    details: { code: a.code, ...details },
  }
}

const archiveRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const notify = createNotifier(app.infra, app.realtime)
  const service = archiveService(app.infra, notify)
  const destruction = archiveDestruction(app.infra, notify)
  const transfers = archiveTransfers(app.infra, notify)

  app.jobs.register(ARCHIVE_OVERDUE_JOB, async ({ log }) => {
    const told = await service.remindOverdue()
    if (told) log.info({ told }, 'overdue archive borrowers reminded')
  })
  app.jobs.every({ name: ARCHIVE_OVERDUE_JOB, everyMs: DAY })
  app.jobs.register(ARCHIVE_DUE_JOB, async ({ log }) => {
    const due = await service.announceDue()
    if (due) log.info({ due }, 'archives due for destruction announced')
  })
  app.jobs.every({ name: ARCHIVE_DUE_JOB, everyMs: DAY })

  // —— The register and its settings ——

  app.get(
    '/api/orgs/:id/archives',
    {
      config: { action: 'archive.read' },
      schema: {
        summary:
          'The archive register (档案登记) of an agency, with filters and counts; codes only, no personal data',
        tags,
        params: OrgParams,
        querystring: ArchiveListQuery,
        response: { 200: ArchivePage, ...errors },
      },
    },
    async (request) => service.list(request.principal!, request.params.id, request.query),
  )

  app.get(
    '/api/orgs/:id/archives/find',
    {
      config: { action: 'archive.borrow' },
      schema: {
        summary: 'A filed record by its archive number, for a worker who wants to borrow it',
        tags,
        params: OrgParams,
        querystring: FindQuery,
        response: { 200: ArchiveSummary, ...errors },
      },
    },
    async (request) => service.find(request.principal!, request.params.id, request.query.code),
  )

  app.get(
    '/api/orgs/:id/archive-retention',
    {
      config: { action: 'archive.read' },
      schema: {
        summary: "Retention periods per record type: the agency's own, or the configured default",
        tags,
        params: OrgParams,
        response: { 200: Type.Array(RetentionRow), ...errors },
      },
    },
    async (request) => service.retention(request.principal!, request.params.id),
  )

  app.put(
    '/api/orgs/:id/archive-retention',
    {
      config: { action: 'archive.manage' },
      schema: {
        summary: 'Set retention periods (1–100 years); files already filed keep the period fixed at filing',
        tags,
        params: OrgParams,
        body: RetentionInput,
        response: { 200: Type.Array(RetentionRow), ...errors },
      },
    },
    async (request) => {
      const rows = await service.putRetention(request.principal!, request.params.id, request.body)
      request.auditTarget = {
        targetType: 'archive_retention',
        targetId: request.params.id,
        orgId: request.params.id,
        details: Object.fromEntries(request.body.items.map((i) => [i.recordType, i.years])),
      }
      return rows
    },
  )

  app.get(
    '/api/orgs/:id/archive-agencies',
    {
      config: { action: 'archive.manage' },
      schema: {
        summary: 'Verified agencies a file can be transferred to',
        tags,
        params: OrgParams,
        response: { 200: Type.Array(Agency), ...errors },
      },
    },
    async (request) => service.agencies(request.principal!, request.params.id),
  )

  app.get(
    '/api/archives/organizations',
    {
      config: { action: 'archive.read' },
      schema: {
        summary: 'Organizations whose register the caller reads (all agencies for a platform auditor)',
        tags,
        response: { 200: Type.Array(Agency), ...errors },
      },
    },
    async (request) => service.readableOrgs(request.principal!),
  )

  app.get(
    '/api/archives/borrowings/mine',
    {
      config: { action: 'archive.borrow' },
      schema: {
        summary: "The caller's borrowings, newest first",
        tags,
        response: { 200: Type.Array(Borrowing), ...errors },
      },
    },
    async (request) => service.mine(request.principal!),
  )

  app.get(
    '/api/archives/:id',
    {
      config: { action: 'archive.read' },
      schema: {
        summary: 'A filed record: register entry, history, borrowings and destruction requests',
        tags,
        params: ArchiveParams,
        response: { 200: ArchiveDetail, ...errors },
      },
    },
    async (request) => service.detail(request.principal!, request.params.id),
  )

  // —— Borrowing (档案借阅) ——

  app.post(
    '/api/archives/:id/borrowings',
    {
      config: { action: 'archive.borrow' },
      schema: {
        summary: 'Ask to borrow a case file, with a purpose and a return date (at most 30 days ahead)',
        tags,
        params: ArchiveParams,
        body: BorrowInput,
        response: { 201: ArchiveRef, ...errors },
      },
    },
    async (request, reply) => {
      const { archive, borrowing } = await service.requestBorrowing(
        request.principal!,
        request.params.id,
        request.body,
      )
      audit(request, archive, { borrowingId: borrowing.id })
      return reply.status(201).send(ref(archive, { borrowingId: borrowing.id }))
    },
  )

  app.post(
    '/api/archives/:id/borrowings/:borrowingId/decision',
    {
      config: { action: 'archive.manage' },
      schema: {
        summary:
          'Approve or reject a borrowing request (a keeper other than the requester; a note to reject)',
        tags,
        params: ArchiveBorrowingParams,
        body: DecisionInput,
        response: { 200: ArchiveRef, ...errors },
      },
    },
    async (request) => {
      const { id, borrowingId } = request.params
      const { archive } = await service.decideBorrowing(
        request.principal!,
        id,
        borrowingId,
        request.body.decision,
        request.body.note,
      )
      audit(request, archive, { borrowingId, decision: request.body.decision })
      return ref(archive, { borrowingId })
    },
  )

  for (const [path, action, summary] of [
    ['return', 'archive.borrow', 'The borrower returns the file; reading ends'],
    ['received', 'archive.manage', 'A keeper records that the file came back; reading ends'],
  ] as const)
    app.post(
      `/api/archives/:id/borrowings/:borrowingId/${path}`,
      {
        config: { action },
        schema: { summary, tags, params: ArchiveBorrowingParams, response: { 200: ArchiveRef, ...errors } },
      },
      async (request) => {
        const { id, borrowingId } = request.params
        const { archive } = await service.returnBorrowing(request.principal!, id, borrowingId)
        audit(request, archive, { borrowingId })
        return ref(archive, { borrowingId })
      },
    )

  app.post(
    '/api/archives/:id/borrowings/:borrowingId/cancel',
    {
      config: { action: 'archive.borrow' },
      schema: {
        summary: 'The requester withdraws a borrowing request not yet decided',
        tags,
        params: ArchiveBorrowingParams,
        response: { 200: ArchiveRef, ...errors },
      },
    },
    async (request) => {
      const { id, borrowingId } = request.params
      const { archive } = await service.cancelBorrowing(request.principal!, id, borrowingId)
      audit(request, archive, { borrowingId })
      return ref(archive, { borrowingId })
    },
  )

  // —— Destruction (档案销毁) ——

  app.post(
    '/api/archives/:id/destructions',
    {
      config: { action: 'archive.manage' },
      schema: {
        summary: 'Ask to destroy a file whose retention has ended (409 before); two other keepers approve',
        tags,
        params: ArchiveParams,
        body: ReasonInput,
        response: { 201: ArchiveRef, ...errors },
      },
    },
    async (request, reply) => {
      const { archive, destruction: d } = await destruction.request(
        request.principal!,
        request.params.id,
        request.body.reason,
      )
      audit(request, archive, { destructionId: d.id })
      return reply.status(201).send(ref(archive, { destructionId: d.id }))
    },
  )

  app.post(
    '/api/archives/:id/destructions/:destructionId/approve',
    {
      config: { action: 'archive.manage' },
      schema: {
        summary:
          'First or second approval of a destruction; the second purges the contents and leaves the tombstone',
        tags,
        params: ArchiveDestructionParams,
        response: { 200: ArchiveRef, ...errors },
      },
    },
    async (request) => {
      const { id, destructionId } = request.params
      const { archive, purged } = await destruction.approve(request.principal!, id, destructionId)
      audit(request, archive, { destructionId, ...(purged ?? {}) })
      return ref(archive, { destructionId, purged })
    },
  )

  app.post(
    '/api/archives/:id/destructions/:destructionId/reject',
    {
      config: { action: 'archive.manage' },
      schema: {
        summary: 'Reject a destruction request, with a note',
        tags,
        params: ArchiveDestructionParams,
        body: RejectInput,
        response: { 200: ArchiveRef, ...errors },
      },
    },
    async (request) => {
      const { id, destructionId } = request.params
      const { archive } = await destruction.reject(request.principal!, id, destructionId, request.body.note)
      audit(request, archive, { destructionId })
      return ref(archive, { destructionId })
    },
  )

  app.post(
    '/api/archives/:id/destructions/:destructionId/cancel',
    {
      config: { action: 'archive.manage' },
      schema: {
        summary: 'The keeper who asked withdraws a destruction request',
        tags,
        params: ArchiveDestructionParams,
        response: { 200: ArchiveRef, ...errors },
      },
    },
    async (request) => {
      const { id, destructionId } = request.params
      const { archive } = await destruction.cancel(request.principal!, id, destructionId)
      audit(request, archive, { destructionId })
      return ref(archive, { destructionId })
    },
  )

  // —— Transfer between agencies (档案移交) ——

  app.post(
    '/api/archives/:id/transfer',
    {
      config: { action: 'archive.manage' },
      schema: {
        summary: 'Ask to transfer a file to another verified agency, with a reason',
        tags,
        params: ArchiveParams,
        body: TransferInput,
        response: { 200: ArchiveRef, ...errors },
      },
    },
    async (request) => {
      const archive = await transfers.request(
        request.principal!,
        request.params.id,
        request.body.toOrgId,
        request.body.reason,
      )
      audit(request, archive, { toOrgId: request.body.toOrgId })
      return ref(archive)
    },
  )

  app.post(
    '/api/archives/:id/transfer/answer',
    {
      config: { action: 'archive.manage' },
      schema: {
        summary: 'A keeper of the receiving agency accepts (the file and its record move) or declines',
        tags,
        params: ArchiveParams,
        body: TransferAnswer,
        response: { 200: ArchiveRef, ...errors },
      },
    },
    async (request) => {
      const { archive, fromOrgId } = await transfers.answer(
        request.principal!,
        request.params.id,
        request.body.answer,
        request.body.note,
      )
      audit(request, archive, { answer: request.body.answer, fromOrgId })
      return ref(archive)
    },
  )

  app.post(
    '/api/archives/:id/transfer/cancel',
    {
      config: { action: 'archive.manage' },
      schema: {
        summary: 'The sending agency withdraws a transfer that waits for an answer',
        tags,
        params: ArchiveParams,
        response: { 200: ArchiveRef, ...errors },
      },
    },
    async (request) => {
      const archive = await transfers.cancel(request.principal!, request.params.id)
      audit(request, archive)
      return ref(archive)
    },
  )
}

export default archiveRoutes
