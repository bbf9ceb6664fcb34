import { and, desc, eq, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { users } from '../schema/accounts.ts'
import { shiftEvaluations } from '../schema/certificates.ts'
import { attendance, opportunities, shifts } from '../schema/opportunities.ts'
import { volunteerProfiles } from '../schema/volunteers.ts'

export type ShiftEvaluation = typeof shiftEvaluations.$inferSelect
export type EvaluationDirection = ShiftEvaluation['direction']

export interface Rating {
  /** Mean score to one decimal, null while nobody has rated. */
  average: number | null
  count: number
}

const toRating = (row: { average: string | number | null; count: number } | undefined): Rating => ({
  average: row?.average === null || row?.average === undefined ? null : Number(row.average),
  count: Number(row?.count ?? 0),
})
const ratingColumns = {
  average: sql<string | null>`round(avg(${shiftEvaluations.score})::numeric, 1)`,
  count: sql<number>`count(*)::int`,
}

export const evaluationsRepo = (db: DbOrTx) => ({
  /** One rating per shift, volunteer and direction; a second one replaces the first. */
  async upsert(values: {
    shiftId: string
    opportunityId: string
    orgId: string
    volunteerId: string
    direction: EvaluationDirection
    score: number
    comment: string | null
    ratedBy: string
    at: Date
  }): Promise<ShiftEvaluation> {
    const { at, ...rest } = values
    const [row] = await db
      .insert(shiftEvaluations)
      .values({ ...rest, createdAt: at, updatedAt: at })
      .onConflictDoUpdate({
        target: [shiftEvaluations.shiftId, shiftEvaluations.volunteerId, shiftEvaluations.direction],
        set: { score: rest.score, comment: rest.comment, ratedBy: rest.ratedBy, updatedAt: at },
      })
      .returning()
    return row!
  },

  /** The volunteer's attendance on the shift, if they came. */
  async attendanceOf(shiftId: string, userId: string) {
    const [row] = await db
      .select()
      .from(attendance)
      .where(and(eq(attendance.shiftId, shiftId), eq(attendance.userId, userId)))
    return row
  },

  /** Ratings of the volunteers who came to a shift, with their names. */
  async ofVolunteersOnShift(shiftId: string) {
    return db
      .select({
        evaluation: shiftEvaluations,
        volunteerName: sql<string>`coalesce(${volunteerProfiles.realName}, ${users.displayName})`,
      })
      .from(shiftEvaluations)
      .innerJoin(users, eq(users.id, shiftEvaluations.volunteerId))
      .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, shiftEvaluations.volunteerId))
      .where(and(eq(shiftEvaluations.shiftId, shiftId), eq(shiftEvaluations.direction, 'of_volunteer')))
      .orderBy(desc(shiftEvaluations.updatedAt))
  },

  async opportunityRating(opportunityId: string): Promise<Rating> {
    const [row] = await db
      .select(ratingColumns)
      .from(shiftEvaluations)
      .where(
        and(
          eq(shiftEvaluations.opportunityId, opportunityId),
          eq(shiftEvaluations.direction, 'of_opportunity'),
        ),
      )
    return toRating(row)
  },

  /** What volunteers said about an opportunity, newest first (for its organization). */
  async opportunityFeedback(opportunityId: string, limit: number, offset: number) {
    const where = and(
      eq(shiftEvaluations.opportunityId, opportunityId),
      eq(shiftEvaluations.direction, 'of_opportunity'),
    )
    const [items, [total]] = await Promise.all([
      db
        .select({ evaluation: shiftEvaluations, startsAt: shifts.startsAt })
        .from(shiftEvaluations)
        .innerJoin(shifts, eq(shifts.id, shiftEvaluations.shiftId))
        .where(where)
        .orderBy(desc(shiftEvaluations.updatedAt))
        .limit(limit)
        .offset(offset),
      db.select({ n: sql<number>`count(*)::int` }).from(shiftEvaluations).where(where),
    ])
    return { items, total: Number(total?.n ?? 0) }
  },

  /** An organization's ratings of one volunteer: private to that organization. */
  async volunteerRatingForOrg(userId: string, orgId: string): Promise<Rating> {
    const [row] = await db
      .select(ratingColumns)
      .from(shiftEvaluations)
      .where(
        and(
          eq(shiftEvaluations.volunteerId, userId),
          eq(shiftEvaluations.orgId, orgId),
          eq(shiftEvaluations.direction, 'of_volunteer'),
        ),
      )
    return toRating(row)
  },

  async volunteerEvaluationsForOrg(userId: string, orgId: string, limit: number) {
    return db
      .select({
        evaluation: shiftEvaluations,
        opportunityTitle: opportunities.title,
        startsAt: shifts.startsAt,
      })
      .from(shiftEvaluations)
      .innerJoin(shifts, eq(shifts.id, shiftEvaluations.shiftId))
      .innerJoin(opportunities, eq(opportunities.id, shiftEvaluations.opportunityId))
      .where(
        and(
          eq(shiftEvaluations.volunteerId, userId),
          eq(shiftEvaluations.orgId, orgId),
          eq(shiftEvaluations.direction, 'of_volunteer'),
        ),
      )
      .orderBy(desc(shifts.startsAt))
      .limit(limit)
  },

  /** Shifts the volunteer came to, newest first, with their own rating of the opportunity if any. */
  async attendedByVolunteer(userId: string, limit: number) {
    return db
      .select({
        shiftId: shifts.id,
        opportunityId: opportunities.id,
        opportunityTitle: opportunities.title,
        startsAt: shifts.startsAt,
        endsAt: shifts.endsAt,
        checkOutAt: attendance.checkOutAt,
        score: shiftEvaluations.score,
        comment: shiftEvaluations.comment,
        ratedAt: shiftEvaluations.updatedAt,
      })
      .from(attendance)
      .innerJoin(shifts, eq(shifts.id, attendance.shiftId))
      .innerJoin(opportunities, eq(opportunities.id, shifts.opportunityId))
      .leftJoin(
        shiftEvaluations,
        and(
          eq(shiftEvaluations.shiftId, attendance.shiftId),
          eq(shiftEvaluations.volunteerId, attendance.userId),
          eq(shiftEvaluations.direction, 'of_opportunity'),
        ),
      )
      .where(eq(attendance.userId, userId))
      .orderBy(desc(shifts.startsAt))
      .limit(limit)
  },
})
