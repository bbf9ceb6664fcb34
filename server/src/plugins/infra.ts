import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Infrastructure } from '../context.ts'
import { LOCALE_COOKIE, readCookie } from '../http/cookies.ts'
import { type Locale, pickLocale } from '../i18n/index.ts'

declare module 'fastify' {
  interface FastifyInstance {
    infra: Infrastructure
  }
  interface FastifyRequest {
    /** zh-CN or en: the user's choice (cookie), then Accept-Language. */
    readonly locale: Locale
  }
}

export default fp(
  async (app: FastifyInstance, infra: Infrastructure) => {
    app.decorate('infra', infra)
    // A getter rather than a hook: errors raised before routing need the locale too.
    app.decorateRequest('locale', {
      getter() {
        return pickLocale(readCookie(this.headers.cookie, LOCALE_COOKIE), this.headers['accept-language'])
      },
    })
  },
  { name: 'infra' },
)
