import { and, asc, eq, gte, lte, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { users } from '../schema/accounts.ts'
import { opportunities } from '../schema/opportunities.ts'
import { serviceRecords } from '../schema/service-records.ts'
import { volunteerProfiles } from '../schema/volunteers.ts'

export interface DirectoryFilter {
  orgId: string
  /** Every one of these skills. */
  skills?: string[]
  /** A county code, or a prefecture code (5101xx) matching every county in it. */
  districtCode?: string
  minStars?: number
  /** A valid (completed, unexpired) completion of this course. */
  courseId?: string
  /** Approved service with the organization on or after this day. */
  activeSince?: string
  /** Part of the name or the volunteer number. */
  q?: string
  now: Date
  limit: number
  offset: number
}

export interface DirectoryRow {
  userId: string
  realName: string
  volunteerNumber: string
  skills: string[]
  districtCodes: string[]
  approvedMinutes: number
  orgMinutes: number
  lastServiceDate: string | null
  starLevel: number
  ratingAverage: number | null
  ratingCount: number
}

export interface HoursFilter {
  orgId: string
  from: string
  to: string
  userId?: string
  opportunityId?: string
  limit: number
}

/** District codes end in 00 at prefecture level; the prefix matches the counties inside. */
const districtPrefix = (code: string) => code.replace(/(00)+$/, '')

export const volunteerReportsRepo = (db: DbOrTx) => ({
  /**
   * Volunteers related to an organization — signed up for its shifts, enrolled in its courses or
   * with records it keeps — with their stars (the region's thresholds over all approved hours),
   * the hours they served with it and its own rating of them.
   */
  async directory(f: DirectoryFilter): Promise<{ items: DirectoryRow[]; total: number }> {
    const page = await this.directoryPage(f)
    // The total rides on the rows (a window count); a page past the end asks for the first row.
    if (page.items.length === 0 && f.offset > 0)
      return { items: [], total: (await this.directoryPage({ ...f, limit: 1, offset: 0 })).total }
    return page
  },

  async directoryPage(f: DirectoryFilter): Promise<{ items: DirectoryRow[]; total: number }> {
    const conditions = [sql`true`]
    for (const skill of f.skills ?? []) conditions.push(sql`${skill} = any(b.skills)`)
    if (f.districtCode)
      conditions.push(
        sql`exists (select 1 from unnest(b.district_codes) d where d like ${`${districtPrefix(f.districtCode)}%`})`,
      )
    if (f.minStars) conditions.push(sql`b.star_level >= ${f.minStars}`)
    if (f.courseId)
      conditions.push(sql`exists (select 1 from enrolments e where e.user_id = b.user_id
        and e.course_id = ${f.courseId} and e.status = 'completed'
        and (e.expires_at is null or e.expires_at > ${f.now.toISOString()}::timestamptz))`)
    if (f.activeSince) conditions.push(sql`b.last_service_date >= ${f.activeSince}::date`)
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      conditions.push(sql`(b.real_name ilike ${like} or b.volunteer_number ilike ${like})`)
    }
    const rows = await db.execute<Record<string, unknown>>(sql`
      with related as (
        select s.user_id from signups s
          join shifts sh on sh.id = s.shift_id
          join opportunities o on o.id = sh.opportunity_id
          where o.org_id = ${f.orgId}
        union select e.user_id from enrolments e join courses c on c.id = e.course_id where c.org_id = ${f.orgId}
        union select r.user_id from service_records r where r.org_id = ${f.orgId}
      ),
      totals as (
        select p.user_id, p.real_name, p.volunteer_number, p.skills, p.district_codes,
          coalesce((select sum(r.minutes) from service_records r
            where r.user_id = p.user_id and r.status = 'approved'), 0)::int as approved_minutes,
          coalesce((select sum(r.minutes) from service_records r
            where r.user_id = p.user_id and r.org_id = ${f.orgId} and r.status = 'approved'), 0)::int as org_minutes,
          (select max(r.service_date) from service_records r
            where r.user_id = p.user_id and r.org_id = ${f.orgId} and r.status = 'approved') as last_service_date,
          coalesce(rs.star_thresholds_hours, d.star_thresholds_hours) as thresholds
        from volunteer_profiles p
        join related on related.user_id = p.user_id
        left join region_settings rs on rs.region = left(p.district_codes[1], 2)
        left join region_settings d on d.region = 'default'
      ),
      b as (
        select t.*, (select count(*) from unnest(t.thresholds) h where h * 60 <= t.approved_minutes)::int as star_level
        from totals t
      )
      select b.user_id, b.real_name, b.volunteer_number, b.skills, b.district_codes, b.approved_minutes,
        b.org_minutes, b.last_service_date::text as last_service_date, b.star_level,
        (select round(avg(ev.score)::numeric, 1) from shift_evaluations ev where ev.volunteer_id = b.user_id
          and ev.org_id = ${f.orgId} and ev.direction = 'of_volunteer') as rating_average,
        (select count(*) from shift_evaluations ev where ev.volunteer_id = b.user_id
          and ev.org_id = ${f.orgId} and ev.direction = 'of_volunteer')::int as rating_count,
        count(*) over ()::int as total
      from b
      where ${sql.join(conditions, sql` and `)}
      order by b.org_minutes desc, b.real_name, b.user_id
      limit ${f.limit} offset ${f.offset}`)
    const list = (Array.isArray(rows) ? rows : (rows as { rows: Record<string, unknown>[] }).rows) ?? []
    return {
      items: list.map((r) => ({
        userId: String(r.user_id),
        realName: String(r.real_name),
        volunteerNumber: String(r.volunteer_number),
        skills: (r.skills as string[]) ?? [],
        districtCodes: (r.district_codes as string[]) ?? [],
        approvedMinutes: Number(r.approved_minutes),
        orgMinutes: Number(r.org_minutes),
        lastServiceDate: r.last_service_date === null ? null : String(r.last_service_date),
        starLevel: Number(r.star_level),
        ratingAverage: r.rating_average === null ? null : Number(r.rating_average),
        ratingCount: Number(r.rating_count),
      })),
      total: list.length ? Number(list[0]!.total) : 0,
    }
  },

  /** Approved records of the organization in a date range, oldest first; `limit + 1` tells "too many". */
  async approvedRecords(f: HoursFilter) {
    return db
      .select({
        recordId: serviceRecords.id,
        userId: serviceRecords.userId,
        name: sql<string>`coalesce(${volunteerProfiles.realName}, ${users.displayName})`,
        volunteerNumber: volunteerProfiles.volunteerNumber,
        opportunityId: serviceRecords.opportunityId,
        opportunityTitle: opportunities.title,
        activityName: serviceRecords.activityName,
        source: serviceRecords.source,
        serviceDate: serviceRecords.serviceDate,
        place: serviceRecords.place,
        minutes: serviceRecords.minutes,
      })
      .from(serviceRecords)
      .innerJoin(users, eq(users.id, serviceRecords.userId))
      .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, serviceRecords.userId))
      .leftJoin(opportunities, eq(opportunities.id, serviceRecords.opportunityId))
      .where(
        and(
          eq(serviceRecords.orgId, f.orgId),
          eq(serviceRecords.status, 'approved'),
          gte(serviceRecords.serviceDate, f.from),
          lte(serviceRecords.serviceDate, f.to),
          f.userId ? eq(serviceRecords.userId, f.userId) : undefined,
          f.opportunityId ? eq(serviceRecords.opportunityId, f.opportunityId) : undefined,
        ),
      )
      .orderBy(asc(serviceRecords.serviceDate), asc(serviceRecords.userId), asc(serviceRecords.id))
      .limit(f.limit + 1)
  },
})
