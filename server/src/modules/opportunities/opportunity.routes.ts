import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { opportunitiesRepo } from '@liandong/db'
import { Type } from 'typebox'
import { errors, Page, Uuid } from '../../http/schemas.ts'
import { OrgParams } from '../organizations/organization.schemas.ts'
import {
  NewShift,
  Opportunity,
  OpportunityInput,
  OpportunityParams,
  OpportunityPatch,
  OpportunityQuery,
  OpportunitySummary,
  OrgOpportunityQuery,
  Shift,
  ShiftParams,
  ShiftPatch,
  StatusChange,
} from './opportunity.schemas.ts'
import { materialiseSeries, opportunityService } from './opportunity.service.ts'

const tags = ['opportunities']
export const MATERIALISE_JOB = 'opportunities.materialise'

const opportunityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = opportunityService(app.infra)
  const { database, clock } = app.infra

  // Keeps every open recurring series 90 days ahead; idempotent (only after the last shift).
  app.jobs.register(MATERIALISE_JOB, async ({ log }) => {
    let created = 0
    for (const id of await opportunitiesRepo(database.db).recurringOpenIds())
      created += await database.db.transaction((tx) => materialiseSeries(tx, id, clock.now()))
    if (created > 0) log.info({ created }, 'recurring shifts materialised')
  })
  app.jobs.every({ name: MATERIALISE_JOB, everyMs: 24 * 3_600_000 })

  app.post(
    '/api/organizations/:id/opportunities',
    {
      config: { action: 'opportunity.manage' },
      schema: {
        summary: 'Create an opportunity (a draft) with one-off shifts or a recurring series',
        tags,
        params: OrgParams,
        body: OpportunityInput,
        response: { 201: Opportunity, ...errors },
      },
    },
    async (request, reply) => {
      const opportunity = await service.create(request.principal!, request.params.id, request.body)
      request.auditTarget = { targetType: 'opportunity', targetId: opportunity.id, orgId: opportunity.orgId }
      return reply.status(201).send(opportunity)
    },
  )

  app.get(
    '/api/organizations/:id/opportunities',
    {
      config: { action: 'opportunity.read' },
      schema: {
        summary: "An organization's opportunities, every status (its members only)",
        tags,
        params: OrgParams,
        querystring: OrgOpportunityQuery,
        response: { 200: Page(OpportunitySummary), ...errors },
      },
    },
    async (request) => service.listForOrg(request.principal!, request.params.id, request.query),
  )

  app.get(
    '/api/opportunities/:id',
    {
      config: { action: 'opportunity.read' },
      schema: {
        summary: 'One opportunity with its shifts (drafts only for its organization)',
        tags,
        params: OpportunityParams,
        querystring: OpportunityQuery,
        response: { 200: Opportunity, ...errors },
      },
    },
    async (request) => service.get(request.principal!, request.params.id, request.query),
  )

  app.patch(
    '/api/opportunities/:id',
    {
      config: { action: 'opportunity.manage' },
      schema: {
        summary: "Change an opportunity's details (shifts are edited one by one or as a series)",
        tags,
        params: OpportunityParams,
        body: OpportunityPatch,
        response: { 200: Opportunity, ...errors },
      },
    },
    async (request) => {
      const opportunity = await service.update(request.principal!, request.params.id, request.body)
      request.auditTarget = { targetType: 'opportunity', targetId: opportunity.id, orgId: opportunity.orgId }
      return opportunity
    },
  )

  app.post(
    '/api/opportunities/:id/status',
    {
      config: { action: 'opportunity.manage' },
      schema: {
        summary: 'Publish (needs an upcoming shift), unpublish (draft) or close',
        tags,
        params: OpportunityParams,
        body: StatusChange,
        response: { 200: Opportunity, ...errors },
      },
    },
    async (request) => {
      const opportunity = await service.setStatus(request.principal!, request.params.id, request.body.status)
      request.auditTarget = {
        targetType: 'opportunity',
        targetId: opportunity.id,
        orgId: opportunity.orgId,
        details: { status: opportunity.status },
      }
      return opportunity
    },
  )

  app.post(
    '/api/opportunities/:id/shifts',
    {
      config: { action: 'opportunity.manage' },
      schema: {
        summary: 'Add a one-off shift',
        tags,
        params: OpportunityParams,
        body: NewShift,
        response: { 201: Opportunity, ...errors },
      },
    },
    async (request, reply) => {
      const opportunity = await service.addShift(request.principal!, request.params.id, request.body)
      request.auditTarget = { targetType: 'opportunity', targetId: opportunity.id, orgId: opportunity.orgId }
      return reply.status(201).send(opportunity)
    },
  )

  app.get(
    '/api/shifts/:id',
    {
      config: { action: 'opportunity.read' },
      schema: {
        summary: 'One shift with its places left',
        tags,
        params: ShiftParams,
        response: {
          200: Type.Object({ ...Shift.properties, opportunityTitle: Type.String(), orgId: Uuid }),
          ...errors,
        },
      },
    },
    async (request) => service.getShift(request.principal!, request.params.id),
  )

  app.patch(
    '/api/shifts/:id',
    {
      config: { action: 'opportunity.manage' },
      schema: {
        summary: 'Edit one shift, or this and all following shifts of its series',
        description:
          'Times move every affected shift by the same amount; capacity cannot go below confirmed places; cancelling the following shifts ends the series there.',
        tags,
        params: ShiftParams,
        body: ShiftPatch,
        response: { 200: Opportunity, ...errors },
      },
    },
    async (request) => {
      const opportunity = await service.editShift(request.principal!, request.params.id, request.body)
      request.auditTarget = {
        targetType: 'shift',
        targetId: request.params.id,
        orgId: opportunity.orgId,
        details: {
          scope: request.body.scope,
          ...(request.body.status ? { status: request.body.status } : {}),
        },
      }
      return opportunity
    },
  )
}

export default opportunityRoutes
