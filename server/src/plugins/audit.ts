import { type AuditResult, auditRepo } from '@liandong/db'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

export interface AuditTarget {
  targetType?: string
  targetId?: string
  orgId?: string | null
  /** Ids, codes and counts only: never personal data. */
  details?: Record<string, unknown>
}

declare module 'fastify' {
  interface FastifyRequest {
    /** What the request acted on; handlers fill it in, the onSend hook writes it. */
    auditTarget: AuditTarget | null
    /** Marks a read of sensitive data, which is audited like a write. */
    auditRead(target: AuditTarget): void
    auditIsRead: boolean
  }
}

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

function resultOf(status: number): AuditResult {
  if (status === 401 || status === 403 || status === 429) return 'denied'
  return status < 400 ? 'ok' : 'failed'
}

/**
 * One append-only row per state-changing request, per refused request, and per read of
 * sensitive data. Written in onSend — before the response leaves — so a client that reads the
 * trail right after a request finds its row.
 */
export default fp(
  async (app: FastifyInstance) => {
    const repo = auditRepo(app.infra.database.db)
    app.decorateRequest('auditTarget', null)
    app.decorateRequest('auditIsRead', false)
    app.decorateRequest('auditRead', function (this: FastifyRequest, target: AuditTarget) {
      this.auditTarget = target
      this.auditIsRead = true
    })

    app.addHook('onSend', async (request, reply, payload) => {
      const action = request.routeOptions.config?.action
      if (!action) return payload
      const status = reply.statusCode
      const result = resultOf(status)
      const mutating = !readMethods.has(request.method)
      if (!mutating && !request.auditIsRead && status !== 403) return payload
      // Anonymous reads of public routes that fail are noise, not evidence.
      if (!mutating && action === 'public' && !request.auditIsRead) return payload
      const target = request.auditTarget
      try {
        await repo.append({
          at: app.infra.clock.now(),
          actorId: request.user?.id ?? null,
          orgId: target?.orgId ?? null,
          action: action === 'public' ? `${request.method} ${request.routeOptions.url}` : action,
          targetType: target?.targetType ?? null,
          targetId: target?.targetId ?? null,
          result,
          ip: request.ip,
          requestId: request.id,
          details: {
            method: request.method,
            route: request.routeOptions.url,
            status,
            ...(target?.details ?? {}),
          },
        })
      } catch (error) {
        request.log.error({ err: error }, 'audit write failed')
      }
      return payload
    })
  },
  { name: 'audit', dependencies: ['infra', 'access'] },
)
