import { and, asc, count, eq, inArray, lt, lte, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { jobs } from '../schema/jobs.ts'

export type Job = typeof jobs.$inferSelect
export type JobStatus = Job['status']

export interface NewJob {
  name: string
  payload?: Record<string, unknown>
  runAt: Date
  /** Unique over every kept row (finished ones too, until purged): a second enqueue is a no-op. */
  dedupeKey?: string | null
  maxAttempts?: number
}

/**
 * Durable jobs. Every state change is one statement guarded by the worker's id, so a worker that
 * lost its lock (recovered as stale) cannot finish or fail a job another worker now holds.
 */
export const jobsRepo = (db: DbOrTx) => ({
  /** Inserts a job; returns undefined when a job with the same dedupe key already exists. */
  async enqueue(job: NewJob): Promise<Job | undefined> {
    const [row] = await db
      .insert(jobs)
      .values({
        name: job.name,
        payload: job.payload ?? {},
        runAt: job.runAt,
        dedupeKey: job.dedupeKey ?? null,
        maxAttempts: job.maxAttempts ?? 5,
      })
      .onConflictDoNothing({ target: jobs.dedupeKey })
      .returning()
    return row
  },

  /**
   * Claims up to `limit` due jobs among `names`, oldest first. FOR UPDATE SKIP LOCKED lets
   * several workers run this at once without waiting on, or taking, each other's rows.
   */
  async claim(workerId: string, names: readonly string[], limit: number, now: Date): Promise<Job[]> {
    if (names.length === 0 || limit <= 0) return []
    const due = db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.status, 'pending'), lte(jobs.runAt, now), inArray(jobs.name, [...names])))
      .orderBy(asc(jobs.runAt), asc(jobs.id))
      .limit(limit)
      .for('update', { skipLocked: true })
    return db
      .update(jobs)
      .set({ status: 'running', lockedBy: workerId, lockedAt: now, attempts: sql`${jobs.attempts} + 1` })
      .where(and(inArray(jobs.id, due), eq(jobs.status, 'pending')))
      .returning()
  },

  /** Marks a job done; false when this worker no longer holds it. */
  async complete(id: string, workerId: string, now: Date): Promise<boolean> {
    const rows = await db
      .update(jobs)
      .set({ status: 'done', finishedAt: now, lockedBy: null, lockedAt: null, lastError: null })
      .where(and(eq(jobs.id, id), eq(jobs.status, 'running'), eq(jobs.lockedBy, workerId)))
      .returning({ id: jobs.id })
    return rows.length > 0
  },

  /**
   * Records a failed attempt: back to pending at `retryAt`, or failed for good once attempts
   * reach max_attempts. Returns the row as it now stands, or undefined if the lock was lost.
   */
  async fail(
    id: string,
    workerId: string,
    error: string,
    retryAt: Date,
    now: Date,
  ): Promise<Job | undefined> {
    const exhausted = sql`${jobs.attempts} >= ${jobs.maxAttempts}`
    const [row] = await db
      .update(jobs)
      .set({
        status: sql`case when ${exhausted} then 'failed' else 'pending' end::job_status`,
        runAt: sql`case when ${exhausted} then ${jobs.runAt} else ${retryAt.toISOString()}::timestamptz end`,
        finishedAt: sql`case when ${exhausted} then ${now.toISOString()}::timestamptz else null end`,
        lastError: error.slice(0, 2000),
        lockedBy: null,
        lockedAt: null,
      })
      .where(and(eq(jobs.id, id), eq(jobs.status, 'running'), eq(jobs.lockedBy, workerId)))
      .returning()
    return row
  },

  /** A live worker extends its locks so long handlers are not mistaken for dead ones. */
  async touch(ids: readonly string[], workerId: string, now: Date): Promise<void> {
    if (ids.length === 0) return
    await db
      .update(jobs)
      .set({ lockedAt: now })
      .where(and(inArray(jobs.id, [...ids]), eq(jobs.status, 'running'), eq(jobs.lockedBy, workerId)))
  },

  /**
   * Jobs whose worker died (lock older than `lockedBefore`) go back to pending, or to failed when
   * the lost attempt was their last. Returns how many were recovered.
   */
  async recoverStale(lockedBefore: Date, now: Date): Promise<number> {
    const exhausted = sql`${jobs.attempts} >= ${jobs.maxAttempts}`
    const rows = await db
      .update(jobs)
      .set({
        status: sql`case when ${exhausted} then 'failed' else 'pending' end::job_status`,
        finishedAt: sql`case when ${exhausted} then ${now.toISOString()}::timestamptz else null end`,
        lastError: sql`'worker lost (lock expired'  || coalesce(' on ' || ${jobs.lockedBy}, '') || ')'`,
        lockedBy: null,
        lockedAt: null,
      })
      .where(and(eq(jobs.status, 'running'), lt(jobs.lockedAt, lockedBefore)))
      .returning({ id: jobs.id })
    return rows.length
  },

  async get(id: string): Promise<Job | undefined> {
    const [row] = await db.select().from(jobs).where(eq(jobs.id, id))
    return row
  },

  async findByDedupeKey(key: string): Promise<Job | undefined> {
    const [row] = await db.select().from(jobs).where(eq(jobs.dedupeKey, key))
    return row
  },

  async countByStatus(): Promise<Record<JobStatus, number>> {
    const rows = await db.select({ status: jobs.status, n: count() }).from(jobs).groupBy(jobs.status)
    const counts: Record<JobStatus, number> = { pending: 0, running: 0, done: 0, failed: 0 }
    for (const r of rows) counts[r.status] = r.n
    return counts
  },

  /** Retention: deletes finished jobs (done or failed) that ended before `before`. */
  async purgeFinished(before: Date): Promise<number> {
    const rows = await db
      .delete(jobs)
      .where(and(inArray(jobs.status, ['done', 'failed']), lt(jobs.finishedAt, before)))
      .returning({ id: jobs.id })
    return rows.length
  },
})

export type JobsRepo = ReturnType<typeof jobsRepo>
