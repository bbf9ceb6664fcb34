import { type DbOrTx, schema } from '@liandong/db'
import { and, asc, desc, eq, inArray, isNull, lte, ne, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'

const { supervisionRecords, workerQualifications, memberships, users, organizations } = schema
export type RecordRow = typeof supervisionRecords.$inferSelect
export type QualificationRow = typeof workerQualifications.$inferSelect
const supervisor = alias(users, 'supervisor')
const worker = alias(users, 'worker')

export const supervisionQueries = (db: DbOrTx) => ({
  async insertRecord(row: typeof supervisionRecords.$inferInsert) {
    const [created] = await db.insert(supervisionRecords).values(row).returning()
    return created!
  },
  records(where: { orgId?: string; workerId?: string }) {
    const conditions = [
      ...(where.orgId ? [eq(supervisionRecords.orgId, where.orgId)] : []),
      ...(where.workerId ? [eq(supervisionRecords.workerId, where.workerId)] : []),
    ]
    return db
      .select({
        record: supervisionRecords,
        supervisorName: supervisor.displayName,
        workerName: worker.displayName,
        orgName: organizations.name,
      })
      .from(supervisionRecords)
      .innerJoin(supervisor, eq(supervisor.id, supervisionRecords.supervisorId))
      .innerJoin(worker, eq(worker.id, supervisionRecords.workerId))
      .innerJoin(organizations, eq(organizations.id, supervisionRecords.orgId))
      .where(and(...conditions))
      .orderBy(desc(supervisionRecords.heldOn), desc(supervisionRecords.id))
      .limit(500)
  },
  async acknowledge(id: string, workerId: string, at: Date) {
    const [row] = await db
      .update(supervisionRecords)
      .set({ acknowledgedAt: at })
      .where(
        and(
          eq(supervisionRecords.id, id),
          eq(supervisionRecords.workerId, workerId),
          isNull(supervisionRecords.acknowledgedAt),
        ),
      )
      .returning()
    return row ?? null
  },
  async recordById(id: string) {
    const [row] = await db.select().from(supervisionRecords).where(eq(supervisionRecords.id, id))
    return row ?? null
  },

  /** Staff of an organization (every role but the auditor's), for the supervisor's pages. */
  staff(orgId: string) {
    return db
      .select({ userId: memberships.userId, role: memberships.role, name: users.displayName })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, orgId), ne(memberships.role, 'auditor')))
      .orderBy(asc(users.displayName))
  },
  async membership(orgId: string, userId: string) {
    const [row] = await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    return row ?? null
  },

  async insertQualification(row: typeof workerQualifications.$inferInsert) {
    const [created] = await db.insert(workerQualifications).values(row).returning()
    return created!
  },
  async qualification(id: string) {
    const [row] = await db.select().from(workerQualifications).where(eq(workerQualifications.id, id))
    return row ?? null
  },
  async updateQualification(id: string, values: Partial<typeof workerQualifications.$inferInsert>) {
    const [row] = await db
      .update(workerQualifications)
      .set(values)
      .where(eq(workerQualifications.id, id))
      .returning()
    return row ?? null
  },
  qualifications(where: { orgId?: string; userIds?: string[] }) {
    const conditions = [
      ...(where.orgId ? [eq(workerQualifications.orgId, where.orgId)] : []),
      ...(where.userIds
        ? [where.userIds.length ? inArray(workerQualifications.userId, where.userIds) : sql`false`]
        : []),
    ]
    return db
      .select({ qualification: workerQualifications, orgName: organizations.name })
      .from(workerQualifications)
      .innerJoin(organizations, eq(organizations.id, workerQualifications.orgId))
      .where(and(...conditions))
      .orderBy(asc(workerQualifications.expiresOn), asc(workerQualifications.id))
  },

  /** Expiring on or before `until` (YYYY-MM-DD) and not yet reminded. */
  expiringUnreminded(until: string, limit: number) {
    return db
      .select()
      .from(workerQualifications)
      .where(and(lte(workerQualifications.expiresOn, until), isNull(workerQualifications.remindedAt)))
      .orderBy(asc(workerQualifications.expiresOn))
      .limit(limit)
  },
  async claimReminder(id: string, at: Date) {
    const [row] = await db
      .update(workerQualifications)
      .set({ remindedAt: at })
      .where(and(eq(workerQualifications.id, id), isNull(workerQualifications.remindedAt)))
      .returning()
    return row ?? null
  },
})
