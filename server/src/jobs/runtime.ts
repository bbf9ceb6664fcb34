import type { Database, DbOrTx, Job } from '@liandong/db'
import type { Clock } from '../context.ts'
import { type OutboxApplier, OutboxDrain } from './outbox-drain.ts'
import { JobQueue } from './queue.ts'
import { registerHousekeeping } from './recurring.ts'
import { type Recurring, Scheduler } from './scheduler.ts'
import type { EnqueueOptions, JobHandler, Logger } from './types.ts'
import { JobWorker, type WorkerOptions } from './worker.ts'

export interface JobRuntimeOptions {
  database: Database
  clock: Clock
  log: Logger
  worker?: Pick<WorkerOptions, 'concurrency' | 'pollMs' | 'lockTimeoutMs' | 'backoff'>
}

/**
 * Everything background in one place, exposed as `app.jobs`: modules register handlers and
 * recurring jobs while the app is built and enqueue work from services; `start()` runs the worker,
 * the scheduler and the outbox drain in this process (main does it when JOBS is on).
 */
export class JobRuntime {
  readonly queue: JobQueue
  readonly scheduler: Scheduler
  readonly outbox: OutboxDrain
  private worker: JobWorker | null = null

  constructor(private readonly options: JobRuntimeOptions) {
    this.queue = new JobQueue(options.database, options.clock)
    this.scheduler = new Scheduler(this.queue, options.clock, options.log)
    this.outbox = new OutboxDrain({ database: options.database, clock: options.clock, log: options.log })
    registerHousekeeping(this.queue, this.scheduler, options.database, options.clock)
  }

  register<P extends Record<string, unknown>>(name: string, handler: JobHandler<P>): void {
    this.queue.register(name, handler)
  }

  /** Runs `name` once per period across all processes; register its handler too. */
  every(recurring: Recurring): void {
    this.scheduler.add(recurring)
  }

  enqueue(
    name: string,
    payload?: Record<string, unknown>,
    options?: EnqueueOptions,
    tx?: DbOrTx,
  ): Promise<Job | undefined> {
    return this.queue.enqueue(name, payload, options, tx)
  }

  /** The search module plugs its engine in here. */
  setOutboxApplier(applier: OutboxApplier | null): void {
    this.outbox.setApplier(applier)
  }

  get isRunning(): boolean {
    return this.worker !== null
  }

  async start(): Promise<void> {
    if (this.worker) return
    const { database, clock, log } = this.options
    this.worker = new JobWorker({ database, clock, log, queue: this.queue, ...this.options.worker })
    await this.worker.start()
    this.scheduler.start()
    await this.outbox.start()
    log.info({ worker: this.worker.id, jobs: this.queue.names }, 'job worker started')
  }

  /** Stops all three, waiting for running handlers and the batch in hand up to `timeoutMs` (SIGTERM allows 10 s in all). */
  async stop(timeoutMs = 5_000): Promise<void> {
    this.scheduler.stop()
    const worker = this.worker
    this.worker = null
    await Promise.all([worker?.stop(timeoutMs), this.outbox.stop(timeoutMs)])
  }
}
