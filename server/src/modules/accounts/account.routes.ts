import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { demoSignIns } from '@liandong/db'
import { Type } from 'typebox'
import { errors, Ok } from '../../http/schemas.ts'
import { DisplayName, LocaleSchema, Me, Password } from './account.schemas.ts'
import { accountService } from './account.service.ts'
import { toMe } from './me.ts'

const tags = ['account']

const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const accounts = accountService(app.infra)
  const { config } = app.infra

  app.get(
    '/api/me',
    {
      config: { action: 'account.self' },
      schema: {
        summary: 'The signed-in account, its roles and organizations',
        tags,
        response: { 200: Me, ...errors },
      },
    },
    async (request) => toMe(request),
  )

  app.patch(
    '/api/me',
    {
      config: { action: 'account.self' },
      schema: {
        summary: 'Change display name or language',
        tags,
        body: Type.Object(
          { displayName: Type.Optional(DisplayName), locale: Type.Optional(LocaleSchema) },
          { additionalProperties: false },
        ),
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      await accounts.update(request.user!.id, request.body)
      request.auditTarget = { targetType: 'user', targetId: request.user!.id }
      return { ok: true as const }
    },
  )

  app.post(
    '/api/me/password',
    {
      config: { action: 'account.self' },
      schema: {
        summary: 'Change password (other sessions end)',
        tags,
        body: Type.Object(
          { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Password },
          { additionalProperties: false },
        ),
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      await accounts.changePassword(
        request.user!.id,
        request.session!.id,
        request.body.currentPassword,
        request.body.newPassword,
      )
      // Sockets of the ended sessions close; this session's sockets simply reconnect.
      await app.realtime.endSessions({ userId: request.user!.id })
      request.auditTarget = { targetType: 'user', targetId: request.user!.id }
      return { ok: true as const }
    },
  )

  app.post(
    '/api/me/two-factor/setup',
    {
      config: { action: 'account.self' },
      schema: {
        summary: 'Start two-step verification: a secret and QR code to scan',
        tags,
        response: {
          200: Type.Object({ secret: Type.String(), otpauthUrl: Type.String(), qrSvg: Type.String() }),
          ...errors,
        },
      },
    },
    async (request) => {
      request.auditTarget = { targetType: 'user', targetId: request.user!.id }
      return accounts.setupTwoFactor(request.user!.id)
    },
  )

  app.post(
    '/api/me/two-factor/enable',
    {
      config: { action: 'account.self' },
      schema: {
        summary: 'Confirm the first code and turn two-step verification on',
        tags,
        body: Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }) }, { additionalProperties: false }),
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      await accounts.enableTwoFactor(request.user!.id, request.session!.id, request.body.code)
      request.auditTarget = { targetType: 'user', targetId: request.user!.id }
      return { ok: true as const }
    },
  )

  app.post(
    '/api/me/two-factor/disable',
    {
      config: { action: 'account.self' },
      schema: {
        summary: 'Turn two-step verification off (not allowed where the role requires it)',
        tags,
        body: Type.Object(
          {
            password: Type.String({ minLength: 1, maxLength: 200 }),
            code: Type.String({ pattern: '^[0-9]{6}$' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      const required = config.STAFF_2FA && request.principal!.isStaff
      await accounts.disableTwoFactor(request.user!.id, request.body.password, request.body.code, required)
      request.auditTarget = { targetType: 'user', targetId: request.user!.id }
      return { ok: true as const }
    },
  )

  app.get(
    '/api/auth/demo-accounts',
    {
      config: { action: 'public' },
      schema: {
        summary: 'Demo sign-ins (only in demo mode; empty otherwise)',
        tags: ['auth'],
        response: {
          200: Type.Object({
            demo: Type.Boolean(),
            accounts: Type.Array(
              Type.Object({
                email: Type.String(),
                password: Type.String(),
                role: Type.String(),
                org: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ demo: config.DEMO, accounts: config.DEMO ? demoSignIns() : [] }),
  )
}

export default accountRoutes
