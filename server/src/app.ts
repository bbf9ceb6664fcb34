import cookie from '@fastify/cookie'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyServerOptions } from 'fastify'
import { uuidv7 } from 'uuidv7'
import type { Infrastructure } from './context.ts'
import { AppError } from './errors.ts'
import { logRedactions, logSerializers } from './http/logging.ts'
import { ErrorEnvelope } from './http/schemas.ts'
import { validatorCompiler } from './http/validator.ts'
import jobs from './jobs/jobs.plugin.ts'
import accountRoutes from './modules/accounts/account.routes.ts'
import archiveRoutes from './modules/archives/archive.routes.ts'
import attendanceRoutes from './modules/attendance/attendance.routes.ts'
import auditRoutes from './modules/audit/audit.routes.ts'
import authRoutes from './modules/auth/auth.routes.ts'
import calendarRoutes from './modules/calendar/calendar.routes.ts'
import caseRoutes from './modules/cases/case.routes.ts'
import certificateRoutes from './modules/certificates/certificate.routes.ts'
import complaintRoutes from './modules/complaints/complaint.routes.ts'
import evaluationRoutes from './modules/evaluations/evaluation.routes.ts'
import healthRoutes from './modules/health/health.routes.ts'
import incidentRoutes from './modules/incidents/incident.routes.ts'
import matchingRoutes from './modules/matching/matching.routes.ts'
import needRoutes from './modules/needs/need.routes.ts'
import notificationRoutes from './modules/notifications/notification.routes.ts'
import opportunityRoutes from './modules/opportunities/opportunity.routes.ts'
import organizationRoutes from './modules/organizations/organization.routes.ts'
import recipientRoutes from './modules/recipients/recipient.routes.ts'
import referralRoutes from './modules/referrals/referral.routes.ts'
import reportRoutes from './modules/reports/report.routes.ts'
import resourceExchangeRoutes from './modules/resource-exchange/exchange.routes.ts'
import resourceRoutes from './modules/resources/resource.routes.ts'
import rewardRoutes from './modules/rewards/rewards.routes.ts'
import searchRoutes from './modules/search/search.routes.ts'
import serviceRecordRoutes from './modules/service-records/service-record.routes.ts'
import signupRoutes from './modules/signups/signup.routes.ts'
import supervisionRoutes from './modules/supervision/supervision.routes.ts'
import trainingRoutes from './modules/training/training.routes.ts'
import volunteerRoutes from './modules/volunteers/volunteer.routes.ts'
import access from './plugins/access.ts'
import audit from './plugins/audit.ts'
import envelope, { sendError } from './plugins/envelope.ts'
import infra from './plugins/infra.ts'
import openapi from './plugins/openapi.ts'
import realtime from './realtime/realtime.plugin.ts'
import { registerWebsocket } from './realtime/websocket.ts'
import search from './search/search.plugin.ts'
import type { WebHandler } from './web-handler.ts'

export interface BuildOptions {
  /** pino options, or false in tests that do not read the log. */
  logger?: FastifyServerOptions['logger']
  /** The SvelteKit build's handler; every path that is not /api or /ws goes to it. */
  web?: WebHandler | undefined
}

/**
 * The whole app as a Fastify instance, without listening. Plugins load in a fixed order:
 * infrastructure and the envelope first (every later error needs them), then external plugins
 * (security headers, cookies, rate limits, OpenAPI), then our own (access, audit), then routes.
 */
export async function buildApp(infrastructure: Infrastructure, options: BuildOptions = {}) {
  const { config } = infrastructure
  const app = Fastify({
    logger: options.logger ?? { level: config.LOG_LEVEL, redact: logRedactions, serializers: logSerializers },
    genReqId: () => uuidv7(),
    requestIdHeader: 'x-request-id',
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    routerOptions: { maxParamLength: 200 },
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true },
    },
    // Errors raised before routing (bad URL escapes, over-long params) skip setErrorHandler.
    frameworkErrors: (error, request, reply) => sendError(request, reply, error),
  }).withTypeProvider<TypeBoxTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  await app.register(infra, infrastructure)
  await app.register(envelope, { web: options.web })
  app.addSchema(ErrorEnvelope)

  await app.register(helmet, {
    // SvelteKit sets its own CSP on pages (with hashes for its inline bootstrap); the API gets a strict one.
    contentSecurityPolicy: false,
    crossOriginEmbedderPolicy: false,
  })
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs')) {
      reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'")
      reply.header('cache-control', 'no-store')
    }
    return payload
  })
  await app.register(cookie)
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        429,
        'rate_limited',
        { minutes: Math.max(1, Math.ceil(context.ttl / 60_000)) },
        undefined,
        { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
      ),
  })
  await app.register(openapi)
  // Before access: its hooks must see every upgrade, refused ones included.
  await registerWebsocket(app)
  await app.register(access)
  await app.register(audit)
  // Before the routes: modules register job handlers on app.jobs as they load.
  await app.register(jobs)
  // /ws and app.realtime; after access (the upgrade is authenticated by the same hook).
  await app.register(realtime)
  // Needs app.jobs: the outbox drain applies writes to the engine.
  await app.register(search)

  await app.register(healthRoutes)
  await app.register(authRoutes)
  await app.register(accountRoutes)
  await app.register(organizationRoutes)
  await app.register(auditRoutes)
  await app.register(resourceRoutes)
  await app.register(resourceExchangeRoutes)
  await app.register(searchRoutes)
  await app.register(volunteerRoutes)
  await app.register(notificationRoutes)
  await app.register(trainingRoutes)
  await app.register(opportunityRoutes)
  // Sign-ups, attendance, service records and rewards (issue 4, items 4–7).
  await app.register(signupRoutes)
  await app.register(attendanceRoutes)
  await app.register(serviceRecordRoutes)
  await app.register(rewardRoutes)
  // Complaints, emergency incidents, supervision and qualifications (issue 6, items 4, 6, 7).
  await app.register(complaintRoutes)
  await app.register(incidentRoutes)
  await app.register(supervisionRoutes)
  // Certificates, evaluations, calendar feeds and coordinator reports (issue 4, items 8–11).
  await app.register(certificateRoutes)
  await app.register(evaluationRoutes)
  await app.register(calendarRoutes)
  await app.register(reportRoutes)
  // Referrals (issue 5, item 5).
  await app.register(referralRoutes)

  // Recipients, needs, pledges and matching (issue 5, items 3, 4 and 6).
  await app.register(recipientRoutes)
  await app.register(needRoutes)
  await app.register(matchingRoutes)
  // Cases: the seven-stage service process, approvals, transfers, who viewed (issue 6, items 2–3).
  await app.register(caseRoutes)
  // Service archives: filing, retention, borrowing, destruction, transfer (issue 6, item 5).
  await app.register(archiveRoutes)

  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
