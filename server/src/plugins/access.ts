import { accountsRepo, type Session, type User } from '@liandong/db'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { allowedBeforeEnrolment, type RouteAction } from '../auth/permissions.ts'
import { Principal } from '../auth/principal.ts'
import { hashToken } from '../auth/tokens.ts'
import { ForbiddenError, UnauthorizedError } from '../errors.ts'
import { readCookie, SESSION_COOKIE } from '../http/cookies.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission this route needs; see auth/permissions.ts. Required on every /api route. */
    action?: RouteAction
  }
  interface FastifyRequest {
    principal: Principal | null
    session: Session | null
    user: User | null
    /** Set when the session cookie named a session that has expired. */
    sessionExpired: boolean
    /** A signed-in staff member who has not enrolled in 2FA yet. */
    mustEnrolTwoFactor: boolean
  }
  interface FastifyInstance {
    /** Every route with its declared action, for the permission walker test and the docs. */
    routeActions: Array<{ method: string; url: string; action: RouteAction }>
  }
}

const pluginRoutes = [/^\/api\/docs/, /^\/api\/openapi\.json$/]
const TOUCH_EVERY_MS = 60_000

/**
 * Authentication and authorization in one hook for the whole app: load the session, then allow
 * the route's declared action or refuse with 401/403. Runs before body parsing and validation,
 * so an anonymous caller learns nothing about a route's input.
 */
export default fp(
  async (app: FastifyInstance) => {
    const { config, clock, database } = app.infra
    app.decorate('routeActions', [])
    app.decorateRequest('principal', null)
    app.decorateRequest('session', null)
    app.decorateRequest('user', null)
    app.decorateRequest('sessionExpired', false)
    app.decorateRequest('mustEnrolTwoFactor', false)

    app.addHook('onRoute', (route) => {
      const urls = [route.url]
      if (!urls.some((u) => u.startsWith('/api') || u === '/ws')) return
      route.config ??= {}
      if (!route.config.action && pluginRoutes.some((p) => p.test(route.url))) route.config.action = 'public'
      const action = route.config.action
      if (!action)
        throw new Error(`Route ${String(route.method)} ${route.url} declares no action (config.action)`)
      const methods = Array.isArray(route.method) ? route.method : [route.method]
      for (const method of methods) {
        if (method === 'HEAD') continue
        app.routeActions.push({ method, url: route.url, action })
      }
      if (route.schema && !route.schema.hide) {
        const schema = route.schema as Record<string, unknown>
        schema.security = action === 'public' ? [] : [{ session: [] }]
        const note = action === 'public' ? 'Public.' : `Requires permission \`${action}\`.`
        schema.description = schema.description ? `${String(schema.description)}\n\n${note}` : note
      }
    })

    async function loadPrincipal(request: FastifyRequest): Promise<void> {
      const token = readCookie(request.headers.cookie, SESSION_COOKIE)
      if (!token) return
      const repo = accountsRepo(database.db)
      const id = hashToken(token)
      const found = await repo.findSession(id)
      const now = clock.now()
      if (!found) {
        request.sessionExpired = true
        return
      }
      const { session, user, memberships } = found
      const idleLimit = session.lastSeenAt.getTime() + config.SESSION_IDLE_HOURS * 3_600_000
      if (session.expiresAt <= now || idleLimit <= now.getTime()) {
        await repo.deleteSession(id)
        request.sessionExpired = true
        return
      }
      request.session = session
      request.user = user
      if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await repo.touchSession(id, now)
      // Halfway through a 2FA sign-in: the session exists but grants nothing yet.
      if (user.totpEnabledAt && !session.twoFactorPassed) return
      request.principal = new Principal(user.id, id, user.isVolunteer, user.platformRole, memberships)
      request.mustEnrolTwoFactor =
        config.STAFF_2FA && request.principal.isStaff && !user.totpEnabledAt && !(config.DEMO && user.isDemo)
    }

    app.addHook('onRequest', async (request) => {
      const action = request.routeOptions.config?.action
      if (!action) return
      await loadPrincipal(request)
      if (action === 'public') return
      if (action === 'two_factor.pending') {
        if (!request.session || request.principal) throw new UnauthorizedError()
        return
      }
      const principal = request.principal
      if (!principal)
        throw new UnauthorizedError(request.sessionExpired ? 'session_expired' : 'unauthenticated')
      if (request.mustEnrolTwoFactor && !allowedBeforeEnrolment.includes(action)) {
        throw new ForbiddenError('two_factor_enrolment_required')
      }
      if (!principal.can(action)) throw new ForbiddenError()
    })
  },
  { name: 'access', dependencies: ['infra'] },
)
