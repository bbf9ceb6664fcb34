import { type Database, type DbOrTx, type Job, jobsRepo } from '@liandong/db'
import { sql } from 'drizzle-orm'
import type { Clock } from '../context.ts'
import type { EnqueueOptions, JobHandler } from './types.ts'

/** The channel workers LISTEN on, so an enqueue wakes one without waiting for the next poll. */
export const JOBS_CHANNEL = 'liandong_jobs'

/**
 * The job registry and the way in: modules register handlers by name and enqueue work. Enqueueing
 * is a row insert, so it can join the caller's transaction — the job exists only if the write
 * that asked for it commits.
 */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>()

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  register<P extends Record<string, unknown>>(name: string, handler: JobHandler<P>): void {
    if (this.handlers.has(name)) throw new Error(`job handler "${name}" is already registered`)
    this.handlers.set(name, handler as unknown as JobHandler)
  }

  handler(name: string): JobHandler | undefined {
    return this.handlers.get(name)
  }

  /** Names this process can run; a worker claims only these. */
  get names(): string[] {
    return [...this.handlers.keys()]
  }

  /**
   * Adds a job; returns it, or undefined when its dedupe key is taken. Pass `tx` to enqueue inside
   * a transaction (the wake-up NOTIFY is then delivered on commit, like the row).
   */
  async enqueue(
    name: string,
    payload: Record<string, unknown> = {},
    options: EnqueueOptions = {},
    tx?: DbOrTx,
  ): Promise<Job | undefined> {
    const now = this.clock.now()
    const db = tx ?? this.database.db
    const job = await jobsRepo(db).enqueue({
      name,
      payload,
      runAt: options.runAt ?? now,
      dedupeKey: options.dedupeKey ?? null,
      maxAttempts: options.maxAttempts ?? 5,
    })
    if (job && job.runAt <= now) {
      if (tx) await tx.execute(sql`select pg_notify(${JOBS_CHANNEL}, ${name})`)
      else await this.database.notify(JOBS_CHANNEL, name)
    }
    return job
  }
}
