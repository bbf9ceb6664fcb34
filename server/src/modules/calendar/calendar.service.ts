import { createHash, randomBytes } from 'node:crypto'
import { calendarFeedsRepo } from '@liandong/db'
import type { FastifyInstance } from 'fastify'
import type { Principal } from '../../auth/principal.ts'
import { NotFoundError } from '../../errors.ts'
import { shiftsCalendar } from './calendar.ics.ts'

const hash = (token: string) => createHash('sha256').update(token).digest('hex')
/** The feed shows shifts that ended up to this long ago, and everything to come. */
const PAST_MS = 60 * 86_400_000

/**
 * A volunteer's private iCal feed. The URL carries a random 256-bit token that only its owner
 * sees, once, when it is made; the database keeps its SHA-256 (like session tokens), so a leaked
 * database does not open anyone's calendar. Rotating replaces the hash: the old URL is dead at once.
 */
export function calendarService(app: FastifyInstance) {
  const { database, clock, config } = app.infra
  const db = database.db
  const feedUrl = (token: string) => `${config.publicUrl}/api/calendar/${token}.ics`

  return {
    async status(principal: Principal) {
      const feed = await calendarFeedsRepo(db).find(principal.userId)
      return { active: Boolean(feed), createdAt: feed?.createdAt ?? null }
    },

    async rotate(principal: Principal) {
      const token = randomBytes(32).toString('base64url')
      const feed = await calendarFeedsRepo(db).setToken(principal.userId, hash(token), clock.now())
      const url = feedUrl(token)
      return {
        active: true as const,
        createdAt: feed.createdAt,
        url,
        webcalUrl: url.replace(/^https?:/, 'webcal:'),
      }
    },

    async remove(principal: Principal) {
      if (!(await calendarFeedsRepo(db).remove(principal.userId))) throw new NotFoundError()
    },

    /** The feed for a token; unknown or rotated tokens are 404. */
    async ics(token: string, locale: 'zh-CN' | 'en') {
      const feed = await calendarFeedsRepo(db).findByHash(hash(token))
      if (!feed) throw new NotFoundError()
      const now = clock.now()
      const shifts = await calendarFeedsRepo(db).shiftsOf(feed.userId, new Date(now.getTime() - PAST_MS))
      return shiftsCalendar(shifts, {
        name: locale === 'en' ? 'Liandong volunteer shifts' : '联动志愿服务班次',
        publicUrl: config.publicUrl,
        now,
      })
    },
  }
}
