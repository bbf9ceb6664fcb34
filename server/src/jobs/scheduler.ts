import type { Clock } from '../context.ts'
import type { JobQueue } from './queue.ts'
import type { Logger } from './types.ts'

export interface Recurring {
  /** The job name; its handler is registered on the queue like any other. */
  name: string
  /** Period; slots are aligned to the Unix epoch (hourly jobs fall on the hour, UTC). */
  everyMs: number
  payload?: Record<string, unknown>
  maxAttempts?: number
}

/**
 * Enqueues recurring jobs, one per time slot. Every process with JOBS on runs a scheduler; the
 * dedupe key `every:<name>:<slot>` makes the first enqueue of a slot win and the others no-ops, so
 * several processes never run a slot twice. A slot that passes while no process is up is skipped —
 * recurring jobs are sweeps (clean up what is due), so the next slot does that work.
 */
export class Scheduler {
  private readonly entries = new Map<string, Recurring>()
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly tickMs = 60_000,
  ) {}

  add(entry: Recurring): void {
    if (entry.everyMs < 1_000) throw new Error(`recurring job "${entry.name}" runs too often`)
    this.entries.set(entry.name, entry)
  }

  get recurring(): Recurring[] {
    return [...this.entries.values()]
  }

  /** Enqueues the current slot of every recurring job; returns the names newly enqueued. */
  async tick(): Promise<string[]> {
    const now = this.clock.now().getTime()
    const enqueued: string[] = []
    for (const entry of this.entries.values()) {
      const slot = Math.floor(now / entry.everyMs)
      try {
        const job = await this.queue.enqueue(entry.name, entry.payload ?? {}, {
          runAt: new Date(slot * entry.everyMs),
          dedupeKey: `every:${entry.name}:${slot}`,
          maxAttempts: entry.maxAttempts ?? 3,
        })
        if (job) enqueued.push(entry.name)
      } catch (error) {
        this.log.error({ err: error, job: entry.name }, 'could not schedule a recurring job')
      }
    }
    return enqueued
  }

  start(): void {
    if (this.timer) return
    void this.tick()
    this.timer = setInterval(() => void this.tick(), this.tickMs)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }
}
