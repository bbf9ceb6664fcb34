import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { notificationsRepo } from '@liandong/db'
import { Type } from 'typebox'
import { errors, IsoDate, Nullable, PageQuery, Uuid } from '../../http/schemas.ts'
import { createNotifier, renderNotification } from './notification.service.ts'
import { SHIFT_REMINDER_EVERY_MS, SHIFT_REMINDER_JOB, sendShiftReminders } from './shift-reminders.ts'

const tags = ['notifications']

const Notification = Type.Object(
  {
    id: Uuid,
    kind: Type.String(),
    message: Type.String({ description: "Rendered in the reader's language." }),
    params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
    link: Nullable(Type.String()),
    readAt: Nullable(IsoDate),
    createdAt: IsoDate,
  },
  { $id: 'Notification' },
)

const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, clock } = app.infra
  const notify = createNotifier(app.infra, app.realtime)

  // Shift reminders 24 h and 2 h before (marks on the sign-up keep them to one each).
  app.jobs.register(SHIFT_REMINDER_JOB, async ({ log }) => {
    const sent = await sendShiftReminders(database, clock, notify)
    if (sent > 0) log.info({ sent }, 'shift reminders sent')
  })
  app.jobs.every({ name: SHIFT_REMINDER_JOB, everyMs: SHIFT_REMINDER_EVERY_MS })

  app.get(
    '/api/notifications',
    {
      config: { action: 'notification.self' },
      schema: {
        summary: "The signed-in user's notifications, newest first, with the unread count",
        tags,
        querystring: Type.Object(
          { unread: Type.Optional(Type.Boolean()), ...PageQuery },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(Notification),
            total: Type.Integer(),
            unread: Type.Integer(),
            limit: Type.Integer(),
            offset: Type.Integer(),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 20
      const offset = request.query.offset ?? 0
      const page = await notificationsRepo(database.db).list(request.principal!.userId, {
        unreadOnly: request.query.unread === true,
        limit,
        offset,
      })
      return { ...page, items: page.items.map((n) => renderNotification(n, request.locale)), limit, offset }
    },
  )

  app.post(
    '/api/notifications/read',
    {
      config: { action: 'notification.self' },
      schema: {
        summary: 'Mark notifications read: these ids, or all when `ids` is omitted',
        tags,
        body: Type.Object(
          { ids: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 100 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ updated: Type.Integer() }), ...errors },
      },
    },
    async (request) => {
      const updated = await notificationsRepo(database.db).markRead(
        request.principal!.userId,
        clock.now(),
        request.body.ids,
      )
      request.auditTarget = { targetType: 'notification', details: { updated } }
      return { updated }
    },
  )
}

export default notificationRoutes
