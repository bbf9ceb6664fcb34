import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  inArray,
  isNotNull,
  isNull,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { organizations } from '../schema/organizations.ts'
import { courseModules, courses, enrolments } from '../schema/training.ts'

export type Course = typeof courses.$inferSelect
export type NewCourse = typeof courses.$inferInsert
export type CourseModule = typeof courseModules.$inferSelect
export type NewCourseModule = Omit<typeof courseModules.$inferInsert, 'courseId' | 'position'>
export type Enrolment = typeof enrolments.$inferSelect
export type CourseWithModules = Course & { modules: CourseModule[]; orgName: string }

export interface CourseListFilter {
  /** Published courses of any organization plus every course of these organizations. */
  orgIds: readonly string[]
  orgId?: string
  limit: number
  offset: number
}

export const trainingRepo = (db: DbOrTx) => ({
  async createCourse(values: NewCourse, modules: NewCourseModule[]): Promise<Course> {
    const [row] = await db.insert(courses).values(values).returning()
    if (modules.length)
      await db
        .insert(courseModules)
        .values(modules.map((m, position) => ({ ...m, courseId: row!.id, position })))
    return row!
  },
  async updateCourse(id: string, values: Partial<NewCourse>, modules?: NewCourseModule[]) {
    const [row] = await db.update(courses).set(values).where(eq(courses.id, id)).returning()
    if (row && modules) {
      await db.delete(courseModules).where(eq(courseModules.courseId, id))
      if (modules.length)
        await db
          .insert(courseModules)
          .values(modules.map((m, position) => ({ ...m, courseId: id, position })))
    }
    return row
  },
  async findCourse(id: string): Promise<CourseWithModules | undefined> {
    const [row] = await db
      .select({ course: courses, orgName: organizations.name })
      .from(courses)
      .innerJoin(organizations, eq(organizations.id, courses.orgId))
      .where(eq(courses.id, id))
    if (!row) return undefined
    const modules = await db
      .select()
      .from(courseModules)
      .where(eq(courseModules.courseId, id))
      .orderBy(asc(courseModules.position))
    return { ...row.course, orgName: row.orgName, modules }
  },
  async findCourses(ids: readonly string[]): Promise<Course[]> {
    if (ids.length === 0) return []
    return db
      .select()
      .from(courses)
      .where(inArray(courses.id, [...ids]))
  },
  async listCourses(filter: CourseListFilter) {
    const visible = filter.orgIds.length
      ? or(eq(courses.published, true), inArray(courses.orgId, [...filter.orgIds]))
      : eq(courses.published, true)
    const where: SQL[] = [visible!]
    if (filter.orgId) where.push(eq(courses.orgId, filter.orgId))
    const condition = and(...where)
    const [items, [total]] = await Promise.all([
      db
        .select({ course: courses, orgName: organizations.name })
        .from(courses)
        .innerJoin(organizations, eq(organizations.id, courses.orgId))
        .where(condition)
        .orderBy(desc(courses.createdAt))
        .limit(filter.limit)
        .offset(filter.offset),
      db.select({ n: count() }).from(courses).where(condition),
    ])
    return { items: items.map((r) => ({ ...r.course, orgName: r.orgName })), total: total?.n ?? 0 }
  },
  async findEnrolment(courseId: string, userId: string): Promise<Enrolment | undefined> {
    const [row] = await db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.courseId, courseId), eq(enrolments.userId, userId)))
    return row
  },
  /** Enrols once; enrolling again returns the existing row. */
  async enrol(courseId: string, userId: string): Promise<Enrolment> {
    await db.insert(enrolments).values({ courseId, userId }).onConflictDoNothing()
    const [row] = await db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.courseId, courseId), eq(enrolments.userId, userId)))
    return row!
  },
  async updateEnrolment(id: string, values: Partial<typeof enrolments.$inferInsert>) {
    const [row] = await db.update(enrolments).set(values).where(eq(enrolments.id, id)).returning()
    return row
  },
  async enrolmentsOfUser(userId: string) {
    return db
      .select({ enrolment: enrolments, course: courses, orgName: organizations.name })
      .from(enrolments)
      .innerJoin(courses, eq(courses.id, enrolments.courseId))
      .innerJoin(organizations, eq(organizations.id, courses.orgId))
      .where(eq(enrolments.userId, userId))
      .orderBy(desc(enrolments.createdAt))
  },
  async enrolmentsOfCourse(courseId: string, limit: number, offset: number) {
    const where = eq(enrolments.courseId, courseId)
    const [items, [total]] = await Promise.all([
      db
        .select()
        .from(enrolments)
        .where(where)
        .orderBy(asc(enrolments.createdAt))
        .limit(limit)
        .offset(offset),
      db.select({ n: count() }).from(enrolments).where(where),
    ])
    return { items, total: total?.n ?? 0 }
  },
  /**
   * Completions of these courses valid at `at` (completed, and not expired by then). A completion
   * made after `at` still counts: a volunteer may train before the shift they signed up for.
   */
  async validCompletions(userId: string, courseIds: readonly string[], at: Date): Promise<Enrolment[]> {
    if (courseIds.length === 0) return []
    return db
      .select()
      .from(enrolments)
      .where(
        and(
          eq(enrolments.userId, userId),
          inArray(enrolments.courseId, [...courseIds]),
          eq(enrolments.status, 'completed'),
          or(isNull(enrolments.expiresAt), gt(enrolments.expiresAt, at)),
        ),
      )
  },
  /** Sum of minutes of the user's completed courses — training time, apart from service hours. */
  async trainingMinutes(userId: string): Promise<number> {
    const [row] = await db
      .select({ n: sql<number>`coalesce(sum(${courses.minutes}), 0)::int` })
      .from(enrolments)
      .innerJoin(courses, eq(courses.id, enrolments.courseId))
      .where(and(eq(enrolments.userId, userId), isNotNull(enrolments.completedAt)))
    return row?.n ?? 0
  },
  /** Completions expiring by `before` whose holder has not been reminded yet. */
  async expiringUnreminded(now: Date, before: Date, limit: number) {
    return db
      .select({ enrolment: enrolments, courseTitle: courses.title })
      .from(enrolments)
      .innerJoin(courses, eq(courses.id, enrolments.courseId))
      .where(
        and(
          eq(enrolments.status, 'completed'),
          isNull(enrolments.reminderSentAt),
          gt(enrolments.expiresAt, now),
          lte(enrolments.expiresAt, before),
        ),
      )
      .orderBy(asc(enrolments.expiresAt))
      .limit(limit)
  },
  /** Claims the reminder for one enrolment; false when another worker already sent it. */
  async markReminded(id: string, at: Date): Promise<boolean> {
    const rows = await db
      .update(enrolments)
      .set({ reminderSentAt: at })
      .where(and(eq(enrolments.id, id), isNull(enrolments.reminderSentAt)))
      .returning({ id: enrolments.id })
    return rows.length > 0
  },
})
