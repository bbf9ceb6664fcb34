import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errors, Page } from '../../http/schemas.ts'
import {
  BulkApproveInput,
  BulkApproveResult,
  Correction,
  CorrectionInput,
  CorrectionListQuery,
  OrgParams,
  PendingPatch,
  RecordListQuery,
  RecordParams,
  RecordWithHistory,
  ReviewInput,
  SelfReportInput,
  ServiceRecord,
  ServiceRecordListed,
} from './service-record.schemas.ts'
import { serviceRecordService } from './service-record.service.ts'

const tags = ['service-records']

const serviceRecordRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = serviceRecordService(app)
  const pageOf = (q: { limit?: number; offset?: number }) => ({ limit: q.limit ?? 20, offset: q.offset ?? 0 })

  app.get(
    '/api/me/service-records',
    {
      config: { action: 'service_record.self' },
      schema: {
        summary: "The caller's service records, every status",
        tags,
        querystring: RecordListQuery,
        response: { 200: Page(ServiceRecordListed), ...errors },
      },
    },
    async (request) =>
      service.listMine(request.principal!, {
        ...(request.query.status ? { status: request.query.status } : {}),
        ...pageOf(request.query),
      }),
  )

  app.post(
    '/api/me/service-records',
    {
      config: { action: 'service_record.self' },
      schema: {
        summary: 'Report hours served off the platform, with evidence, for the named organization to approve',
        tags,
        body: SelfReportInput,
        response: { 201: ServiceRecord, ...errors },
      },
    },
    async (request, reply) => {
      const record = await service.selfReport(request.principal!, request.body)
      request.auditTarget = { targetType: 'service_record', targetId: record.id, orgId: record.orgId }
      return reply.status(201).send(record)
    },
  )

  app.get(
    '/api/me/service-records/:id',
    {
      config: { action: 'service_record.self' },
      schema: {
        summary: 'One of the caller’s records with its history',
        tags,
        params: RecordParams,
        response: { 200: RecordWithHistory, ...errors },
      },
    },
    async (request) => service.getOwn(request.principal!, request.params.id),
  )

  app.post(
    '/api/me/service-records/:id/corrections',
    {
      config: { action: 'service_record.self' },
      schema: {
        summary: 'Ask the organizing organization to correct an approved record, with a reason',
        tags,
        params: RecordParams,
        body: CorrectionInput,
        response: { 201: Correction, ...errors },
      },
    },
    async (request, reply) => {
      const { correction, orgId } = await service.requestCorrection(
        request.principal!,
        request.params.id,
        request.body,
      )
      request.auditTarget = {
        targetType: 'service_record',
        targetId: request.params.id,
        orgId,
        details: { correctionId: correction.id, fields: Object.keys(request.body.changes) },
      }
      return reply.status(201).send(correction)
    },
  )

  app.get(
    '/api/organizations/:id/service-records',
    {
      config: { action: 'service_record.review' },
      schema: {
        summary: "Records of the organization's activities (the approval queue with status=pending)",
        tags,
        params: OrgParams,
        querystring: RecordListQuery,
        response: { 200: Page(ServiceRecordListed), ...errors },
      },
    },
    async (request) =>
      service.listForOrg(request.principal!, request.params.id, {
        ...(request.query.status ? { status: request.query.status } : {}),
        ...pageOf(request.query),
      }),
  )

  app.post(
    '/api/organizations/:id/service-records/approve',
    {
      config: { action: 'service_record.review' },
      schema: {
        summary:
          'Approve many pending records at once; records not pending or not the organization’s are skipped',
        tags,
        params: OrgParams,
        body: BulkApproveInput,
        response: { 200: BulkApproveResult, ...errors },
      },
    },
    async (request) => {
      const result = await service.bulkApprove(request.principal!, request.params.id, request.body.ids)
      request.auditTarget = {
        targetType: 'service_record',
        orgId: request.params.id,
        details: { approved: result.approved, skipped: result.skipped.length },
      }
      return result
    },
  )

  app.get(
    '/api/service-records/:id',
    {
      config: { action: 'service_record.review' },
      schema: {
        summary: 'A record of the organization with its history',
        tags,
        params: RecordParams,
        response: { 200: RecordWithHistory, ...errors },
      },
    },
    async (request) => service.getForReview(request.principal!, request.params.id),
  )

  app.patch(
    '/api/service-records/:id',
    {
      config: { action: 'service_record.review' },
      schema: {
        summary: 'Fill in or fix a pending record (evaluation, content …); history keeps the change',
        tags,
        params: RecordParams,
        body: PendingPatch,
        response: { 200: ServiceRecord, ...errors },
      },
    },
    async (request) => {
      const { reason, ...changes } = request.body
      const record = await service.updatePending(
        request.principal!,
        request.params.id,
        changes,
        reason ?? null,
      )
      request.auditTarget = {
        targetType: 'service_record',
        targetId: record.id,
        orgId: record.orgId,
        details: { fields: Object.keys(changes) },
      }
      return record
    },
  )

  app.post(
    '/api/service-records/:id/review',
    {
      config: { action: 'service_record.review' },
      schema: {
        summary: 'Approve or reject a pending record (the organizing organization only)',
        tags,
        params: RecordParams,
        body: ReviewInput,
        response: { 200: ServiceRecord, ...errors },
      },
    },
    async (request) => {
      const record = await service.review(
        request.principal!,
        request.params.id,
        request.body.decision,
        request.body.note ?? null,
      )
      request.auditTarget = {
        targetType: 'service_record',
        targetId: record.id,
        orgId: record.orgId,
        details: { status: record.status, minutes: record.minutes },
      }
      return record
    },
  )

  app.get(
    '/api/organizations/:id/service-record-corrections',
    {
      config: { action: 'service_record.review' },
      schema: {
        summary: 'Correction requests on the organization’s records',
        tags,
        params: OrgParams,
        querystring: CorrectionListQuery,
        response: { 200: Type.Object({ items: Type.Array(Correction) }), ...errors },
      },
    },
    async (request) => ({
      items: await service.listCorrections(
        request.principal!,
        request.params.id,
        request.query.status ?? 'pending',
      ),
    }),
  )

  app.post(
    '/api/service-record-corrections/:id/review',
    {
      config: { action: 'service_record.review' },
      schema: {
        summary: 'Apply or refuse a correction request',
        tags,
        params: RecordParams,
        body: ReviewInput,
        response: { 200: Correction, ...errors },
      },
    },
    async (request) => {
      const { correction, orgId } = await service.reviewCorrection(
        request.principal!,
        request.params.id,
        request.body.decision,
        request.body.note ?? null,
      )
      request.auditTarget = {
        targetType: 'service_record',
        targetId: correction.recordId,
        orgId,
        details: { correctionId: correction.id, status: correction.status },
      }
      return correction
    },
  )
}

export default serviceRecordRoutes
