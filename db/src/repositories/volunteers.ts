import { and, eq, inArray, like, ne, or, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { users } from '../schema/accounts.ts'
import { opportunities, shifts, signups } from '../schema/opportunities.ts'
import { courses, enrolments } from '../schema/training.ts'
import { volunteerProfiles } from '../schema/volunteers.ts'

export type VolunteerProfile = typeof volunteerProfiles.$inferSelect
export type NewVolunteerProfile = typeof volunteerProfiles.$inferInsert

export const volunteersRepo = (db: DbOrTx) => ({
  async findByUser(userId: string): Promise<VolunteerProfile | undefined> {
    const [row] = await db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, userId))
    return row
  },
  async findManyByUser(userIds: readonly string[]): Promise<VolunteerProfile[]> {
    if (userIds.length === 0) return []
    return db
      .select()
      .from(volunteerProfiles)
      .where(inArray(volunteerProfiles.userId, [...userIds]))
  },
  /** Another volunteer holding this phone or one of these ID hashes (the duplicate check). */
  async findDuplicates(
    userId: string,
    phone: string,
    idHashes: readonly string[],
  ): Promise<{ phone: boolean; idNumber: boolean }> {
    const rows = await db
      .select({ phone: volunteerProfiles.phone, idNumberHash: volunteerProfiles.idNumberHash })
      .from(volunteerProfiles)
      .where(
        and(
          ne(volunteerProfiles.userId, userId),
          idHashes.length
            ? or(eq(volunteerProfiles.phone, phone), inArray(volunteerProfiles.idNumberHash, [...idHashes]))
            : eq(volunteerProfiles.phone, phone),
        ),
      )
    return {
      phone: rows.some((r) => r.phone === phone),
      idNumber: rows.some((r) => r.idNumberHash !== null && idHashes.includes(r.idNumberHash)),
    }
  },
  /** The highest volunteer number issued with this prefix (LD2026…), or undefined. */
  async lastNumberWithPrefix(prefix: string): Promise<string | undefined> {
    const [row] = await db
      .select({ n: sql<string | null>`max(${volunteerProfiles.volunteerNumber})` })
      .from(volunteerProfiles)
      .where(like(volunteerProfiles.volunteerNumber, `${prefix}%`))
    return row?.n ?? undefined
  },
  async create(values: NewVolunteerProfile): Promise<VolunteerProfile> {
    const [row] = await db.insert(volunteerProfiles).values(values).returning()
    await db.update(users).set({ isVolunteer: true }).where(eq(users.id, values.userId))
    return row!
  },
  async update(userId: string, values: Partial<NewVolunteerProfile>): Promise<VolunteerProfile | undefined> {
    const [row] = await db
      .update(volunteerProfiles)
      .set(values)
      .where(eq(volunteerProfiles.userId, userId))
      .returning()
    return row
  },
  /**
   * Whether a volunteer has anything to do with an organization — a sign-up for one of its shifts
   * or an enrolment in one of its courses. Coordinators see only those volunteers.
   */
  async isRelatedToOrg(userId: string, orgId: string): Promise<boolean> {
    const [viaShift] = await db
      .select({ one: sql<number>`1` })
      .from(signups)
      .innerJoin(shifts, eq(shifts.id, signups.shiftId))
      .innerJoin(opportunities, eq(opportunities.id, shifts.opportunityId))
      .where(and(eq(signups.userId, userId), eq(opportunities.orgId, orgId)))
      .limit(1)
    if (viaShift) return true
    const [viaCourse] = await db
      .select({ one: sql<number>`1` })
      .from(enrolments)
      .innerJoin(courses, eq(courses.id, enrolments.courseId))
      .where(and(eq(enrolments.userId, userId), eq(courses.orgId, orgId)))
      .limit(1)
    return Boolean(viaCourse)
  },
})
