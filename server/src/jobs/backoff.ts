export interface BackoffOptions {
  /** Delay after the first failure. */
  baseMs?: number
  /** Ceiling for any one delay. */
  maxMs?: number
  /** Injected in tests; Math.random otherwise. */
  random?: () => number
}

/**
 * Exponential backoff with "equal jitter": base·2^(attempt−1), capped, then scaled by 0.5–1.
 * The jitter spreads retries of a batch that failed together (say, during an outage) so they do
 * not all come back at the same instant; the lower half keeps the delay growing.
 */
export function backoffMs(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 1_000
  const max = options.maxMs ?? 60 * 60_000
  const random = options.random ?? Math.random
  const exponent = Math.min(Math.max(attempt - 1, 0), 30)
  const delay = Math.min(max, base * 2 ** exponent)
  return Math.round(delay * (0.5 + random() / 2))
}
