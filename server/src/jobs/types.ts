import type { FastifyBaseLogger } from 'fastify'

/** The part of pino the loops use; tests may pass a silent or recording logger. */
export type Logger = Pick<FastifyBaseLogger, 'debug' | 'info' | 'warn' | 'error'>

/** What a handler is told about the job it runs. */
export interface JobContext<P = Record<string, unknown>> {
  id: string
  name: string
  payload: P
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number
  maxAttempts: number
  /** Aborted when the worker stops and will not wait any longer. */
  signal: AbortSignal
  log: Logger
}

/**
 * A job handler. Contract: handlers are idempotent. A job runs at least once, and may run again
 * if its worker dies after the work but before the job is marked done, or if it is retried after a
 * partial failure — so each handler checks state before it acts (send a reminder only if it has
 * not been sent, expire an offer only if it is still open) or writes with upserts and guards.
 * Throwing fails the attempt; it is retried with backoff until maxAttempts.
 */
export type JobHandler<P = Record<string, unknown>> = (job: JobContext<P>) => Promise<void>

export interface EnqueueOptions {
  /** When it becomes due; now by default. */
  runAt?: Date
  /** At most one job per key is ever kept (see jobsRepo.enqueue); a repeat is a no-op. */
  dedupeKey?: string
  /** Attempts before the job is marked failed; 5 by default. */
  maxAttempts?: number
}
