import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { AppError, ValidationError } from '../errors.ts'
import { LOCALE_COOKIE, readCookie } from '../http/cookies.ts'
import { findNonFinite, toFieldProblems } from '../http/validation.ts'
import { type MessageKey, pickLocale, t } from '../i18n/index.ts'
import { isApiPath, serveWeb, type WebHandler } from '../web-handler.ts'

/** Turns every error — ours, Fastify's, Ajv's, a plugin's — into the one envelope. */
export function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown) {
  const appError = toAppError(error)
  if (appError.status >= 500) request.log.error({ err: error }, 'request failed')
  for (const [k, v] of Object.entries(appError.headers ?? {})) reply.header(k, v)
  // Not request.locale: requests failed before routing (frameworkErrors) carry no decorators.
  const locale = pickLocale(
    readCookie(request.headers.cookie, LOCALE_COOKIE),
    request.headers['accept-language'],
  )
  return reply.status(appError.status).send({
    error: {
      code: appError.code,
      message: t(locale, appError.code, appError.params),
      ...(appError.details
        ? {
            details: appError.details.map((d) => ({
              field: d.field,
              code: d.code,
              message: t(locale, d.code, d.params),
            })),
          }
        : {}),
    },
    requestId: request.id,
  })
}

const fastifyCodes: Record<string, { status: number; code: MessageKey }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'bad_request' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request' },
  FST_ERR_BAD_URL: { status: 400, code: 'bad_request' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: 'bad_request' },
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error
  const e = error as FastifyError & { validation?: unknown; validationContext?: string }
  if (Array.isArray(e.validation)) {
    return new ValidationError(toFieldProblems(e.validation, e.validationContext ?? 'body'))
  }
  const known = e.code ? fastifyCodes[e.code] : undefined
  if (known) return new AppError(known.status, known.code)
  if (e.statusCode === 429) return new AppError(429, 'rate_limited', { minutes: 1 })
  // Malformed JSON and other client mistakes carry a 4xx status from Fastify.
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError(e.statusCode, e.statusCode === 413 ? 'payload_too_large' : 'bad_request')
  }
  return new AppError(500, 'internal')
}

export default fp(
  async (app: FastifyInstance, options: { web?: WebHandler | undefined }) => {
    const web = options.web
    app.setErrorHandler((error, request, reply) => sendError(request, reply, error))
    app.setNotFoundHandler((request, reply) =>
      web && !isApiPath(request.url)
        ? serveWeb(web, request, reply)
        : sendError(
            request,
            reply,
            new AppError(404, 'route_not_found', {
              method: request.method,
              url: request.url.split('?')[0] ?? '',
            }),
          ),
    )
    // Runs after schema validation, before the handler.
    app.addHook('preHandler', async (request) => {
      for (const [context, value] of [
        ['body', request.body],
        ['querystring', request.query],
        ['params', request.params],
      ] as const) {
        const hit = findNonFinite(value)
        if (hit !== null)
          throw new ValidationError([
            { field: [context, hit].filter(Boolean).join('.'), code: 'field.not_finite' },
          ])
      }
    })
  },
  { name: 'envelope' },
)
