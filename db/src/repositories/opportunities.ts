import { and, asc, count, desc, eq, gt, gte, inArray, lt, type SQL, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { opportunities, shifts } from '../schema/opportunities.ts'
import { organizations } from '../schema/organizations.ts'

export type Opportunity = typeof opportunities.$inferSelect
export type NewOpportunity = typeof opportunities.$inferInsert
export type Shift = typeof shifts.$inferSelect
export type NewShift = typeof shifts.$inferInsert
export type OpportunityWithOrg = Opportunity & { orgName: string }

export interface OpportunityListFilter {
  orgId: string
  status?: Opportunity['status']
  limit: number
  offset: number
}

export const opportunitiesRepo = (db: DbOrTx) => ({
  async create(values: NewOpportunity): Promise<Opportunity> {
    const [row] = await db.insert(opportunities).values(values).returning()
    return row!
  },
  async update(id: string, values: Partial<NewOpportunity>): Promise<Opportunity | undefined> {
    const [row] = await db.update(opportunities).set(values).where(eq(opportunities.id, id)).returning()
    return row
  },
  async findById(id: string): Promise<OpportunityWithOrg | undefined> {
    const [row] = await db
      .select({ opportunity: opportunities, orgName: organizations.name })
      .from(opportunities)
      .innerJoin(organizations, eq(organizations.id, opportunities.orgId))
      .where(eq(opportunities.id, id))
    return row ? { ...row.opportunity, orgName: row.orgName } : undefined
  },
  async findMany(ids: readonly string[]): Promise<OpportunityWithOrg[]> {
    if (ids.length === 0) return []
    const rows = await db
      .select({ opportunity: opportunities, orgName: organizations.name })
      .from(opportunities)
      .innerJoin(organizations, eq(organizations.id, opportunities.orgId))
      .where(inArray(opportunities.id, [...ids]))
    return rows.map((r) => ({ ...r.opportunity, orgName: r.orgName }))
  },
  async list(filter: OpportunityListFilter) {
    const where: SQL[] = [eq(opportunities.orgId, filter.orgId)]
    if (filter.status) where.push(eq(opportunities.status, filter.status))
    const condition = and(...where)
    const [items, [total]] = await Promise.all([
      db
        .select()
        .from(opportunities)
        .where(condition)
        .orderBy(desc(opportunities.updatedAt))
        .limit(filter.limit)
        .offset(filter.offset),
      db.select({ n: count() }).from(opportunities).where(condition),
    ])
    return { items, total: total?.n ?? 0 }
  },
  async *idPages(size: number): AsyncGenerator<string[]> {
    let after = ''
    for (;;) {
      const rows = await db
        .select({ id: opportunities.id })
        .from(opportunities)
        .where(after ? sql`${opportunities.id} > ${after}` : undefined)
        .orderBy(asc(opportunities.id))
        .limit(size)
      if (rows.length === 0) return
      yield rows.map((r) => r.id)
      after = rows.at(-1)!.id
    }
  },
  /** Recurring opportunities still open (draft or published): their shifts are kept 90 days ahead. */
  async recurringOpenIds(): Promise<string[]> {
    const rows = await db
      .select({ id: opportunities.id })
      .from(opportunities)
      .where(
        and(sql`${opportunities.rrule} is not null`, inArray(opportunities.status, ['draft', 'published'])),
      )
    return rows.map((r) => r.id)
  },
  async count(): Promise<number> {
    const [row] = await db.select({ n: count() }).from(opportunities)
    return row?.n ?? 0
  },

  // Shifts
  async insertShifts(rows: NewShift[]): Promise<Shift[]> {
    if (rows.length === 0) return []
    return db.insert(shifts).values(rows).returning()
  },
  async findShift(id: string): Promise<Shift | undefined> {
    const [row] = await db.select().from(shifts).where(eq(shifts.id, id))
    return row
  },
  /** A shift with its opportunity: what a sign-up gate needs. */
  async findShiftWithOpportunity(
    id: string,
  ): Promise<{ shift: Shift; opportunity: Opportunity } | undefined> {
    const [row] = await db
      .select({ shift: shifts, opportunity: opportunities })
      .from(shifts)
      .innerJoin(opportunities, eq(opportunities.id, shifts.opportunityId))
      .where(eq(shifts.id, id))
    return row
  },
  async updateShift(id: string, values: Partial<NewShift>): Promise<Shift | undefined> {
    const [row] = await db.update(shifts).set(values).where(eq(shifts.id, id)).returning()
    return row
  },
  async shiftsOf(opportunityId: string, range: { from?: Date; to?: Date } = {}): Promise<Shift[]> {
    const where: SQL[] = [eq(shifts.opportunityId, opportunityId)]
    if (range.from) where.push(gt(shifts.endsAt, range.from))
    if (range.to) where.push(lt(shifts.startsAt, range.to))
    return db
      .select()
      .from(shifts)
      .where(and(...where))
      .orderBy(asc(shifts.startsAt))
  },
  /** Shifts of a series from one occurrence on (by original start), for "this and all following". */
  async seriesFrom(opportunityId: string, recurrenceId: Date): Promise<Shift[]> {
    return db
      .select()
      .from(shifts)
      .where(and(eq(shifts.opportunityId, opportunityId), gte(shifts.recurrenceId, recurrenceId)))
      .orderBy(asc(shifts.startsAt))
  },
  /** Removes shifts nobody is signed up for (confirmed count zero and no sign-up rows). */
  async deleteEmptyShifts(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0
    const rows = await db
      .delete(shifts)
      .where(
        and(
          inArray(shifts.id, [...ids]),
          eq(shifts.confirmedCount, 0),
          sql`not exists (select 1 from signups s where s.shift_id = ${shifts.id})`,
        ),
      )
      .returning({ id: shifts.id })
    return rows.length
  },
  /** Per opportunity: first start, last end and open places over its scheduled shifts ending after `now` (null: all). */
  async shiftSummaries(opportunityIds: readonly string[], now: Date | null) {
    if (opportunityIds.length === 0) return []
    return db
      .select({
        opportunityId: shifts.opportunityId,
        firstStart: sql<Date | string | null>`min(${shifts.startsAt})`,
        lastEnd: sql<Date | string | null>`max(${shifts.endsAt})`,
        spots: sql<number>`coalesce(sum(${shifts.capacity} - ${shifts.confirmedCount}), 0)::int`,
        count: sql<number>`count(*)::int`,
      })
      .from(shifts)
      .where(
        and(
          inArray(shifts.opportunityId, [...opportunityIds]),
          eq(shifts.status, 'scheduled'),
          now ? gt(shifts.endsAt, now) : undefined,
        ),
      )
      .groupBy(shifts.opportunityId)
  },
})
