import { and, count, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { type AuditResult, auditLog } from '../schema/audit.ts'

export type AuditEntry = typeof auditLog.$inferSelect
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
  async list(filter: AuditFilter): Promise<{ items: AuditEntry[]; total: number }> {
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
        .select()
        .from(auditLog)
        .where(condition)
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(filter.limit)
        .offset(filter.offset),
      db.select({ n: count() }).from(auditLog).where(condition),
    ])
    return { items, total: totalRow?.n ?? 0 }
  },
})
