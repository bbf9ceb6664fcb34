import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { auditRepo, verifyAuditChain } from '@liandong/db'
import { Type } from 'typebox'
import { ForbiddenError } from '../../errors.ts'
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

const ChainReport = Type.Object({
  ok: Type.Boolean(),
  rows: Type.Integer(),
  head: Nullable(Type.Object({ seq: Type.Integer(), hash: Type.String() })),
  broken: Type.Optional(
    Type.Object({
      id: Nullable(Type.String()),
      seq: Nullable(Type.Integer()),
      reason: StringEnum(['content_changed', 'link_broken', 'row_missing', 'unchained', 'tail_missing']),
    }),
  ),
})

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

  app.get(
    '/api/audit/chain',
    {
      config: { action: 'audit.read' },
      schema: {
        summary: 'Verify the hash chain of the whole audit trail (as `liandong audit:verify` does)',
        description:
          'Platform auditors only (the chain spans every organization). Reads every row: seconds for a large trail.',
        tags: ['audit'],
        response: { 200: ChainReport, ...errors },
      },
    },
    async (request) => {
      if (request.principal!.scope('audit.read') !== 'all') throw new ForbiddenError()
      return verifyAuditChain(app.infra.database.db)
    },
  )
}

export default auditRoutes
