import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ConflictError } from '../../errors.ts'
import { errors, Page } from '../../http/schemas.ts'
import { Need } from '../needs/need.schemas.ts'
import { needService } from '../needs/need.service.ts'
import { createNotifier } from '../notifications/notification.service.ts'
import { OrgParams } from '../organizations/organization.schemas.ts'
import { RecipientParams } from '../recipients/recipient.schemas.ts'
import { loadCase } from './case.access.ts'
import { caseAttachmentsService } from './case.attachments.ts'
import { caseDetail } from './case.detail.ts'
import {
  AttachmentInput,
  AttachmentParams,
  CaseDetail,
  CaseListQuery,
  CaseNeedInput,
  CaseParams,
  CaseSummary,
  CaseView,
  CaseWorkerParams,
  CoWorkerInput,
  FileResponse,
  MAX_ATTACHMENT_BYTES,
  OpenCaseInput,
  TransferInput,
  ViewsQuery,
} from './case.schemas.ts'
import { caseService } from './case.service.ts'
import { needStages } from './case.stages.ts'
import { caseTransfers } from './case.transfer.ts'
import { listViews, recordView } from './case.views.ts'
import { caseWorkersService } from './case.workers.ts'
import { caseRecordRoutes } from './case-record.routes.ts'

const tags = ['cases']
const Created = Type.Object({ id: Type.String({ format: 'uuid' }), code: Type.String() })

const caseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const notify = createNotifier(app.infra, app.realtime)
  const service = caseService(app.infra, notify)
  const transfers = caseTransfers(app.infra, notify)
  const files = caseAttachmentsService(app.infra, service.box)
  const needs = needService(app.infra, app.realtime)
  const coWorkers = caseWorkersService(app.infra, notify)
  const db = app.infra.database.db

  // Open case pages follow `case:<id>`: whoever may read the case may follow it (hearing of a
  // change is not a view; the refetch that follows is, and goes on the who-viewed log).
  app.realtime.authorize('case', async (principal, id) => {
    try {
      await loadCase(db, principal, id, 'read')
      return true
    } catch {
      return false
    }
  })
  // Every change of a case is audited with the case in its target (or its details); the same
  // hook announces it to the open pages once the change committed. Ids only, never content.
  app.addHook('onResponse', async (request, reply) => {
    const target = request.auditTarget
    if (request.method === 'GET' || reply.statusCode >= 300 || !target) return
    const caseId = target.targetType === 'case' ? target.targetId : target.details?.caseId
    if (typeof caseId !== 'string') return
    await app.realtime.publish(`case:${caseId}`, 'case.changed', { id: caseId }).catch((error) => {
      request.log.warn({ err: error }, 'case change not announced')
    })
  })

  app.post(
    '/api/recipients/:id/cases',
    {
      config: { action: 'case.manage' },
      schema: {
        summary: 'Open a case (个案) for a recipient at intake (接案); one open case per recipient',
        tags,
        params: RecipientParams,
        body: OpenCaseInput,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) => {
      const row = await service.open(request.principal!, request.params.id, request.body)
      request.auditTarget = {
        targetType: 'case',
        targetId: row.id,
        orgId: row.orgId,
        details: { code: row.code },
      }
      return reply.status(201).send({ id: row.id, code: row.code })
    },
  )

  app.get(
    '/api/recipients/:id/cases',
    {
      config: { action: 'case.read' },
      schema: {
        summary: "A recipient's cases the caller may see (their own; a supervisor sees all)",
        tags,
        params: RecipientParams,
        response: { 200: Type.Array(CaseSummary), ...errors },
      },
    },
    async (request) => service.listForRecipient(request.principal!, request.params.id),
  )

  app.get(
    '/api/organizations/:id/cases',
    {
      config: { action: 'case.read' },
      schema: {
        summary:
          "The agency's cases: a worker sees the cases they work (or are being handed); supervisors see all",
        tags,
        params: OrgParams,
        querystring: CaseListQuery,
        response: { 200: Page(CaseSummary), ...errors },
      },
    },
    async (request) => service.list(request.principal!, request.params.id, request.query),
  )

  app.get(
    '/api/cases/:id',
    {
      config: { action: 'case.read' },
      schema: {
        summary: 'One case with the documents of every stage (each opening goes on its who-viewed log)',
        tags,
        params: CaseParams,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => {
      const principal = request.principal!
      const access = await loadCase(db, principal, request.params.id, 'read')
      await recordView(db, access.row.id, principal.userId, app.infra.clock.now(), 'case')
      request.auditRead({ targetType: 'case', targetId: access.row.id, orgId: access.row.orgId })
      return caseDetail(db, service.box, principal, access)
    },
  )

  app.get(
    '/api/cases/:id/views',
    {
      config: { action: 'case.views' },
      schema: {
        summary: 'Who viewed the case and its files, newest first (supervisors and auditors)',
        tags,
        params: CaseParams,
        querystring: ViewsQuery,
        response: { 200: Page(CaseView), ...errors },
      },
    },
    async (request) => {
      const { row } = await loadCase(db, request.principal!, request.params.id, 'views')
      request.auditRead({ targetType: 'case_views', targetId: row.id, orgId: row.orgId })
      return listViews(db, row.id, request.query.limit ?? 50, request.query.offset ?? 0)
    },
  )

  app.post(
    '/api/cases/:id/needs',
    {
      config: { action: 'need.manage' },
      schema: {
        summary: 'Post a need from the case (for its recipient); the need links back to the case',
        tags,
        params: CaseParams,
        body: CaseNeedInput,
        response: { 201: Need, ...errors },
      },
    },
    async (request, reply) => {
      const principal = request.principal!
      const { row } = await loadCase(db, principal, request.params.id, 'write')
      if (row.status !== 'open' || !needStages.includes(row.stage))
        throw new ConflictError('case.wrong_stage')
      const need = await needs.create(
        principal,
        row.orgId,
        { ...request.body, recipientId: row.recipientId },
        { caseId: row.id },
      )
      request.auditTarget = {
        targetType: 'need',
        targetId: need.id,
        orgId: row.orgId,
        details: { caseId: row.id },
      }
      return reply.status(201).send(need)
    },
  )

  app.post(
    '/api/cases/:id/attachments',
    {
      config: { action: 'case.manage' },
      bodyLimit: Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 4096,
      schema: {
        summary: 'Keep a file with the case: PDF, PNG or JPEG up to 5 MB, sealed at rest',
        tags,
        params: CaseParams,
        body: AttachmentInput,
        response: {
          201: Type.Object({ id: Type.String({ format: 'uuid' }), size: Type.Integer() }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { caseRow, attachment } = await files.upload(request.principal!, request.params.id, request.body)
      request.auditTarget = {
        targetType: 'case_attachment',
        targetId: attachment.id,
        orgId: caseRow.orgId,
        details: { caseId: caseRow.id, contentType: attachment.contentType, size: attachment.size },
      }
      return reply.status(201).send({ id: attachment.id, size: attachment.size })
    },
  )

  app.get(
    '/api/cases/:id/attachments/:attachmentId',
    {
      config: { action: 'case.read' },
      schema: {
        summary: 'Download a file of the case (goes on its who-viewed log)',
        tags,
        params: AttachmentParams,
        response: { 200: FileResponse, ...errors },
      },
    },
    async (request, reply) => {
      const file = await files.download(request.principal!, request.params.id, request.params.attachmentId)
      request.auditRead({
        targetType: 'case_attachment',
        targetId: request.params.attachmentId,
        orgId: file.caseRow.orgId,
        details: { caseId: file.caseRow.id },
      })
      const ascii = `attachment-${request.params.attachmentId.slice(-8)}.${file.contentType.split('/')[1]}`
      return reply
        .type(file.contentType)
        .header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .send(file.bytes)
    },
  )

  for (const step of ['transfer', 'transfer/accept', 'transfer/decline', 'transfer/cancel'] as const) {
    app.post(
      `/api/cases/:id/${step}`,
      {
        config: { action: 'case.manage' },
        schema: {
          summary:
            step === 'transfer'
              ? 'Ask another worker of the agency to take the case over (lead worker or supervisor)'
              : step === 'transfer/accept'
                ? 'Take over a case handed to you: you become its lead and the former lead leaves it'
                : step === 'transfer/decline'
                  ? 'Decline a case handed to you'
                  : 'Withdraw a pending hand-over',
          tags,
          params: CaseParams,
          ...(step === 'transfer' ? { body: TransferInput } : {}),
          response: { 200: Type.Object({ ok: Type.Literal(true) }), ...errors },
        },
      },
      async (request) => {
        const principal = request.principal!
        const id = request.params.id
        const row =
          step === 'transfer'
            ? await transfers.request(principal, id, (request.body as { toUserId: string }).toUserId)
            : step === 'transfer/cancel'
              ? await transfers.cancel(principal, id)
              : await transfers.answer(principal, id, step === 'transfer/accept' ? 'accept' : 'decline')
        request.auditTarget = { targetType: 'case', targetId: id, orgId: row.orgId, details: { step } }
        return { ok: true as const }
      },
    )
  }

  app.post(
    '/api/cases/:id/workers',
    {
      config: { action: 'case.manage' },
      schema: {
        summary:
          'Add a co-worker (a social worker or supervisor of the agency) to the case (its lead or a supervisor)',
        tags,
        params: CaseParams,
        body: CoWorkerInput,
        response: { 201: Type.Object({ ok: Type.Literal(true) }), ...errors },
      },
    },
    async (request, reply) => {
      const row = await coWorkers.add(request.principal!, request.params.id, request.body.userId)
      request.auditTarget = {
        targetType: 'case',
        targetId: row.id,
        orgId: row.orgId,
        details: { step: 'worker_added', worker: request.body.userId },
      }
      return reply.status(201).send({ ok: true as const })
    },
  )

  app.delete(
    '/api/cases/:id/workers/:userId',
    {
      config: { action: 'case.manage' },
      schema: {
        summary: 'Remove a co-worker (the lead or a supervisor), or leave the case as a co-worker',
        tags,
        params: CaseWorkerParams,
        response: { 200: Type.Object({ ok: Type.Literal(true) }), ...errors },
      },
    },
    async (request) => {
      const { id, userId } = request.params
      const row = await coWorkers.remove(request.principal!, id, userId)
      request.auditTarget = {
        targetType: 'case',
        targetId: row.id,
        orgId: row.orgId,
        details: { step: 'worker_removed', worker: userId },
      }
      return { ok: true as const }
    },
  )

  caseRecordRoutes(app, service)
}

export default caseRoutes
