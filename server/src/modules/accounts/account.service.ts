import { accountsRepo } from '@liandong/db'
import { hashPassword, verifyPassword } from '../../auth/passwords.ts'
import { checkTwoFactorCode, newTwoFactorSecret, qrSvg } from '../../auth/two-factor.ts'
import type { Infrastructure } from '../../context.ts'
import { ConflictError, ForbiddenError, ValidationError } from '../../errors.ts'
import type { Locale } from '../../i18n/index.ts'
import { checkPasswordStrength } from '../auth/auth.service.ts'

export function accountService({ database, clock }: Infrastructure) {
  const repo = accountsRepo(database.db)
  const wrongCode = () =>
    new ValidationError([{ field: 'body.code', code: 'field.invalid_value' }], 'two_factor_invalid')

  return {
    async update(userId: string, input: { displayName?: string; locale?: Locale }) {
      await repo.updateUser(userId, {
        ...(input.displayName ? { displayName: input.displayName.trim() } : {}),
        ...(input.locale ? { locale: input.locale } : {}),
      })
    },

    async changePassword(userId: string, sessionId: string, current: string, next: string) {
      const user = await repo.findUserById(userId)
      if (!user || !(await verifyPassword(user.passwordHash, current))) {
        throw new ValidationError(
          [{ field: 'body.currentPassword', code: 'field.invalid_value' }],
          'invalid_credentials',
        )
      }
      checkPasswordStrength(next, 'body.newPassword')
      await repo.updateUser(userId, { passwordHash: await hashPassword(next) })
      // Other sessions end; this one stays.
      await repo.deleteOtherSessions(userId, sessionId)
    },

    /** Generates a secret to scan; it becomes active only once a code from it is confirmed. */
    async setupTwoFactor(userId: string) {
      const user = await repo.findUserById(userId)
      if (!user) throw new ForbiddenError()
      if (user.totpEnabledAt) throw new ConflictError('two_factor_already_enabled')
      const { secret, uri } = newTwoFactorSecret(user.email)
      await repo.updateUser(userId, { totpSecret: secret })
      return { secret, otpauthUrl: uri, qrSvg: await qrSvg(uri) }
    },

    async enableTwoFactor(userId: string, sessionId: string, code: string) {
      const user = await repo.findUserById(userId)
      if (!user?.totpSecret) throw new ConflictError('two_factor_not_started')
      if (user.totpEnabledAt) throw new ConflictError('two_factor_already_enabled')
      if (!(await checkTwoFactorCode(user.totpSecret, code))) throw wrongCode()
      await repo.updateUser(userId, { totpEnabledAt: clock.now() })
      await repo.updateSession(sessionId, { twoFactorPassed: true })
    },

    async disableTwoFactor(userId: string, password: string, code: string, required: boolean) {
      if (required) throw new ForbiddenError('two_factor_enrolment_required')
      const user = await repo.findUserById(userId)
      if (!user?.totpSecret || !user.totpEnabledAt) throw new ConflictError('two_factor_not_started')
      if (!(await verifyPassword(user.passwordHash, password))) {
        throw new ValidationError(
          [{ field: 'body.password', code: 'field.invalid_value' }],
          'invalid_credentials',
        )
      }
      if (!(await checkTwoFactorCode(user.totpSecret, code))) throw wrongCode()
      await repo.updateUser(userId, { totpSecret: null, totpEnabledAt: null })
    },
  }
}
