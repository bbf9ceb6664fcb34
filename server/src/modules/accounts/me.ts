import type { FastifyRequest } from 'fastify'
import type { Static } from 'typebox'
import type { Me } from './account.schemas.ts'

/** The signed-in account as the client sees it. */
export function toMe(request: FastifyRequest): Static<typeof Me> {
  const user = request.user!
  const principal = request.principal!
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    locale: user.locale === 'en' ? 'en' : 'zh-CN',
    isVolunteer: user.isVolunteer,
    platformRole: user.platformRole,
    roles: principal.roles,
    memberships: principal.memberships,
    twoFactorEnabled: Boolean(user.totpEnabledAt),
    mustEnrolTwoFactor: request.mustEnrolTwoFactor,
    isDemo: user.isDemo,
  }
}
