import { volunteerReportsRepo } from '@liandong/db'
import type { FastifyInstance } from 'fastify'
import type { Principal } from '../../auth/principal.ts'
import { NotFoundError, ValidationError } from '../../errors.ts'
import type { ReportRecord } from './hours-report.ts'
import { summarise } from './hours-report.ts'

/** A report reads at most this many records; a wider range is refused with a hint to narrow it. */
export const MAX_REPORT_RECORDS = 50_000
const MAX_RANGE_DAYS = 731

export interface DirectoryQuery {
  skills?: string[]
  districtCode?: string
  minStars?: number
  courseId?: string
  activeSince?: string
  q?: string
  limit?: number
  offset?: number
}

export interface HoursQuery {
  from: string
  to: string
  userId?: string
  opportunityId?: string
}

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10

/**
 * Coordinator reports: the directory of volunteers who served with (or trained with, or signed up
 * at) the organization, and its hours report. Only approved records count (谁组织谁记录); the
 * organization sees its own ratings of a volunteer and no other's.
 */
export function reportService(app: FastifyInstance) {
  const { database, clock } = app.infra
  const db = database.db

  return {
    async directory(principal: Principal, orgId: string, query: DirectoryQuery) {
      if (!principal.canInOrg('volunteer.read', orgId)) throw new NotFoundError()
      const limit = query.limit ?? 20
      const offset = query.offset ?? 0
      const page = await volunteerReportsRepo(db).directory({
        orgId,
        ...(query.skills?.length ? { skills: query.skills } : {}),
        ...(query.districtCode ? { districtCode: query.districtCode } : {}),
        ...(query.minStars ? { minStars: query.minStars } : {}),
        ...(query.courseId ? { courseId: query.courseId } : {}),
        ...(query.activeSince ? { activeSince: query.activeSince } : {}),
        ...(query.q?.trim() ? { q: query.q.trim() } : {}),
        now: clock.now(),
        limit,
        offset,
      })
      return {
        items: page.items.map(({ approvedMinutes, orgMinutes, ratingAverage, ratingCount, ...r }) => ({
          ...r,
          approvedHours: hours(approvedMinutes),
          orgHours: hours(orgMinutes),
          rating: { average: ratingAverage, count: ratingCount },
        })),
        total: page.total,
        limit,
        offset,
      }
    },

    /** Approved records of the organization in the range, with totals by person and by opportunity. */
    async hours(principal: Principal, orgId: string, query: HoursQuery) {
      if (!principal.canInOrg('volunteer.report', orgId)) throw new NotFoundError()
      if (query.from > query.to)
        throw new ValidationError([{ field: 'querystring.to', code: 'report.range_order' }])
      const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000
      if (days > MAX_RANGE_DAYS)
        throw new ValidationError([
          { field: 'querystring.to', code: 'report.range_too_long', params: { days: MAX_RANGE_DAYS } },
        ])
      const rows = await volunteerReportsRepo(db).approvedRecords({
        orgId,
        from: query.from,
        to: query.to,
        ...(query.userId ? { userId: query.userId } : {}),
        ...(query.opportunityId ? { opportunityId: query.opportunityId } : {}),
        limit: MAX_REPORT_RECORDS,
      })
      if (rows.length > MAX_REPORT_RECORDS)
        throw new ValidationError([
          {
            field: 'querystring.from',
            code: 'report.too_many_records',
            params: { limit: MAX_REPORT_RECORDS },
          },
        ])
      const records: ReportRecord[] = rows
      return { summary: summarise(records, query.from, query.to), records }
    },
  }
}
