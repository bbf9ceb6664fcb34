import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errors, Ok } from '../../http/schemas.ts'
import { OrgParams } from '../organizations/organization.schemas.ts'
import {
  IdParams,
  Mine,
  Qualification,
  QualificationInput,
  QualificationPatch,
  RecordInput,
  RecordsQuery,
  SupervisionRecord,
  Worker,
} from './supervision.schemas.ts'
import { supervisionService } from './supervision.service.ts'

const tags = ['supervision']
export const QUALIFICATION_REMINDER_JOB = 'qualifications.expiry-reminders'

const supervisionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = supervisionService(app.infra, app.realtime)

  app.jobs.register(QUALIFICATION_REMINDER_JOB, async ({ log }) => {
    const sent = await service.sendExpiryReminders()
    if (sent) log.info({ sent }, 'qualification expiry reminders sent')
  })
  app.jobs.every({ name: QUALIFICATION_REMINDER_JOB, everyMs: 6 * 3_600_000 })

  app.get(
    '/api/supervision/mine',
    {
      config: { action: 'supervision.self' },
      schema: {
        summary: 'My supervision records and qualifications',
        tags,
        response: { 200: Mine, ...errors },
      },
    },
    async (request) => service.mine(request.principal!),
  )

  app.post(
    '/api/supervision/records/:id/acknowledge',
    {
      config: { action: 'supervision.self' },
      schema: {
        summary: 'Acknowledge a supervision record about me',
        tags,
        params: IdParams,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      request.auditTarget = await service.acknowledge(request.principal!, request.params.id)
      return { ok: true as const }
    },
  )

  app.get(
    '/api/organizations/:id/supervision',
    {
      config: { action: 'supervision.manage' },
      schema: {
        summary: "Supervision records of the organization's workers",
        tags,
        params: OrgParams,
        querystring: RecordsQuery,
        response: { 200: Type.Object({ items: Type.Array(SupervisionRecord) }), ...errors },
      },
    },
    async (request) => ({
      items: await service.records(request.principal!, request.params.id, request.query.workerId),
    }),
  )

  app.post(
    '/api/organizations/:id/supervision',
    {
      config: { action: 'supervision.manage' },
      schema: {
        summary: 'Record a supervision session (administrative, educational or supportive)',
        tags,
        params: OrgParams,
        body: RecordInput,
        response: { 201: SupervisionRecord, ...errors },
      },
    },
    async (request, reply) => {
      const { view, audit } = await service.addRecord(request.principal!, request.params.id, request.body)
      request.auditTarget = { ...audit, details: { kind: view.kind } }
      return reply.status(201).send(view)
    },
  )

  app.get(
    '/api/organizations/:id/workers',
    {
      config: { action: 'qualification.manage' },
      schema: {
        summary: 'Staff with their qualifications (Chengdu §5.1.1) and when they were last supervised',
        tags,
        params: OrgParams,
        response: { 200: Type.Object({ items: Type.Array(Worker) }), ...errors },
      },
    },
    async (request) => ({ items: await service.workers(request.principal!, request.params.id) }),
  )

  app.post(
    '/api/organizations/:id/qualifications',
    {
      config: { action: 'qualification.manage' },
      schema: {
        summary: "Record a worker's qualification (verified by the caller)",
        tags,
        params: OrgParams,
        body: QualificationInput,
        response: { 201: Qualification, ...errors },
      },
    },
    async (request, reply) => {
      const { view, audit } = await service.addQualification(
        request.principal!,
        request.params.id,
        request.body,
      )
      request.auditTarget = audit
      return reply.status(201).send(view)
    },
  )

  app.patch(
    '/api/qualifications/:id',
    {
      config: { action: 'qualification.manage' },
      schema: {
        summary: 'Correct or renew a qualification (a new expiry date is reminded again)',
        tags,
        params: IdParams,
        body: QualificationPatch,
        response: { 200: Qualification, ...errors },
      },
    },
    async (request) => {
      const { view, audit } = await service.updateQualification(
        request.principal!,
        request.params.id,
        request.body,
      )
      request.auditTarget = audit
      return view
    },
  )
}

export default supervisionRoutes
