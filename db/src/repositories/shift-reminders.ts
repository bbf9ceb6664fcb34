import { and, asc, eq, gt, isNull, lte, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { opportunities, shifts, signups } from '../schema/opportunities.ts'

export type ReminderKind = 'day' | 'hours'

const mark = { day: signups.remindedDayAt, hours: signups.remindedHoursAt } as const

/**
 * Shift reminders (24 h and 2 h before). A reminder is claimed by a conditional UPDATE of its
 * mark in the same transaction as the notification: a second worker's UPDATE waits for the row,
 * then finds the mark set and claims nothing, so no reminder is ever sent twice.
 */
export const shiftRemindersRepo = (db: DbOrTx) => ({
  /** Confirmed sign-ups of scheduled shifts starting in (now, until] whose reminder is unsent. */
  async due(kind: ReminderKind, now: Date, until: Date, limit: number) {
    return db
      .select({
        signupId: signups.id,
        userId: signups.userId,
        shiftId: shifts.id,
        startsAt: shifts.startsAt,
        title: opportunities.title,
        address: opportunities.address,
      })
      .from(signups)
      .innerJoin(shifts, eq(shifts.id, signups.shiftId))
      .innerJoin(opportunities, eq(opportunities.id, shifts.opportunityId))
      .where(
        and(
          eq(signups.status, 'confirmed'),
          eq(shifts.status, 'scheduled'),
          gt(shifts.startsAt, now),
          lte(shifts.startsAt, until),
          isNull(mark[kind]),
          // A 2-hour reminder makes the 24-hour one pointless.
          kind === 'day' ? isNull(signups.remindedHoursAt) : undefined,
        ),
      )
      .orderBy(asc(shifts.startsAt))
      .limit(limit)
  },

  /** Sets the mark unless it is set (or the sign-up is no longer confirmed); true when this call claimed it. */
  async claim(signupId: string, kind: ReminderKind, now: Date): Promise<boolean> {
    const rows = await db
      .update(signups)
      .set(
        kind === 'hours'
          ? {
              remindedHoursAt: now,
              remindedDayAt: sql`coalesce(${signups.remindedDayAt}, ${now.toISOString()}::timestamptz)`,
            }
          : { remindedDayAt: now },
      )
      .where(and(eq(signups.id, signupId), isNull(mark[kind]), eq(signups.status, 'confirmed')))
      .returning({ id: signups.id })
    return rows.length > 0
  },
})
