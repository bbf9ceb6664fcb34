import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errors, IsoDate, Nullable, Ok } from '../../http/schemas.ts'
import { calendarService } from './calendar.service.ts'

const tags = ['calendar']

const FeedStatus = Type.Object({ active: Type.Boolean(), createdAt: Nullable(IsoDate) })
const NewFeed = Type.Object({
  active: Type.Literal(true),
  createdAt: IsoDate,
  url: Type.String({ description: 'Shown once: the server keeps only a hash of its token.' }),
  webcalUrl: Type.String(),
})

const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = calendarService(app)

  app.get(
    '/api/me/calendar-feed',
    {
      config: { action: 'calendar.self' },
      schema: {
        summary: 'Whether the caller has a private calendar feed (its URL is shown only when made)',
        tags,
        response: { 200: FeedStatus, ...errors },
      },
    },
    async (request) => service.status(request.principal!),
  )

  app.post(
    '/api/me/calendar-feed',
    {
      config: { action: 'calendar.self' },
      schema: {
        summary: 'Make the private calendar feed, or replace its URL (the old one stops working)',
        tags,
        body: Type.Object({}, { additionalProperties: false }),
        response: { 201: NewFeed, ...errors },
      },
    },
    async (request, reply) => {
      const feed = await service.rotate(request.principal!)
      request.auditTarget = { targetType: 'calendar_feed', targetId: request.principal!.userId }
      return reply.status(201).send(feed)
    },
  )

  app.delete(
    '/api/me/calendar-feed',
    {
      config: { action: 'calendar.self' },
      schema: {
        summary: 'Turn the private calendar feed off',
        tags,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      await service.remove(request.principal!)
      request.auditTarget = { targetType: 'calendar_feed', targetId: request.principal!.userId }
      return { ok: true as const }
    },
  )

  app.get(
    '/api/calendar/:file',
    {
      config: { action: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        summary: "A volunteer's shifts as an iCalendar feed (the token in the URL is the key)",
        tags,
        params: Type.Object({
          file: Type.String({ pattern: '^[A-Za-z0-9_-]{43}\\.ics$', description: '<token>.ics' }),
        }),
        response: {
          200: {
            description: 'text/calendar (RFC 5545)',
            content: { 'text/calendar': { schema: { type: 'string' } } },
          },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const body = await service.ics(request.params.file.slice(0, -4), request.locale)
      return reply.type('text/calendar; charset=utf-8').send(body)
    },
  )
}

export default calendarRoutes
