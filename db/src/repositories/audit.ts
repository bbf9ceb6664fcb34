import { and, count, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { users } from '../schema/accounts.ts'
import { type AuditResult, auditLog } from '../schema/audit.ts'
import { organizations } from '../schema/organizations.ts'

export type AuditEntry = typeof auditLog.$inferSelect
export type AuditRow = AuditEntry & { actorName: string | null; orgName: string | null }
export type NewAuditEntry = typeof auditLog.$inferInsert

export interface AuditFilter {
  orgIds?: string[]
  actorId?: string
  orgId?: string
  action?: string
  result?: AuditResult
  targetId?: string
  from?: Date
  to?: Date
  limit: number
  offset: number
}

export const auditRepo = (db: DbOrTx) => ({
  async append(entry: NewAuditEntry): Promise<void> {
    await db.insert(auditLog).values(entry)
  },
  /** Rows with the actor's display name and the organization's name, for the auditor's page. */
  async list(filter: AuditFilter): Promise<{ items: AuditRow[]; total: number }> {
    const where: SQL[] = []
    if (filter.orgIds) where.push(filter.orgIds.length ? inArray(auditLog.orgId, filter.orgIds) : sql`false`)
    if (filter.actorId) where.push(eq(auditLog.actorId, filter.actorId))
    if (filter.orgId) where.push(eq(auditLog.orgId, filter.orgId))
    if (filter.action) where.push(eq(auditLog.action, filter.action))
    if (filter.result) where.push(eq(auditLog.result, filter.result))
    if (filter.targetId) where.push(eq(auditLog.targetId, filter.targetId))
    if (filter.from) where.push(gte(auditLog.at, filter.from))
    if (filter.to) where.push(lte(auditLog.at, filter.to))
    const condition = where.length ? and(...where) : undefined
    const [items, [totalRow]] = await Promise.all([
      db
        .select({ entry: auditLog, actorName: users.displayName, orgName: organizations.name })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .leftJoin(organizations, eq(organizations.id, auditLog.orgId))
        .where(condition)
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(filter.limit)
        .offset(filter.offset),
      db.select({ n: count() }).from(auditLog).where(condition),
    ])
    return {
      items: items.map((r) => ({ ...r.entry, actorName: r.actorName, orgName: r.orgName })),
      total: totalRow?.n ?? 0,
    }
  },
})
