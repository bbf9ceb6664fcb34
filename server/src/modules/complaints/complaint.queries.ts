import { type DbOrTx, schema } from '@liandong/db'
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, lte, type SQL, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { CalendarExceptions } from './working-days.ts'

const { complaints, complaintEvents, calendarDays, organizations, users } = schema
export type ComplaintRow = typeof complaints.$inferSelect
export type NewComplaint = typeof complaints.$inferInsert
export type ComplaintEventRow = typeof complaintEvents.$inferSelect & { actorName: string | null }

export interface DeskFilter {
  orgIds: string[]
  /** Only these assigned to this user (staff who do not run the desk). */
  assigneeId?: string
  status?: string
  overdueAt?: Date
  limit: number
  offset: number
}

const assignee = alias(users, 'assignee')

export const complaintQueries = (db: DbOrTx) => ({
  async insert(row: NewComplaint): Promise<ComplaintRow> {
    const [created] = await db.insert(complaints).values(row).returning()
    return created!
  },

  async event(
    complaintId: string,
    kind: ComplaintEventRow['kind'],
    actorId: string | null,
    at: Date,
    note?: string,
  ) {
    await db.insert(complaintEvents).values({ complaintId, kind, actorId, at, note: note ?? null })
  },

  async byId(id: string) {
    const [row] = await db
      .select({ complaint: complaints, orgName: organizations.name, assigneeName: assignee.displayName })
      .from(complaints)
      .innerJoin(organizations, eq(organizations.id, complaints.orgId))
      .leftJoin(assignee, eq(assignee.id, complaints.assigneeId))
      .where(eq(complaints.id, id))
    return row ?? null
  },

  async byTrackingCode(code: string) {
    const [row] = await db
      .select({ complaint: complaints, orgName: organizations.name, assigneeName: assignee.displayName })
      .from(complaints)
      .innerJoin(organizations, eq(organizations.id, complaints.orgId))
      .leftJoin(assignee, eq(assignee.id, complaints.assigneeId))
      .where(eq(complaints.trackingCode, code))
    return row ?? null
  },

  async events(complaintId: string): Promise<ComplaintEventRow[]> {
    const rows = await db
      .select({ event: complaintEvents, actorName: users.displayName })
      .from(complaintEvents)
      .leftJoin(users, eq(users.id, complaintEvents.actorId))
      .where(eq(complaintEvents.complaintId, complaintId))
      .orderBy(asc(complaintEvents.at), asc(complaintEvents.id))
    return rows.map((r) => ({ ...r.event, actorName: r.actorName }))
  },

  async desk(filter: DeskFilter) {
    const where: SQL[] = [filter.orgIds.length ? inArray(complaints.orgId, filter.orgIds) : sql`false`]
    if (filter.assigneeId) where.push(eq(complaints.assigneeId, filter.assigneeId))
    if (filter.status) where.push(eq(complaints.status, filter.status as ComplaintRow['status']))
    if (filter.overdueAt)
      where.push(inArray(complaints.status, ['open', 'assigned']), lt(complaints.dueAt, filter.overdueAt))
    const condition = and(...where)
    const [items, [total]] = await Promise.all([
      db
        .select({ complaint: complaints, orgName: organizations.name, assigneeName: assignee.displayName })
        .from(complaints)
        .innerJoin(organizations, eq(organizations.id, complaints.orgId))
        .leftJoin(assignee, eq(assignee.id, complaints.assigneeId))
        .where(condition)
        // Open work first, the most urgent at the top; closed ones after, newest first.
        .orderBy(sql`${complaints.status} = 'closed'`, asc(complaints.dueAt), desc(complaints.id))
        .limit(filter.limit)
        .offset(filter.offset),
      db.select({ n: count() }).from(complaints).where(condition),
    ])
    return { items, total: total?.n ?? 0 }
  },

  async mine(userId: string) {
    return db
      .select({ complaint: complaints, orgName: organizations.name, assigneeName: assignee.displayName })
      .from(complaints)
      .innerJoin(organizations, eq(organizations.id, complaints.orgId))
      .leftJoin(assignee, eq(assignee.id, complaints.assigneeId))
      .where(eq(complaints.submittedBy, userId))
      .orderBy(desc(complaints.id))
      .limit(100)
  },

  /** Conditional update: applies only while the complaint is in one of `from` (a lost race changes nothing). */
  async transition(id: string, from: ComplaintRow['status'][], values: Partial<NewComplaint>) {
    const [row] = await db
      .update(complaints)
      .set(values)
      .where(and(eq(complaints.id, id), inArray(complaints.status, from)))
      .returning()
    return row ?? null
  },

  /** Unanswered past their deadline and not yet escalated. */
  async overdueUnescalated(now: Date, limit: number) {
    return db
      .select()
      .from(complaints)
      .where(
        and(
          inArray(complaints.status, ['open', 'assigned']),
          lte(complaints.dueAt, now),
          isNull(complaints.escalatedAt),
        ),
      )
      .orderBy(asc(complaints.dueAt))
      .limit(limit)
  },

  async claimEscalation(id: string, now: Date) {
    const [row] = await db
      .update(complaints)
      .set({ escalatedAt: now })
      .where(
        and(
          eq(complaints.id, id),
          isNull(complaints.escalatedAt),
          inArray(complaints.status, ['open', 'assigned']),
        ),
      )
      .returning()
    return row ?? null
  },

  async approvedOrgs() {
    return db
      .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
      .from(organizations)
      .where(eq(organizations.status, 'approved'))
      .orderBy(asc(organizations.name))
  },

  /** Holidays and 调休 workdays from `fromDay` on (a deadline never reaches further than a year). */
  async calendar(fromDay: string): Promise<CalendarExceptions> {
    const until = new Date(Date.parse(`${fromDay}T00:00:00Z`) + 366 * 86_400_000).toISOString().slice(0, 10)
    const rows = await db
      .select()
      .from(calendarDays)
      .where(and(gte(calendarDays.day, fromDay), lte(calendarDays.day, until)))
    return new Map(rows.map((r) => [r.day, r.kind]))
  },

  async calendarYear(year: number) {
    return db
      .select()
      .from(calendarDays)
      .where(and(gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`)))
      .orderBy(asc(calendarDays.day))
  },

  async putCalendarDay(day: string, kind: 'holiday' | 'workday', name: string) {
    const [row] = await db
      .insert(calendarDays)
      .values({ day, kind, name })
      .onConflictDoUpdate({ target: calendarDays.day, set: { kind, name } })
      .returning()
    return row!
  },

  async deleteCalendarDay(day: string) {
    const rows = await db.delete(calendarDays).where(eq(calendarDays.day, day)).returning()
    return rows.length > 0
  },

  async orgExists(orgId: string) {
    const [row] = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.id, orgId), eq(organizations.status, 'approved')))
    return Boolean(row)
  },
})
