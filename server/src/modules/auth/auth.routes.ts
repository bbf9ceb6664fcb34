import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { readCookie, SESSION_COOKIE } from '../../http/cookies.ts'
import { errors, Ok } from '../../http/schemas.ts'
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.ts'
import { DisplayName, Email, LocaleSchema, Password } from '../accounts/account.schemas.ts'
import { authService } from './auth.service.ts'

const tags = ['auth']

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { config } = app.infra
  const auth = authService(app.infra)
  // Sign-in and registration are rate limited per IP on top of the per-account lock.
  const rateLimit = { max: config.AUTH_RATE_LIMIT, timeWindow: '1 minute' }
  const meta = (request: { ip: string; headers: Record<string, unknown> }) => ({
    ip: request.ip,
    userAgent: request.headers['user-agent'] as string | undefined,
  })

  app.post(
    '/api/auth/sign-up',
    {
      config: { action: 'public', rateLimit },
      schema: {
        summary: 'Create an account and sign in',
        tags,
        body: Type.Object(
          {
            email: Email,
            password: Password,
            displayName: DisplayName,
            locale: Type.Optional(LocaleSchema),
            volunteer: Type.Optional(
              Type.Boolean({ description: 'Register as a volunteer (default true).' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ok, ...errors },
      },
    },
    async (request, reply) => {
      const { user, token } = await auth.signUp(request.body, meta(request))
      request.auditTarget = { targetType: 'user', targetId: user.id }
      request.user = user
      setSessionCookie(reply, token, auth.sessionMaxAgeSeconds, config.cookieSecure)
      return reply.status(201).send({ ok: true as const })
    },
  )

  app.post(
    '/api/auth/sign-in',
    {
      config: { action: 'public', rateLimit },
      schema: {
        summary: 'Sign in with e-mail and password',
        description:
          'When the account has two-step verification, a second call to /api/auth/two-factor completes it.',
        tags,
        body: Type.Object(
          { email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ twoFactorRequired: Type.Boolean() }), ...errors },
      },
    },
    async (request, reply) => {
      const { user, token, twoFactorRequired } = await auth.signIn(request.body, meta(request))
      request.user = user
      request.auditTarget = { targetType: 'user', targetId: user.id }
      setSessionCookie(reply, token, auth.sessionMaxAgeSeconds, config.cookieSecure)
      return { twoFactorRequired }
    },
  )

  app.post(
    '/api/auth/two-factor',
    {
      config: { action: 'two_factor.pending', rateLimit },
      schema: {
        summary: 'Complete a sign-in with a TOTP code',
        tags,
        body: Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }) }, { additionalProperties: false }),
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      await auth.verifyTwoFactor(request.session!.id, request.user!, request.body.code)
      return { ok: true as const }
    },
  )

  app.post(
    '/api/auth/sign-out',
    {
      config: { action: 'public' },
      schema: { summary: 'End this session', tags, response: { 200: Ok, ...errors } },
    },
    async (request, reply) => {
      const sessionId = await auth.signOut(readCookie(request.headers.cookie, SESSION_COOKIE))
      if (sessionId) await app.realtime.endSessions({ sessionId })
      clearSessionCookie(reply, config.cookieSecure)
      return { ok: true as const }
    },
  )

  app.post(
    '/api/auth/password-reset',
    {
      config: { action: 'public', rateLimit },
      schema: {
        summary: 'Send a password reset link',
        description: 'Answers 202 whether or not the address has an account.',
        tags,
        body: Type.Object({ email: Email }, { additionalProperties: false }),
        response: { 202: Ok, ...errors },
      },
    },
    async (request, reply) => {
      await auth.requestPasswordReset(request.body.email)
      return reply.status(202).send({ ok: true as const })
    },
  )

  app.post(
    '/api/auth/password-reset/confirm',
    {
      config: { action: 'public', rateLimit },
      schema: {
        summary: 'Choose a new password with a reset token',
        tags,
        body: Type.Object(
          { token: Type.String({ minLength: 20, maxLength: 100 }), password: Password },
          { additionalProperties: false },
        ),
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      const userId = await auth.confirmPasswordReset(request.body.token, request.body.password)
      await app.realtime.endSessions({ userId })
      request.auditTarget = { targetType: 'user', targetId: userId }
      return { ok: true as const }
    },
  )
}

export default authRoutes
