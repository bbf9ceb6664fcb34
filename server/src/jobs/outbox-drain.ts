import { type Database, OUTBOX_CHANNEL, type OutboxEntry, outboxRepo } from '@liandong/db'
import type { Clock } from '../context.ts'
import { type BackoffOptions, backoffMs } from './backoff.ts'
import type { Logger } from './types.ts'
import { Waker } from './waker.ts'

export type { OutboxEntry }

/**
 * Applies a batch of outbox entries to the search engine (search/src/sync.ts builds it). Return
 * nothing when every entry was applied, or list the ones that failed; throwing fails the batch.
 * Entries of one document arrive together and in seq order; apply them idempotently (upsert the
 * document's current state, delete if it is gone), since a batch may be applied again.
 */
export type OutboxApplier = (
  batch: OutboxEntry[],
) => Promise<undefined | { failed?: Array<{ seq: number; error: string }> }>

export interface OutboxDrainOptions {
  database: Database
  clock: Clock
  log: Logger
  applier?: OutboxApplier
  batchSize?: number
  pollMs?: number
  /** How long a claimed batch is reserved; a drainer that dies releases it after this. */
  leaseMs?: number
  backoff?: BackoffOptions
}

export interface DrainResult {
  claimed: number
  applied: number
  failed: number
}

/**
 * The loop that empties the search outbox. Several processes may run it: claims take whole
 * documents with FOR UPDATE SKIP LOCKED (see outboxRepo.claim), applied rows are deleted, failed
 * ones come back after an exponential backoff. Without an applier it claims nothing, and the lag
 * shows in /api/ready.
 */
export class OutboxDrain {
  private readonly repo
  private applier: OutboxApplier | null
  private readonly waker = new Waker()
  private active = false
  private loop: Promise<void> | null = null
  private unlisten: (() => Promise<void>) | null = null

  constructor(private readonly options: OutboxDrainOptions) {
    this.repo = outboxRepo(options.database.db)
    this.applier = options.applier ?? null
  }

  setApplier(applier: OutboxApplier | null): void {
    this.applier = applier
    this.waker.wake()
  }

  get hasApplier(): boolean {
    return this.applier !== null
  }

  /** Claims one batch and applies it. */
  async drainOnce(): Promise<DrainResult> {
    const applier = this.applier
    if (!applier) return { claimed: 0, applied: 0, failed: 0 }
    const { clock, log } = this.options
    const now = clock.now()
    const batch = await this.repo.claim(
      this.options.batchSize ?? 200,
      now,
      new Date(now.getTime() + (this.options.leaseMs ?? 60_000)),
    )
    if (batch.length === 0) return { claimed: 0, applied: 0, failed: 0 }
    let failures = new Map<number, string>()
    try {
      const result = await applier(batch)
      for (const f of result?.failed ?? []) failures.set(f.seq, f.error)
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
      failures = new Map(batch.map((e) => [e.seq, message]))
    }
    // A document's rows succeed or fail together: applying a newer row while an older one waits
    // for a retry would let the older one overwrite it later.
    const failedDocs = new Map<string, string>()
    for (const e of batch) {
      const error = failures.get(e.seq)
      if (error !== undefined) failedDocs.set(`${e.indexName}\u0000${e.docId}`, error)
    }
    const failed = batch.filter((e) => failedDocs.has(`${e.indexName}\u0000${e.docId}`))
    const applied = batch.filter((e) => !failedDocs.has(`${e.indexName}\u0000${e.docId}`))
    await this.repo.complete(applied.map((e) => e.seq))
    if (failed.length > 0) {
      const at = clock.now().getTime()
      // Rows with the same failure count share a retry time; the batch's jitter spreads them out.
      const byAttempts = new Map<number, OutboxEntry[]>()
      for (const e of failed) byAttempts.set(e.attempts, [...(byAttempts.get(e.attempts) ?? []), e])
      for (const [attempts, entries] of byAttempts) {
        const retryAt = new Date(at + backoffMs(attempts + 1, this.options.backoff))
        const error = failedDocs.get(`${entries[0]!.indexName}\u0000${entries[0]!.docId}`) ?? 'failed'
        await this.repo.fail(
          entries.map((e) => e.seq),
          error,
          retryAt,
        )
      }
      log.warn({ failed: failed.length, applied: applied.length }, 'outbox batch failed; will retry')
    }
    return { claimed: batch.length, applied: applied.length, failed: failed.length }
  }

  async start(): Promise<void> {
    if (this.active) return
    this.active = true
    this.unlisten = await this.options.database.listen(OUTBOX_CHANNEL, () => this.waker.wake())
    this.loop = this.run()
  }

  /** Stops after the batch in hand; waits for it up to `timeoutMs` (its lease covers the rest). */
  async stop(timeoutMs = 8_000): Promise<void> {
    if (!this.active) return
    this.active = false
    this.waker.wake()
    let timer: NodeJS.Timeout | undefined
    await Promise.race([this.loop, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))])
    clearTimeout(timer)
    await this.unlisten?.().catch(() => {})
    this.unlisten = null
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 200
    while (this.active) {
      try {
        const result = await this.drainOnce()
        // A full, clean batch means more is waiting: keep going without sleeping.
        if (result.claimed >= batchSize && result.failed === 0) continue
      } catch (error) {
        this.options.log.error({ err: error }, 'outbox drain failed')
      }
      if (this.active) await this.waker.wait(this.options.pollMs ?? 1_000)
    }
  }
}
