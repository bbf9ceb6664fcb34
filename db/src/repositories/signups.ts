import { and, asc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { users } from '../schema/accounts.ts'
import { attendance, opportunities, shifts, signups } from '../schema/opportunities.ts'
import type { SignupStatus } from '../schema/taxonomies.ts'
import { volunteerProfiles } from '../schema/volunteers.ts'
import { enqueueOutbox } from './outbox.ts'

export type Signup = typeof signups.$inferSelect
export type NewSignup = typeof signups.$inferInsert
export type SignupShift = {
  shift: typeof shifts.$inferSelect
  opportunity: typeof opportunities.$inferSelect
}

/** Statuses that hold a place in `shifts.confirmed_count`: an open offer keeps the place for its holder. */
export const placeHoldingStatuses: readonly SignupStatus[] = ['confirmed', 'offered']
/** True for a sign-up that is still alive. */
export const isActiveSignup = (status: string) => (activeSignupStatuses as readonly string[]).includes(status)
/** Statuses of a sign-up that is still alive (a repeat sign-up returns it). */
export const activeSignupStatuses: readonly SignupStatus[] = [
  'pending_approval',
  'confirmed',
  'waitlisted',
  'offered',
  'attended',
]

export const signupsRepo = (db: DbOrTx) => ({
  async findShift(shiftId: string): Promise<SignupShift | undefined> {
    const [row] = await db
      .select({ shift: shifts, opportunity: opportunities })
      .from(shifts)
      .innerJoin(opportunities, eq(opportunities.id, shifts.opportunityId))
      .where(eq(shifts.id, shiftId))
    return row
  },

  async findById(id: string): Promise<Signup | undefined> {
    const [row] = await db.select().from(signups).where(eq(signups.id, id))
    return row
  },

  /** The sign-up row locked for this transaction, so two state changes never interleave. */
  async lock(id: string): Promise<Signup | undefined> {
    const [row] = await db.select().from(signups).where(eq(signups.id, id)).for('update')
    return row
  },

  async findForUser(shiftId: string, userId: string): Promise<Signup | undefined> {
    const [row] = await db
      .select()
      .from(signups)
      .where(and(eq(signups.shiftId, shiftId), eq(signups.userId, userId)))
    return row
  },

  /** Inserts unless the volunteer already has a row for the shift (then returns undefined). */
  async insert(values: NewSignup): Promise<Signup | undefined> {
    const [row] = await db
      .insert(signups)
      .values(values)
      .onConflictDoNothing({ target: [signups.shiftId, signups.userId] })
      .returning()
    return row
  },

  async update(id: string, values: Partial<NewSignup>): Promise<Signup> {
    const [row] = await db.update(signups).set(values).where(eq(signups.id, id)).returning()
    return row!
  },

  /**
   * Takes `n` places if they are free, in one statement: under concurrency PostgreSQL re-checks
   * the condition on the latest row version, so the count never passes the capacity.
   */
  async takePlaces(shiftId: string, n: number): Promise<boolean> {
    const rows = await db
      .update(shifts)
      .set({ confirmedCount: sql`${shifts.confirmedCount} + ${n}` })
      .where(
        and(
          eq(shifts.id, shiftId),
          eq(shifts.status, 'scheduled'),
          sql`${shifts.confirmedCount} + ${n} <= ${shifts.capacity}`,
        ),
      )
      .returning({ opportunityId: shifts.opportunityId })
    // Places left are part of the opportunity's search document: refresh it in the same transaction.
    if (rows[0]) await enqueueOutbox(db, 'opportunities', 'upsert', rows[0].opportunityId)
    return rows.length === 1
  },

  async releasePlaces(shiftId: string, n: number): Promise<void> {
    const rows = await db
      .update(shifts)
      .set({ confirmedCount: sql`greatest(${shifts.confirmedCount} - ${n}, 0)` })
      .where(eq(shifts.id, shiftId))
      .returning({ opportunityId: shifts.opportunityId })
    if (rows[0]) await enqueueOutbox(db, 'opportunities', 'upsert', rows[0].opportunityId)
  },

  async freePlaces(shiftId: string): Promise<number> {
    const [row] = await db
      .select({ free: sql<number>`${shifts.capacity} - ${shifts.confirmedCount}` })
      .from(shifts)
      .where(eq(shifts.id, shiftId))
    return Number(row?.free ?? 0)
  },

  /** The waitlist in order: first come, first offered (UUIDv7 ids break ties in the same instant). */
  async waitlist(shiftId: string): Promise<Signup[]> {
    return db
      .select()
      .from(signups)
      .where(and(eq(signups.shiftId, shiftId), eq(signups.status, 'waitlisted')))
      .orderBy(asc(signups.createdAt), asc(signups.id))
  },

  /** The volunteer's place-holding sign-ups on other shifts that overlap [startsAt, endsAt). */
  async clashes(userId: string, shiftId: string, startsAt: Date, endsAt: Date) {
    return db
      .select({ signupId: signups.id, shiftId: shifts.id, startsAt: shifts.startsAt, endsAt: shifts.endsAt })
      .from(signups)
      .innerJoin(shifts, eq(shifts.id, signups.shiftId))
      .where(
        and(
          eq(signups.userId, userId),
          ne(signups.shiftId, shiftId),
          inArray(signups.status, [...placeHoldingStatuses]),
          eq(shifts.status, 'scheduled'),
          lt(shifts.startsAt, endsAt),
          gt(shifts.endsAt, startsAt),
        ),
      )
  },

  async countsByStatus(shiftId: string): Promise<Record<string, number>> {
    const rows = await db
      .select({ status: signups.status, n: sql<number>`count(*)::int` })
      .from(signups)
      .where(eq(signups.shiftId, shiftId))
      .groupBy(signups.status)
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))
  },

  /** Everyone on a shift with the name the coordinator sees and their attendance, in sign-up order. */
  async roster(shiftId: string) {
    return db
      .select({
        signup: signups,
        displayName: users.displayName,
        realName: volunteerProfiles.realName,
        volunteerNumber: volunteerProfiles.volunteerNumber,
        attendance,
      })
      .from(signups)
      .innerJoin(users, eq(users.id, signups.userId))
      .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, signups.userId))
      .leftJoin(attendance, eq(attendance.signupId, signups.id))
      .where(eq(signups.shiftId, shiftId))
      .orderBy(asc(signups.createdAt), asc(signups.id))
  },

  async listForUser(userId: string, limit: number, offset: number) {
    const where = eq(signups.userId, userId)
    const [items, [total]] = await Promise.all([
      db
        .select({ signup: signups, shift: shifts, opportunity: opportunities })
        .from(signups)
        .innerJoin(shifts, eq(shifts.id, signups.shiftId))
        .innerJoin(opportunities, eq(opportunities.id, shifts.opportunityId))
        .where(where)
        .orderBy(asc(shifts.startsAt))
        .limit(limit)
        .offset(offset),
      db.select({ n: sql<number>`count(*)::int` }).from(signups).where(where),
    ])
    return { items, total: Number(total?.n ?? 0) }
  },
})
