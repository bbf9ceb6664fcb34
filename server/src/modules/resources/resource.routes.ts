import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errors, Page } from '../../http/schemas.ts'
import { createNotifier } from '../notifications/notification.service.ts'
import { OrgParams } from '../organizations/organization.schemas.ts'
import {
  OrgResourceQuery,
  Resource,
  ResourceInputSchema,
  ResourceParams,
  ResourcePatchSchema,
  StatusChange,
} from './resource.schemas.ts'
import { resourceService } from './resource.service.ts'
import { STALE_REMINDER_JOB, sendStaleReminders } from './stale-reminders.ts'

const tags = ['resources']

const resourceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = resourceService(app.infra)
  const notify = createNotifier(app.infra, app.realtime)

  app.jobs.register(STALE_REMINDER_JOB, async ({ log }) => {
    const { database, clock, config } = app.infra
    const sent = await sendStaleReminders(database, clock, notify, config.RESOURCE_STALE_DAYS)
    if (sent > 0) log.info({ sent }, 'stale resource reminders sent')
  })
  app.jobs.every({ name: STALE_REMINDER_JOB, everyMs: 24 * 3_600_000 })
  // Members' management pages listen on org:<id> and refetch; nothing depends on the event arriving.
  const changed = (resource: { id: string; orgId: string; status: string }) =>
    app.realtime.publish(`org:${resource.orgId}`, 'resource.changed', {
      id: resource.id,
      status: resource.status,
    })

  app.get(
    '/api/organizations/:id/resources',
    {
      config: { action: 'resource.read' },
      schema: {
        summary: "An organization's resources, every status (its members only)",
        tags,
        params: OrgParams,
        querystring: OrgResourceQuery,
        response: { 200: Page(Resource), ...errors },
      },
    },
    async (request) => service.listForOrg(request.principal!, request.params.id, request.query),
  )

  app.post(
    '/api/organizations/:id/resources',
    {
      config: { action: 'resource.manage' },
      schema: {
        summary: 'Publish a resource (starts as a draft unless a status is set later)',
        tags,
        params: OrgParams,
        body: ResourceInputSchema,
        response: { 201: Resource, ...errors },
      },
    },
    async (request, reply) => {
      const resource = await service.create(request.principal!, request.params.id, request.body)
      request.auditTarget = { targetType: 'resource', targetId: resource.id, orgId: resource.orgId }
      await changed(resource)
      return reply.status(201).send(resource)
    },
  )

  app.get(
    '/api/resources/:id',
    {
      config: { action: 'resource.read' },
      schema: {
        summary: 'One resource with its locations',
        tags,
        params: ResourceParams,
        response: { 200: Resource, ...errors },
      },
    },
    async (request) => service.get(request.principal!, request.params.id),
  )

  app.patch(
    '/api/resources/:id',
    {
      config: { action: 'resource.manage' },
      schema: {
        summary: 'Change a resource (locations, when given, replace the old ones)',
        tags,
        params: ResourceParams,
        body: ResourcePatchSchema,
        response: { 200: Resource, ...errors },
      },
    },
    async (request) => {
      const resource = await service.update(request.principal!, request.params.id, request.body)
      request.auditTarget = { targetType: 'resource', targetId: resource.id, orgId: resource.orgId }
      await changed(resource)
      return resource
    },
  )

  app.post(
    '/api/resources/:id/status',
    {
      config: { action: 'resource.manage' },
      schema: {
        summary: 'Publish (active), pause, expire or return to draft',
        tags,
        params: ResourceParams,
        body: StatusChange,
        response: { 200: Resource, ...errors },
      },
    },
    async (request) => {
      const resource = await service.setStatus(request.principal!, request.params.id, request.body.status)
      request.auditTarget = {
        targetType: 'resource',
        targetId: resource.id,
        orgId: resource.orgId,
        details: { status: resource.status },
      }
      await changed(resource)
      return resource
    },
  )

  app.post(
    '/api/resources/:id/verify',
    {
      config: { action: 'resource.manage' },
      schema: {
        summary: 'Confirm the resource is still accurate (clears the stale flag)',
        tags,
        params: ResourceParams,
        response: { 200: Resource, ...errors },
      },
    },
    async (request) => {
      const resource = await service.verify(request.principal!, request.params.id)
      request.auditTarget = { targetType: 'resource', targetId: resource.id, orgId: resource.orgId }
      await changed(resource)
      return resource
    },
  )
}

export default resourceRoutes
