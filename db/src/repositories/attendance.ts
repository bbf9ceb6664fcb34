import { and, asc, eq, isNull, lt } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { attendance, shifts } from '../schema/opportunities.ts'

export type Attendance = typeof attendance.$inferSelect
export type NewAttendance = typeof attendance.$inferInsert

export const attendanceRepo = (db: DbOrTx) => ({
  async findById(id: string): Promise<Attendance | undefined> {
    const [row] = await db.select().from(attendance).where(eq(attendance.id, id))
    return row
  },
  async findBySignup(signupId: string): Promise<Attendance | undefined> {
    const [row] = await db.select().from(attendance).where(eq(attendance.signupId, signupId))
    return row
  },
  async lockBySignup(signupId: string): Promise<Attendance | undefined> {
    const [row] = await db.select().from(attendance).where(eq(attendance.signupId, signupId)).for('update')
    return row
  },
  /** Inserts the check-in unless one exists for the sign-up (a concurrent scan); then undefined. */
  async insert(values: NewAttendance): Promise<Attendance | undefined> {
    const [row] = await db
      .insert(attendance)
      .values(values)
      .onConflictDoNothing({ target: attendance.signupId })
      .returning()
    return row
  },
  async update(id: string, values: Partial<NewAttendance>): Promise<Attendance> {
    const [row] = await db.update(attendance).set(values).where(eq(attendance.id, id)).returning()
    return row!
  },
  async listForShift(shiftId: string): Promise<Attendance[]> {
    return db
      .select()
      .from(attendance)
      .where(eq(attendance.shiftId, shiftId))
      .orderBy(asc(attendance.checkInAt))
  },
  /** Open check-ins of shifts that ended before `endedBefore`: nobody checked out. */
  async forgotten(endedBefore: Date, limit: number): Promise<Attendance[]> {
    return db
      .select({ attendance })
      .from(attendance)
      .innerJoin(shifts, eq(shifts.id, attendance.shiftId))
      .where(and(isNull(attendance.checkOutAt), lt(shifts.endsAt, endedBefore)))
      .orderBy(asc(attendance.checkInAt))
      .limit(limit)
      .then((rows) => rows.map((r) => r.attendance))
  },
  /** Closes an open check-in at `at` (guarded: a concurrent check-out wins). */
  async autoClose(id: string, at: Date): Promise<Attendance | undefined> {
    const [row] = await db
      .update(attendance)
      .set({ checkOutAt: at, autoClosed: true })
      .where(and(eq(attendance.id, id), isNull(attendance.checkOutAt)))
      .returning()
    return row
  },
})
