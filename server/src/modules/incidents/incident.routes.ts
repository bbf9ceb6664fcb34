import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errors, Page } from '../../http/schemas.ts'
import { OrgParams } from '../organizations/organization.schemas.ts'
import {
  CloseReview,
  Drill,
  DrillInput,
  Incident,
  IncidentDetail,
  IncidentInput,
  IncidentParams,
  IncidentQuery,
  LogInput,
  Plan,
  PlanInput,
  PlanParams,
  PlanPatch,
} from './incident.schemas.ts'
import { incidentService } from './incident.service.ts'

const tags = ['incidents']

const incidentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = incidentService(app.infra, app.realtime)

  app.get(
    '/api/incidents',
    {
      config: { action: 'incident.report' },
      schema: {
        summary: "The incident board: my organizations' incidents, open first",
        tags,
        querystring: IncidentQuery,
        response: { 200: Page(Incident), ...errors },
      },
    },
    async (request) => service.list(request.principal!, request.query),
  )

  app.post(
    '/api/incidents',
    {
      config: { action: 'incident.report' },
      schema: {
        summary: "Report an emergency incident (alerts the organization's supervisors and admins at once)",
        tags,
        body: IncidentInput,
        response: { 201: IncidentDetail, ...errors },
      },
    },
    async (request, reply) => {
      const { view, audit } = await service.report(request.principal!, request.body)
      request.auditTarget = { ...audit, details: { severity: view.severity, type: view.type } }
      return reply.status(201).send(view)
    },
  )

  app.get(
    '/api/incidents/:id',
    {
      config: { action: 'incident.report' },
      schema: {
        summary: 'One incident with the people involved (recipients masked) and the response log',
        tags,
        params: IncidentParams,
        response: { 200: IncidentDetail, ...errors },
      },
    },
    async (request) => service.detail(request.principal!, request.params.id),
  )

  app.post(
    '/api/incidents/:id/log',
    {
      config: { action: 'incident.report' },
      schema: {
        summary: 'Add an entry to the response log',
        tags,
        params: IncidentParams,
        body: LogInput,
        response: { 200: IncidentDetail, ...errors },
      },
    },
    async (request) => {
      const { view, audit } = await service.log(
        request.principal!,
        request.params.id,
        request.body.kind,
        request.body.body,
      )
      request.auditTarget = audit
      return view
    },
  )

  app.post(
    '/api/incidents/:id/close',
    {
      config: { action: 'incident.manage' },
      schema: {
        summary: 'Close the incident with a review (what happened, causes, lessons)',
        tags,
        params: IncidentParams,
        body: CloseReview,
        response: { 200: IncidentDetail, ...errors },
      },
    },
    async (request) => {
      const { view, audit } = await service.close(request.principal!, request.params.id, request.body)
      request.auditTarget = audit
      return view
    },
  )

  app.get(
    '/api/organizations/:id/emergency-plans',
    {
      config: { action: 'incident.report' },
      schema: {
        summary: "The organization's emergency plans",
        tags,
        params: OrgParams,
        response: { 200: Type.Object({ items: Type.Array(Plan) }), ...errors },
      },
    },
    async (request) => ({ items: await service.plans(request.principal!, request.params.id) }),
  )

  app.post(
    '/api/organizations/:id/emergency-plans',
    {
      config: { action: 'incident.manage' },
      schema: {
        summary: 'Add an emergency plan (text, and the metadata of its attachments)',
        tags,
        params: OrgParams,
        body: PlanInput,
        response: { 201: Plan, ...errors },
      },
    },
    async (request, reply) => {
      const { view, audit } = await service.createPlan(request.principal!, request.params.id, request.body)
      request.auditTarget = audit
      return reply.status(201).send(view)
    },
  )

  app.patch(
    '/api/emergency-plans/:id',
    {
      config: { action: 'incident.manage' },
      schema: {
        summary: 'Revise an emergency plan (its version goes up)',
        tags,
        params: PlanParams,
        body: PlanPatch,
        response: { 200: Plan, ...errors },
      },
    },
    async (request) => {
      const { view, audit } = await service.updatePlan(request.principal!, request.params.id, request.body)
      request.auditTarget = audit
      return view
    },
  )

  app.get(
    '/api/organizations/:id/emergency-drills',
    {
      config: { action: 'incident.report' },
      schema: {
        summary: "The organization's drills, latest first",
        tags,
        params: OrgParams,
        response: { 200: Type.Object({ items: Type.Array(Drill) }), ...errors },
      },
    },
    async (request) => ({ items: await service.drills(request.principal!, request.params.id) }),
  )

  app.post(
    '/api/organizations/:id/emergency-drills',
    {
      config: { action: 'incident.manage' },
      schema: {
        summary: 'Record a drill: date, scenario, participants, lessons',
        tags,
        params: OrgParams,
        body: DrillInput,
        response: { 201: Drill, ...errors },
      },
    },
    async (request, reply) => {
      const { view, audit } = await service.recordDrill(request.principal!, request.params.id, request.body)
      request.auditTarget = audit
      return reply.status(201).send(view)
    },
  )
}

export default incidentRoutes
