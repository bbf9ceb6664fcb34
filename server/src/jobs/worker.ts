import { hostname } from 'node:os'
import { type Database, type Job, jobsRepo } from '@liandong/db'
import { uuidv7 } from 'uuidv7'
import type { Clock } from '../context.ts'
import { type BackoffOptions, backoffMs } from './backoff.ts'
import { JOBS_CHANNEL, type JobQueue } from './queue.ts'
import type { Logger } from './types.ts'
import { Waker } from './waker.ts'

export interface WorkerOptions {
  database: Database
  queue: JobQueue
  clock: Clock
  log: Logger
  /** Unique per worker; recorded in locked_by. */
  id?: string
  /** Jobs run at once by this worker. */
  concurrency?: number
  /** Longest sleep between claims when no NOTIFY arrives. */
  pollMs?: number
  /** A running job whose lock is older than this is taken to belong to a dead worker. */
  lockTimeoutMs?: number
  backoff?: BackoffOptions
}

interface Running {
  promise: Promise<void>
  abort: AbortController
}

/**
 * Claims due jobs with FOR UPDATE SKIP LOCKED and runs their handlers. Any number of workers, in
 * one process or many, share the queue: a row is claimed by one of them only. While a job runs
 * its lock is refreshed, so only a worker that died (or froze) loses its jobs to recovery.
 */
export class JobWorker {
  readonly id: string
  private readonly repo
  private readonly concurrency: number
  private readonly pollMs: number
  private readonly lockTimeoutMs: number
  private readonly running = new Map<string, Running>()
  private readonly waker = new Waker()
  private active = false
  private loop: Promise<void> | null = null
  private maintenance: NodeJS.Timeout | null = null
  private unlisten: (() => Promise<void>) | null = null

  constructor(private readonly options: WorkerOptions) {
    this.id = options.id ?? `${hostname()}:${process.pid}:${uuidv7().slice(-12)}`
    this.repo = jobsRepo(options.database.db)
    this.concurrency = options.concurrency ?? 4
    this.pollMs = options.pollMs ?? 1_000
    this.lockTimeoutMs = options.lockTimeoutMs ?? 5 * 60_000
  }

  get isRunning(): boolean {
    return this.active
  }

  async start(): Promise<void> {
    if (this.active) return
    this.active = true
    this.unlisten = await this.options.database.listen(JOBS_CHANNEL, () => this.waker.wake())
    await this.maintain()
    // Refresh our locks well within the timeout, and recover other workers' stale ones.
    const every = Math.max(1_000, Math.floor(this.lockTimeoutMs / 3))
    this.maintenance = setInterval(() => void this.maintain(), every)
    this.maintenance.unref()
    this.loop = this.run()
  }

  /**
   * Stops claiming, then waits for running handlers up to `timeoutMs`. Handlers still running
   * after that are told to abort; their jobs stay locked and are recovered after the lock timeout.
   */
  async stop(timeoutMs = 8_000): Promise<void> {
    if (!this.active) return
    this.active = false
    if (this.maintenance) clearInterval(this.maintenance)
    this.waker.wake()
    await this.loop
    const all = Promise.allSettled([...this.running.values()].map((r) => r.promise))
    let timer: NodeJS.Timeout | undefined
    const timedOut = await Promise.race([
      all.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), timeoutMs)
      }),
    ])
    clearTimeout(timer)
    if (timedOut) {
      this.options.log.warn({ worker: this.id, jobs: [...this.running.keys()] }, 'jobs still running at stop')
      for (const r of this.running.values()) r.abort.abort()
    }
    await this.unlisten?.().catch(() => {})
    this.unlisten = null
  }

  /** Runs one maintenance pass now: refresh own locks, recover stale ones. */
  async maintain(): Promise<number> {
    const now = this.options.clock.now()
    try {
      await this.repo.touch([...this.running.keys()], this.id, now)
      const recovered = await this.repo.recoverStale(new Date(now.getTime() - this.lockTimeoutMs), now)
      if (recovered > 0) {
        this.options.log.warn({ worker: this.id, recovered }, 'recovered jobs from a lost worker')
        this.waker.wake()
      }
      return recovered
    } catch (error) {
      this.options.log.error({ err: error, worker: this.id }, 'job maintenance failed')
      return 0
    }
  }

  private async run(): Promise<void> {
    while (this.active) {
      const free = this.concurrency - this.running.size
      if (free > 0) {
        try {
          const claimed = await this.repo.claim(
            this.id,
            this.options.queue.names,
            free,
            this.options.clock.now(),
          )
          // When a job finishes it wakes the loop, so a full batch is followed by the next claim.
          for (const job of claimed) this.execute(job)
        } catch (error) {
          this.options.log.error({ err: error, worker: this.id }, 'claiming jobs failed')
        }
      }
      if (this.active) await this.waker.wait(this.pollMs)
    }
  }

  private execute(job: Job): void {
    const abort = new AbortController()
    const promise = this.attempt(job, abort.signal).finally(() => {
      this.running.delete(job.id)
      this.waker.wake()
    })
    this.running.set(job.id, { promise, abort })
  }

  private async attempt(job: Job, signal: AbortSignal): Promise<void> {
    const { clock, log, queue } = this.options
    const context = { job: job.id, name: job.name, attempt: job.attempts, worker: this.id }
    try {
      const handler = queue.handler(job.name)
      if (!handler) throw new Error(`no handler registered for "${job.name}"`)
      await handler({
        id: job.id,
        name: job.name,
        payload: job.payload,
        attempt: job.attempts,
        maxAttempts: job.maxAttempts,
        signal,
        log,
      })
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
      const now = clock.now()
      const retryAt = new Date(now.getTime() + backoffMs(job.attempts, this.options.backoff))
      try {
        const row = await this.repo.fail(job.id, this.id, message, retryAt, now)
        if (row?.status === 'failed') log.error({ ...context, error: message }, 'job failed for good')
        else if (row) log.warn({ ...context, error: message, retryAt }, 'job failed; will retry')
        else log.warn(context, 'job failed after its lock was lost')
      } catch (dbError) {
        log.error({ ...context, err: dbError }, 'could not record a job failure; it will be recovered')
      }
      return
    }
    try {
      const done = await this.repo.complete(job.id, this.id, clock.now())
      if (!done) log.warn(context, 'job finished after its lock was lost')
    } catch (dbError) {
      log.error({ ...context, err: dbError }, 'could not mark a job done; it will be recovered and rerun')
    }
  }
}
