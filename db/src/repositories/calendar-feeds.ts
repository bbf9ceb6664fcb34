import { and, asc, eq, gte, inArray } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { calendarFeeds } from '../schema/certificates.ts'
import { opportunities, shifts, signups } from '../schema/opportunities.ts'

export type CalendarFeed = typeof calendarFeeds.$inferSelect

/** Sign-up statuses a volunteer's calendar shows; cancelled ones stay, marked cancelled, so clients drop them. */
const feedStatuses = ['confirmed', 'offered', 'attended', 'no_show', 'cancelled']

export const calendarFeedsRepo = (db: DbOrTx) => ({
  /** Creates the feed or replaces its token (the old URL stops working at once). */
  async setToken(userId: string, tokenHash: string, at: Date): Promise<CalendarFeed> {
    const [row] = await db
      .insert(calendarFeeds)
      .values({ userId, tokenHash, createdAt: at })
      .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt: at } })
      .returning()
    return row!
  },
  async find(userId: string): Promise<CalendarFeed | undefined> {
    const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId))
    return row
  },
  async findByHash(tokenHash: string): Promise<CalendarFeed | undefined> {
    const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.tokenHash, tokenHash))
    return row
  },
  async remove(userId: string): Promise<boolean> {
    const rows = await db
      .delete(calendarFeeds)
      .where(eq(calendarFeeds.userId, userId))
      .returning({ userId: calendarFeeds.userId })
    return rows.length > 0
  },
  /** The volunteer's shifts from `since` on, with their sign-up and opportunity. */
  async shiftsOf(userId: string, since: Date) {
    return db
      .select({
        signupId: signups.id,
        signupStatus: signups.status,
        shiftId: shifts.id,
        startsAt: shifts.startsAt,
        endsAt: shifts.endsAt,
        shiftStatus: shifts.status,
        opportunityId: opportunities.id,
        title: opportunities.title,
        address: opportunities.address,
        contactName: opportunities.contactName,
        contactPhone: opportunities.contactPhone,
      })
      .from(signups)
      .innerJoin(shifts, eq(shifts.id, signups.shiftId))
      .innerJoin(opportunities, eq(opportunities.id, shifts.opportunityId))
      .where(
        and(eq(signups.userId, userId), inArray(signups.status, feedStatuses), gte(shifts.endsAt, since)),
      )
      .orderBy(asc(shifts.startsAt))
      .limit(500)
  },
})
