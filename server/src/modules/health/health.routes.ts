import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { schema } from '@liandong/db'
import { count, min } from 'drizzle-orm'
import { Type } from 'typebox'

const Check = Type.Object({ ok: Type.Boolean(), detail: Type.Optional(Type.String()) })
const Ready = Type.Object({
  ok: Type.Boolean(),
  checks: Type.Object({
    database: Check,
    search: Check,
    outbox: Type.Object({
      ok: Type.Boolean(),
      pending: Type.Integer({ description: 'Search outbox rows not yet applied.' }),
      lagSeconds: Type.Number({ description: 'Age of the oldest pending row.' }),
    }),
  }),
})

const OUTBOX_LAG_LIMIT_SECONDS = 300

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database } = app.infra

  app.get(
    '/api/health',
    {
      config: { action: 'public' },
      schema: {
        summary: 'Liveness: the process answers',
        tags: ['system'],
        response: { 200: Type.Object({ ok: Type.Literal(true) }) },
      },
    },
    async () => ({ ok: true as const }),
  )

  app.get(
    '/api/ready',
    {
      config: { action: 'public' },
      schema: {
        summary: 'Readiness: database, search engine and outbox lag',
        tags: ['system'],
        response: { 200: Ready, 503: Ready },
      },
    },
    async (_request, reply) => {
      const database_ = await database
        .ping()
        .then(() => ({ ok: true }))
        .catch((e: Error) => ({ ok: false, detail: e.message.slice(0, 200) }))
      const search = await app
        .searchProbe()
        .catch((e: Error) => ({ ok: false, detail: e.message.slice(0, 200) }))
      let outbox = { ok: false, pending: 0, lagSeconds: 0 }
      if (database_.ok) {
        const [row] = await database.db
          .select({ pending: count(), oldest: min(schema.outbox.createdAt) })
          .from(schema.outbox)
        const oldest = row?.oldest ? row.oldest.getTime() : null
        const lagSeconds = oldest ? Math.max(0, (app.infra.clock.now().getTime() - oldest) / 1000) : 0
        outbox = { ok: lagSeconds < OUTBOX_LAG_LIMIT_SECONDS, pending: row?.pending ?? 0, lagSeconds }
      }
      const ok = database_.ok && search.ok && outbox.ok
      return reply.status(ok ? 200 : 503).send({ ok, checks: { database: database_, search, outbox } })
    },
  )
}

export default healthRoutes
