import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { users } from '../schema/accounts.ts'
import { attendance } from '../schema/opportunities.ts'
import { serviceRecordCorrections, serviceRecordHistory, serviceRecords } from '../schema/service-records.ts'
import type { ServiceRecordStatus } from '../schema/taxonomies.ts'
import { volunteerProfiles } from '../schema/volunteers.ts'

export type ServiceRecord = typeof serviceRecords.$inferSelect
export type NewServiceRecord = typeof serviceRecords.$inferInsert
export type ServiceRecordCorrection = typeof serviceRecordCorrections.$inferSelect
export type ServiceRecordHistoryEntry = typeof serviceRecordHistory.$inferSelect

export interface ServiceRecordFilter {
  userId?: string
  orgId?: string
  status?: ServiceRecordStatus
  limit: number
  offset: number
}

export const serviceRecordsRepo = (db: DbOrTx) => ({
  /** Inserts unless the attendance already has its record (a repeated check-out); then undefined. */
  async insert(values: NewServiceRecord): Promise<ServiceRecord | undefined> {
    const [row] = await db
      .insert(serviceRecords)
      .values(values)
      .onConflictDoNothing({ target: serviceRecords.attendanceId })
      .returning()
    return row
  },
  async findById(id: string): Promise<ServiceRecord | undefined> {
    const [row] = await db.select().from(serviceRecords).where(eq(serviceRecords.id, id))
    return row
  },
  async lock(id: string): Promise<ServiceRecord | undefined> {
    const [row] = await db.select().from(serviceRecords).where(eq(serviceRecords.id, id)).for('update')
    return row
  },
  async findByAttendance(attendanceId: string): Promise<ServiceRecord | undefined> {
    const [row] = await db.select().from(serviceRecords).where(eq(serviceRecords.attendanceId, attendanceId))
    return row
  },
  async update(id: string, values: Partial<NewServiceRecord>): Promise<ServiceRecord> {
    const [row] = await db.update(serviceRecords).set(values).where(eq(serviceRecords.id, id)).returning()
    return row!
  },
  async list(filter: ServiceRecordFilter) {
    const where = and(
      filter.userId ? eq(serviceRecords.userId, filter.userId) : undefined,
      filter.orgId ? eq(serviceRecords.orgId, filter.orgId) : undefined,
      filter.status ? eq(serviceRecords.status, filter.status) : undefined,
    )
    const [items, [total]] = await Promise.all([
      db
        .select({
          record: serviceRecords,
          volunteerName: sql<string>`coalesce(${volunteerProfiles.realName}, ${users.displayName})`,
          autoClosed: attendance.autoClosed,
        })
        .from(serviceRecords)
        .innerJoin(users, eq(users.id, serviceRecords.userId))
        .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, serviceRecords.userId))
        .leftJoin(attendance, eq(attendance.id, serviceRecords.attendanceId))
        .where(where)
        .orderBy(desc(serviceRecords.serviceDate), desc(serviceRecords.id))
        .limit(filter.limit)
        .offset(filter.offset),
      db.select({ n: sql<number>`count(*)::int` }).from(serviceRecords).where(where),
    ])
    return { items, total: Number(total?.n ?? 0) }
  },
  async findMany(ids: readonly string[]): Promise<ServiceRecord[]> {
    if (ids.length === 0) return []
    return db
      .select()
      .from(serviceRecords)
      .where(inArray(serviceRecords.id, [...ids]))
      .for('update')
  },
  /** Approved minutes and records only: unapproved hours never count. */
  async approvedTotals(userId: string): Promise<{ minutes: number; shifts: number; records: number }> {
    const [row] = await db
      .select({
        minutes: sql<number>`coalesce(sum(${serviceRecords.minutes}), 0)::int`,
        shifts: sql<number>`count(*) filter (where ${serviceRecords.source} = 'attendance')::int`,
        records: sql<number>`count(*)::int`,
      })
      .from(serviceRecords)
      .where(and(eq(serviceRecords.userId, userId), eq(serviceRecords.status, 'approved')))
    return {
      minutes: Number(row?.minutes ?? 0),
      shifts: Number(row?.shifts ?? 0),
      records: Number(row?.records ?? 0),
    }
  },
  async pendingMinutes(userId: string): Promise<number> {
    const [row] = await db
      .select({ minutes: sql<number>`coalesce(sum(${serviceRecords.minutes}), 0)::int` })
      .from(serviceRecords)
      .where(and(eq(serviceRecords.userId, userId), eq(serviceRecords.status, 'pending')))
    return Number(row?.minutes ?? 0)
  },

  async addHistory(values: typeof serviceRecordHistory.$inferInsert): Promise<void> {
    await db.insert(serviceRecordHistory).values(values)
  },
  async history(recordId: string): Promise<ServiceRecordHistoryEntry[]> {
    return db
      .select()
      .from(serviceRecordHistory)
      .where(eq(serviceRecordHistory.recordId, recordId))
      .orderBy(serviceRecordHistory.at, serviceRecordHistory.id)
  },

  async insertCorrection(
    values: typeof serviceRecordCorrections.$inferInsert,
  ): Promise<ServiceRecordCorrection> {
    const [row] = await db.insert(serviceRecordCorrections).values(values).returning()
    return row!
  },
  async lockCorrection(id: string): Promise<ServiceRecordCorrection | undefined> {
    const [row] = await db
      .select()
      .from(serviceRecordCorrections)
      .where(eq(serviceRecordCorrections.id, id))
      .for('update')
    return row
  },
  async findCorrection(id: string): Promise<ServiceRecordCorrection | undefined> {
    const [row] = await db.select().from(serviceRecordCorrections).where(eq(serviceRecordCorrections.id, id))
    return row
  },
  async pendingCorrection(recordId: string): Promise<ServiceRecordCorrection | undefined> {
    const [row] = await db
      .select()
      .from(serviceRecordCorrections)
      .where(
        and(eq(serviceRecordCorrections.recordId, recordId), eq(serviceRecordCorrections.status, 'pending')),
      )
    return row
  },
  async updateCorrection(
    id: string,
    values: Partial<typeof serviceRecordCorrections.$inferInsert>,
  ): Promise<ServiceRecordCorrection> {
    const [row] = await db
      .update(serviceRecordCorrections)
      .set(values)
      .where(eq(serviceRecordCorrections.id, id))
      .returning()
    return row!
  },
  async correctionsForOrg(orgId: string, status: 'pending' | 'approved' | 'rejected') {
    return db
      .select({ correction: serviceRecordCorrections })
      .from(serviceRecordCorrections)
      .innerJoin(serviceRecords, eq(serviceRecords.id, serviceRecordCorrections.recordId))
      .where(and(eq(serviceRecords.orgId, orgId), eq(serviceRecordCorrections.status, status)))
      .orderBy(serviceRecordCorrections.createdAt)
      .then((rows) => rows.map((r) => r.correction))
  },
})
