import { type DbOrTx, schema } from '@liandong/db'
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm'

const { incidents, incidentPeople, incidentLogEntries, emergencyPlans, emergencyDrills, recipients, users } =
  schema
export type IncidentRow = typeof incidents.$inferSelect
export type PlanRow = typeof emergencyPlans.$inferSelect
export type DrillRow = typeof emergencyDrills.$inferSelect

export const incidentQueries = (db: DbOrTx) => ({
  async insert(row: typeof incidents.$inferInsert) {
    const [created] = await db.insert(incidents).values(row).returning()
    return created!
  },
  async addPeople(rows: (typeof incidentPeople.$inferInsert)[]) {
    if (rows.length) await db.insert(incidentPeople).values(rows)
  },
  async addLog(row: typeof incidentLogEntries.$inferInsert) {
    const [created] = await db.insert(incidentLogEntries).values(row).returning()
    return created!
  },
  async byId(id: string) {
    const [row] = await db
      .select({ incident: incidents, reporterName: users.displayName })
      .from(incidents)
      .innerJoin(users, eq(users.id, incidents.reportedBy))
      .where(eq(incidents.id, id))
    return row ?? null
  },
  async list(orgIds: string[], status: IncidentRow['status'] | undefined, limit: number, offset: number) {
    const where: SQL[] = [orgIds.length ? inArray(incidents.orgId, orgIds) : sql`false`]
    if (status) where.push(eq(incidents.status, status))
    const condition = and(...where)
    const [items, [total]] = await Promise.all([
      db
        .select({ incident: incidents, reporterName: users.displayName })
        .from(incidents)
        .innerJoin(users, eq(users.id, incidents.reportedBy))
        .where(condition)
        .orderBy(sql`${incidents.status} = 'closed'`, desc(incidents.occurredAt), desc(incidents.id))
        .limit(limit)
        .offset(offset),
      db.select({ n: count() }).from(incidents).where(condition),
    ])
    return { items, total: total?.n ?? 0 }
  },
  /** People involved; a recipient as their mask and file number only. */
  async people(incidentId: string) {
    return db
      .select({
        id: incidentPeople.id,
        role: incidentPeople.role,
        recipientId: incidentPeople.recipientId,
        recipientMask: recipients.nameMasked,
        recipientCode: recipients.code,
        userId: incidentPeople.userId,
        userName: users.displayName,
        note: incidentPeople.note,
      })
      .from(incidentPeople)
      .leftJoin(recipients, eq(recipients.id, incidentPeople.recipientId))
      .leftJoin(users, eq(users.id, incidentPeople.userId))
      .where(eq(incidentPeople.incidentId, incidentId))
      .orderBy(asc(incidentPeople.id))
  },
  async log(incidentId: string) {
    return db
      .select({ entry: incidentLogEntries, actorName: users.displayName })
      .from(incidentLogEntries)
      .innerJoin(users, eq(users.id, incidentLogEntries.actorId))
      .where(eq(incidentLogEntries.incidentId, incidentId))
      .orderBy(asc(incidentLogEntries.at), asc(incidentLogEntries.id))
  },
  async close(id: string, values: Partial<typeof incidents.$inferInsert>) {
    const [row] = await db
      .update(incidents)
      .set({ ...values, status: 'closed' })
      .where(and(eq(incidents.id, id), eq(incidents.status, 'open')))
      .returning()
    return row ?? null
  },
  async recipientsOf(orgId: string, ids: string[]) {
    if (!ids.length) return []
    return db
      .select({ id: recipients.id })
      .from(recipients)
      .where(and(eq(recipients.orgId, orgId), inArray(recipients.id, ids)))
  },
  async membersOf(orgId: string, ids: string[]) {
    if (!ids.length) return []
    return db
      .select({ id: schema.memberships.userId })
      .from(schema.memberships)
      .where(and(eq(schema.memberships.orgId, orgId), inArray(schema.memberships.userId, ids)))
  },

  plans: (orgId: string) =>
    db
      .select()
      .from(emergencyPlans)
      .where(eq(emergencyPlans.orgId, orgId))
      .orderBy(asc(emergencyPlans.title)),
  async plan(id: string) {
    const [row] = await db.select().from(emergencyPlans).where(eq(emergencyPlans.id, id))
    return row ?? null
  },
  async insertPlan(row: typeof emergencyPlans.$inferInsert) {
    const [created] = await db.insert(emergencyPlans).values(row).returning()
    return created!
  },
  async updatePlan(id: string, values: Partial<typeof emergencyPlans.$inferInsert>) {
    const [row] = await db
      .update(emergencyPlans)
      .set({ ...values, version: sql`${emergencyPlans.version} + 1` })
      .where(eq(emergencyPlans.id, id))
      .returning()
    return row ?? null
  },
  drills: (orgId: string) =>
    db
      .select()
      .from(emergencyDrills)
      .where(eq(emergencyDrills.orgId, orgId))
      .orderBy(desc(emergencyDrills.heldOn), desc(emergencyDrills.id)),
  async insertDrill(row: typeof emergencyDrills.$inferInsert) {
    const [created] = await db.insert(emergencyDrills).values(row).returning()
    return created!
  },
})
