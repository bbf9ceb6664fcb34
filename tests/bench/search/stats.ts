// Latency and memory helpers shared by the search benchmarks.

export type Latency = { p50: number; p95: number; p99: number }

export const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}

/** Runs every query once to warm up, then `rounds` times, and returns the percentiles in ms. */
export async function latency(run: (i: number) => unknown, count: number, rounds: number): Promise<Latency> {
  for (let i = 0; i < count; i++) await run(i)
  const times: number[] = []
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < count; i++) {
      const t = performance.now()
      await run(i)
      times.push(performance.now() - t)
    }
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) }
}

/** Resident set size after a full collection (needs --expose-gc), in MB. */
export function rssMB(): number {
  ;(globalThis as { gc?: () => void }).gc?.()
  return process.memoryUsage().rss / 2 ** 20
}
