import { and, count, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { users } from '../schema/accounts.ts'
import { type AuditResult, auditChainHead, auditLog } from '../schema/audit.ts'
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

/** The hash a chain starts from (the `prev_hash` of row 1). */
export const AUDIT_GENESIS_HASH = '0'.repeat(64)

export type AuditChainBreak =
  /** The row's stored hash is not the hash of its content: the row was changed. */
  | 'content_changed'
  /** The row does not point at the hash of the row before it: a row before it was changed or forged. */
  | 'link_broken'
  /** A sequence number is missing before this row: a row was deleted. */
  | 'row_missing'
  /** The row has no place in the chain (inserted with the chain trigger disabled). */
  | 'unchained'
  /** The chain ends before the head says it does: rows were deleted from the end. */
  | 'tail_missing'

export interface AuditChainReport {
  ok: boolean
  /** Rows checked. */
  rows: number
  head: { seq: number; hash: string } | null
  broken?: { id: string | null; seq: number | null; reason: AuditChainBreak }
}

/**
 * Walks the audit trail in chain order and recomputes every hash in the database (the same
 * `audit_log_row_hash` the insert trigger uses, so the canonical form has one definition).
 * Stops at the first broken link. Keyset pages keep memory flat however long the trail is.
 */
export async function verifyAuditChain(
  db: DbOrTx,
  options: { batch?: number; onProgress?: (checked: number, total: number) => void } = {},
): Promise<AuditChainReport> {
  const batch = options.batch ?? 2000
  const [head] = await db.select().from(auditChainHead).where(eq(auditChainHead.id, 1))
  const headInfo = head ? { seq: head.seq, hash: head.hash } : null
  const [unchained] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(sql`${auditLog.seq} is null or ${auditLog.hash} is null or ${auditLog.prevHash} is null`)
    .limit(1)
  if (unchained)
    return {
      ok: false,
      rows: 0,
      head: headInfo,
      broken: { id: unchained.id, seq: null, reason: 'unchained' },
    }
  const total = headInfo?.seq ?? 0
  let expectedSeq = 1
  let expectedPrev = AUDIT_GENESIS_HASH
  let rows = 0
  for (;;) {
    const page = await db
      .select({
        id: auditLog.id,
        seq: auditLog.seq,
        prevHash: auditLog.prevHash,
        hash: auditLog.hash,
        recomputed: sql<string>`audit_log_row_hash(${auditLog})`,
      })
      .from(auditLog)
      .where(sql`${auditLog.seq} >= ${expectedSeq}`)
      .orderBy(auditLog.seq)
      .limit(batch)
    for (const row of page) {
      const at = { id: row.id, seq: row.seq }
      if (row.seq !== expectedSeq)
        return { ok: false, rows, head: headInfo, broken: { ...at, reason: 'row_missing' } }
      if (row.prevHash !== expectedPrev)
        return { ok: false, rows, head: headInfo, broken: { ...at, reason: 'link_broken' } }
      if (row.recomputed !== row.hash)
        return { ok: false, rows, head: headInfo, broken: { ...at, reason: 'content_changed' } }
      expectedPrev = row.hash
      expectedSeq++
      rows++
    }
    options.onProgress?.(rows, total)
    if (page.length < batch) break
  }
  if (!headInfo || headInfo.seq !== rows || headInfo.hash !== expectedPrev)
    return {
      ok: false,
      rows,
      head: headInfo,
      broken: { id: head?.lastId ?? null, seq: headInfo?.seq ?? null, reason: 'tail_missing' },
    }
  return { ok: true, rows, head: headInfo }
}
