import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { auditRepo } from '@liandong/db'
import { Type } from 'typebox'
import {
  errors,
  IsoDate,
  IsoDateInput,
  Nullable,
  Page,
  PageQuery,
  StringEnum,
  Uuid,
} from '../../http/schemas.ts'

const AuditEntry = Type.Object({
  id: Uuid,
  at: IsoDate,
  actorId: Nullable(Uuid),
  actorName: Nullable(Type.String()),
  orgId: Nullable(Uuid),
  orgName: Nullable(Type.String()),
  action: Type.String(),
  targetType: Nullable(Type.String()),
  targetId: Nullable(Type.String()),
  result: StringEnum(['ok', 'denied', 'failed']),
  ip: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  details: Nullable(Type.Object({}, { additionalProperties: true })),
})

const AuditQuery = Type.Object(
  {
    actorId: Type.Optional(Uuid),
    orgId: Type.Optional(Uuid),
    action: Type.Optional(Type.String({ maxLength: 100 })),
    result: Type.Optional(StringEnum(['ok', 'denied', 'failed'])),
    targetId: Type.Optional(Type.String({ maxLength: 100 })),
    from: Type.Optional(IsoDateInput),
    to: Type.Optional(IsoDateInput),
    ...PageQuery,
  },
  { additionalProperties: false },
)

const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = auditRepo(app.infra.database.db)

  app.get(
    '/api/audit',
    {
      config: { action: 'audit.read' },
      schema: {
        summary: 'The audit trail, newest first, filtered',
        description:
          'Only auditors: the platform auditor sees everything, an organization auditor its organization.',
        tags: ['audit'],
        querystring: AuditQuery,
        response: { 200: Page(AuditEntry), ...errors },
      },
    },
    async (request) => {
      const principal = request.principal!
      const { from, to, limit = 50, offset = 0, ...rest } = request.query
      const orgIds = principal.scope('audit.read') === 'all' ? undefined : principal.orgIdsFor('audit.read')
      const page = await repo.list({
        ...rest,
        ...(orgIds ? { orgIds } : {}),
        ...(from ? { from: new Date(from) } : {}),
        ...(to ? { to: new Date(to) } : {}),
        limit,
        offset,
      })
      return { ...page, limit, offset }
    },
  )
}

export default auditRoutes
