import { and, asc, desc, eq, gte, like, lte, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { certificates } from '../schema/certificates.ts'
import { organizations } from '../schema/organizations.ts'
import { serviceRecords } from '../schema/service-records.ts'

export type Certificate = typeof certificates.$inferSelect
export type NewCertificate = typeof certificates.$inferInsert
export type CertificateStatus = Certificate['status']

/** Approved records of one volunteer with one organization in a period: what a certificate covers. */
const covered = (userId: string, orgId: string, from: string, to: string) =>
  and(
    eq(serviceRecords.userId, userId),
    eq(serviceRecords.orgId, orgId),
    eq(serviceRecords.status, 'approved'),
    gte(serviceRecords.serviceDate, from),
    lte(serviceRecords.serviceDate, to),
  )

export const certificatesRepo = (db: DbOrTx) => ({
  async insert(values: NewCertificate): Promise<Certificate> {
    const [row] = await db.insert(certificates).values(values).returning()
    return row!
  },
  async findById(id: string): Promise<Certificate | undefined> {
    const [row] = await db.select().from(certificates).where(eq(certificates.id, id))
    return row
  },
  async lock(id: string): Promise<Certificate | undefined> {
    const [row] = await db.select().from(certificates).where(eq(certificates.id, id)).for('update')
    return row
  },
  async update(id: string, values: Partial<NewCertificate>): Promise<Certificate> {
    const [row] = await db.update(certificates).set(values).where(eq(certificates.id, id)).returning()
    return row!
  },
  async findByNumber(number: string): Promise<Certificate | undefined> {
    const [row] = await db.select().from(certificates).where(eq(certificates.number, number))
    return row
  },
  /** An open request of the same volunteer to the same organization for the same period. */
  async findOpenRequest(userId: string, orgId: string, from: string, to: string) {
    const [row] = await db
      .select()
      .from(certificates)
      .where(
        and(
          eq(certificates.userId, userId),
          eq(certificates.orgId, orgId),
          eq(certificates.periodFrom, from),
          eq(certificates.periodTo, to),
          eq(certificates.status, 'requested'),
        ),
      )
    return row
  },
  async list(filter: {
    userId?: string
    orgId?: string
    status?: CertificateStatus
    limit: number
    offset: number
  }) {
    const where = and(
      filter.userId ? eq(certificates.userId, filter.userId) : undefined,
      filter.orgId ? eq(certificates.orgId, filter.orgId) : undefined,
      filter.status ? eq(certificates.status, filter.status) : undefined,
    )
    const [items, [total]] = await Promise.all([
      db
        .select({ certificate: certificates, orgName: organizations.name })
        .from(certificates)
        .innerJoin(organizations, eq(organizations.id, certificates.orgId))
        .where(where)
        .orderBy(desc(certificates.createdAt), desc(certificates.id))
        .limit(filter.limit)
        .offset(filter.offset),
      db.select({ n: sql<number>`count(*)::int` }).from(certificates).where(where),
    ])
    return { items, total: Number(total?.n ?? 0) }
  },

  /** Approved minutes and records of the volunteer with the organization in the period. */
  async coveredTotals(userId: string, orgId: string, from: string, to: string) {
    const [row] = await db
      .select({
        minutes: sql<number>`coalesce(sum(${serviceRecords.minutes}), 0)::int`,
        records: sql<number>`count(*)::int`,
      })
      .from(serviceRecords)
      .where(covered(userId, orgId, from, to))
    return { minutes: Number(row?.minutes ?? 0), records: Number(row?.records ?? 0) }
  },
  /** The activities of those records, for the certificate's content line, most served first. */
  async coveredActivities(userId: string, orgId: string, from: string, to: string) {
    const rows = await db
      .select({
        activityName: serviceRecords.activityName,
        minutes: sql<number>`sum(${serviceRecords.minutes})::int`,
        records: sql<number>`count(*)::int`,
      })
      .from(serviceRecords)
      .where(covered(userId, orgId, from, to))
      .groupBy(serviceRecords.activityName)
      .orderBy(desc(sql`sum(${serviceRecords.minutes})`), asc(serviceRecords.activityName))
    return rows.map((r) => ({ ...r, minutes: Number(r.minutes), records: Number(r.records) }))
  },
  /** Organizations that approved some of the volunteer's service, with the span and total. */
  async organizersOf(userId: string) {
    const rows = await db
      .select({
        orgId: serviceRecords.orgId,
        orgName: organizations.name,
        firstDate: sql<string>`min(${serviceRecords.serviceDate})::text`,
        lastDate: sql<string>`max(${serviceRecords.serviceDate})::text`,
        minutes: sql<number>`sum(${serviceRecords.minutes})::int`,
        records: sql<number>`count(*)::int`,
      })
      .from(serviceRecords)
      .innerJoin(organizations, eq(organizations.id, serviceRecords.orgId))
      .where(and(eq(serviceRecords.userId, userId), eq(serviceRecords.status, 'approved')))
      .groupBy(serviceRecords.orgId, organizations.name)
      .orderBy(desc(sql`max(${serviceRecords.serviceDate})`))
    return rows.map((r) => ({ ...r, minutes: Number(r.minutes), records: Number(r.records) }))
  },

  /** Serialises numbering per organization: the caller holds the lock until its transaction ends. */
  async lockOrganization(orgId: string) {
    const [row] = await db.select().from(organizations).where(eq(organizations.id, orgId)).for('update')
    return row
  },
  /** How many numbers already start with this prefix (revoked ones keep theirs). */
  async countNumbered(prefix: string): Promise<number> {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(certificates)
      .where(like(certificates.number, `${prefix}%`))
    return Number(row?.n ?? 0)
  },
})
