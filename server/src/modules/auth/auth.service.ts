import { accountsRepo, type User } from '@liandong/db'
import { decoyHash, hashPassword, verifyPassword } from '../../auth/passwords.ts'
import { hashToken, newToken } from '../../auth/tokens.ts'
import { checkTwoFactorCode } from '../../auth/two-factor.ts'
import type { Infrastructure } from '../../context.ts'
import { ConflictError, TooManyRequestsError, UnauthorizedError, ValidationError } from '../../errors.ts'
import { type Locale, t } from '../../i18n/index.ts'

const RESET_MINUTES = 30

export interface ClientMeta {
  ip: string
  userAgent: string | undefined
}

/** At least 10 characters drawn from two or more kinds (letters, digits, symbols). */
export function checkPasswordStrength(password: string, field = 'body.password'): void {
  const kinds = [/[a-zA-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length
  const cjk = /[\u4e00-\u9fff]/.test(password)
  if (password.length < 10 || (kinds < 2 && !cjk))
    throw new ValidationError([{ field, code: 'field.weak_password' }])
}

export function authService({ database, config, clock, mailer }: Infrastructure) {
  const repo = accountsRepo(database.db)

  async function startSession(user: User, meta: ClientMeta, twoFactorPassed: boolean) {
    const token = newToken()
    const now = clock.now()
    await repo.createSession({
      id: hashToken(token),
      userId: user.id,
      twoFactorPassed,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + config.SESSION_DAYS * 86_400_000),
    })
    return token
  }

  return {
    sessionMaxAgeSeconds: config.SESSION_DAYS * 86_400,

    async signUp(
      input: { email: string; password: string; displayName: string; locale?: Locale; volunteer?: boolean },
      meta: ClientMeta,
    ) {
      checkPasswordStrength(input.password)
      if (await repo.findUserByEmail(input.email)) {
        throw new ConflictError('email_taken', {}, [{ field: 'body.email', code: 'field.invalid_value' }])
      }
      const user = await repo
        .createUser({
          email: input.email,
          displayName: input.displayName.trim(),
          passwordHash: await hashPassword(input.password),
          locale: input.locale ?? 'zh-CN',
          isVolunteer: input.volunteer ?? true,
        })
        .catch((error: { code?: string; cause?: { code?: string } }) => {
          // Two sign-ups racing for one address: the unique index decides.
          if (error.code === '23505' || error.cause?.code === '23505') throw new ConflictError('email_taken')
          throw error
        })
      return { user, token: await startSession(user, meta, true) }
    },

    async signIn(input: { email: string; password: string }, meta: ClientMeta) {
      const user = await repo.findUserByEmail(input.email)
      const now = clock.now()
      if (!user) {
        await verifyPassword(await decoyHash(), input.password)
        throw new UnauthorizedError('invalid_credentials')
      }
      if (user.lockedUntil && user.lockedUntil > now) {
        throw new TooManyRequestsError(
          'account_locked',
          Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000),
        )
      }
      if (!(await verifyPassword(user.passwordHash, input.password))) {
        const lockUntil = new Date(now.getTime() + config.SIGN_IN_LOCK_MINUTES * 60_000)
        const updated = await repo.recordFailedSignIn(user.id, config.SIGN_IN_MAX_FAILURES, lockUntil)
        if (updated?.lockedUntil && updated.lockedUntil > now) {
          throw new TooManyRequestsError('account_locked', config.SIGN_IN_LOCK_MINUTES * 60)
        }
        throw new UnauthorizedError('invalid_credentials')
      }
      if (user.failedSignIns > 0 || user.lockedUntil) await repo.clearFailedSignIns(user.id)
      const twoFactorRequired = Boolean(user.totpEnabledAt)
      return { user, twoFactorRequired, token: await startSession(user, meta, !twoFactorRequired) }
    },

    async verifyTwoFactor(sessionId: string, user: User, code: string) {
      if (!user.totpSecret || !(await checkTwoFactorCode(user.totpSecret, code))) {
        throw new ValidationError([{ field: 'body.code', code: 'field.invalid_value' }], 'two_factor_invalid')
      }
      await repo.updateSession(sessionId, { twoFactorPassed: true })
    },

    /** Returns the ended session's id, so open sockets of that session can be closed too. */
    async signOut(token: string | undefined): Promise<string | undefined> {
      if (!token) return undefined
      const id = hashToken(token)
      await repo.deleteSession(id)
      return id
    },

    /** Always succeeds from the caller's view, so the answer does not reveal who has an account. */
    async requestPasswordReset(email: string) {
      const user = await repo.findUserByEmail(email)
      if (!user) return
      const token = newToken()
      await repo.createPasswordReset({
        tokenHash: hashToken(token),
        userId: user.id,
        expiresAt: new Date(clock.now().getTime() + RESET_MINUTES * 60_000),
      })
      const locale = user.locale === 'en' ? 'en' : 'zh-CN'
      const url = `${config.publicUrl}/reset-password?token=${token}`
      await mailer.send({
        to: user.email,
        subject: t(locale, 'mail.reset.subject'),
        text: t(locale, 'mail.reset.body', { name: user.displayName, minutes: RESET_MINUTES, url }),
        link: url,
      })
    },

    async confirmPasswordReset(token: string, password: string) {
      checkPasswordStrength(password)
      const userId = await repo.consumePasswordReset(hashToken(token), clock.now())
      if (!userId)
        throw new ValidationError(
          [{ field: 'body.token', code: 'field.invalid_value' }],
          'reset_token_invalid',
        )
      await repo.updateUser(userId, {
        passwordHash: await hashPassword(password),
        failedSignIns: 0,
        lockedUntil: null,
      })
      // A reset ends every session: whoever knew the old password is signed out.
      await repo.deleteUserSessions(userId)
      return userId
    },
  }
}

export type AuthService = ReturnType<typeof authService>
