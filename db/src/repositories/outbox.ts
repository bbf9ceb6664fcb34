import { and, asc, count, eq, inArray, lte, min, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { outbox } from '../schema/jobs.ts'

export type OutboxOp = 'upsert' | 'delete'
export type OutboxRow = typeof outbox.$inferSelect

/** What the drain hands to the applier: one write to mirror into a search index. */
export interface OutboxEntry {
  seq: number
  indexName: string
  op: OutboxOp
  docId: string
  /** Failed attempts so far (0 on the first try). */
  attempts: number
}

/** The channel the drain LISTENs on, so a commit wakes it without waiting for the next poll. */
export const OUTBOX_CHANNEL = 'liandong_outbox'

/**
 * Records that a search document changed. Call it inside the transaction that writes the row, so
 * the index change commits (or rolls back) with the data. The NOTIFY is transactional too: the
 * drain wakes only once the write is visible.
 */
export async function enqueueOutbox(
  tx: DbOrTx,
  indexName: string,
  op: OutboxOp,
  docId: string,
): Promise<void> {
  await tx.insert(outbox).values({ indexName, op, docId })
  await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`)
}

const toEntry = (r: OutboxRow): OutboxEntry => ({
  seq: r.seq,
  indexName: r.indexName,
  op: r.op,
  docId: r.docId,
  attempts: r.attempts,
})

export const outboxRepo = (db: DbOrTx) => ({
  /**
   * Claims due work for up to `limit` documents, oldest first, and leases it until `leaseUntil`.
   *
   * Only a document's oldest row (its head) can be claimed, and claiming it takes every later row
   * of that document along. So while one drainer holds a document no other drainer can take any of
   * its rows — two processes never apply an old and a new version in the wrong order. Heads are
   * locked with FOR UPDATE SKIP LOCKED so concurrent drainers split the work without waiting.
   * A drainer that dies simply lets its lease run out.
   */
  async claim(limit: number, now: Date, leaseUntil: Date): Promise<OutboxEntry[]> {
    if (limit <= 0) return []
    const older = sql`select 1 from ${outbox} as o2 where o2.index_name = ${outbox.indexName} and o2.doc_id = ${outbox.docId} and o2.seq < ${outbox.seq}`
    const heads = db
      .select({ indexName: outbox.indexName, docId: outbox.docId })
      .from(outbox)
      .where(and(lte(outbox.nextAttemptAt, now), sql`not exists (${older})`))
      .orderBy(asc(outbox.seq))
      .limit(limit)
      .for('update', { skipLocked: true })
      .as('heads')
    const rows = await db
      .update(outbox)
      .set({ nextAttemptAt: leaseUntil })
      .from(heads)
      .where(and(eq(outbox.indexName, heads.indexName), eq(outbox.docId, heads.docId)))
      .returning()
    return rows.map(toEntry).sort((a, b) => a.seq - b.seq)
  },

  /** Deletes applied rows. */
  async complete(seqs: readonly number[]): Promise<number> {
    if (seqs.length === 0) return 0
    const rows = await db
      .delete(outbox)
      .where(inArray(outbox.seq, [...seqs]))
      .returning({ seq: outbox.seq })
    return rows.length
  },

  /** Hands rows back for a retry at `retryAt`, counting the failed attempt. */
  async fail(seqs: readonly number[], error: string, retryAt: Date): Promise<void> {
    if (seqs.length === 0) return
    await db
      .update(outbox)
      .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: retryAt, lastError: error.slice(0, 2000) })
      .where(inArray(outbox.seq, [...seqs]))
  },

  /** Pending rows and the creation time of the oldest, for /api/ready and the logs. */
  async lag(): Promise<{ pending: number; oldest: Date | null }> {
    const [row] = await db.select({ pending: count(), oldest: min(outbox.createdAt) }).from(outbox)
    return { pending: row?.pending ?? 0, oldest: row?.oldest ?? null }
  },
})

export type OutboxRepo = ReturnType<typeof outboxRepo>
