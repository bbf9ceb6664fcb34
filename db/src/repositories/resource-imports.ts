import { and, count, desc, eq, lt } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { resourceImports } from '../schema/referrals.ts'

export type ResourceImport = typeof resourceImports.$inferSelect
export type NewResourceImport = typeof resourceImports.$inferInsert

/** Import runs of resource files (CSV, XLSX, HSDS): progress while running, errors by row and field. */
export const resourceImportsRepo = (db: DbOrTx) => ({
  async create(values: NewResourceImport): Promise<ResourceImport> {
    const [row] = await db.insert(resourceImports).values(values).returning()
    return row!
  },
  async update(id: string, values: Partial<NewResourceImport>): Promise<ResourceImport | undefined> {
    const [row] = await db.update(resourceImports).set(values).where(eq(resourceImports.id, id)).returning()
    return row
  },
  async findById(id: string): Promise<ResourceImport | undefined> {
    const [row] = await db.select().from(resourceImports).where(eq(resourceImports.id, id))
    return row
  },
  /**
   * Marks runs still "running" that started before `startedBefore` as failed: their process died
   * mid-run (an import is one transaction, so nothing of theirs was written).
   */
  async failInterrupted(startedBefore: Date, now: Date): Promise<ResourceImport[]> {
    return db
      .update(resourceImports)
      .set({
        status: 'failed',
        imported: 0,
        finishedAt: now,
        errors: [{ row: 0, field: 'file', code: 'import.interrupted' }],
      })
      .where(and(eq(resourceImports.status, 'running'), lt(resourceImports.createdAt, startedBefore)))
      .returning()
  },
  async listForOrg(orgId: string, limit: number, offset: number) {
    const where = eq(resourceImports.orgId, orgId)
    const [items, [total]] = await Promise.all([
      db
        .select()
        .from(resourceImports)
        .where(where)
        .orderBy(desc(resourceImports.createdAt))
        .limit(limit)
        .offset(offset),
      db.select({ n: count() }).from(resourceImports).where(where),
    ])
    return { items, total: total?.n ?? 0 }
  },
})
