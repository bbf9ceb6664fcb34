// A seeded random source for the demo, so every start builds the same marketplace (only the dates
// move with `now`). mulberry32: a few lines, fast and well distributed for this use; not for secrets.

export interface Random {
  /** In [0, 1). */
  next(): number
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
  chance(p: number): boolean
}

export function seededRandom(seed: number): Random {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  }
}

/** Fixed, valid UUIDs for demo rows: `0196d<kind>00-0000-7000-8000-<n>`. */
export const demoId = (kind: number, n: number) =>
  `0196d${kind.toString(16)}00-0000-7000-8000-${n.toString(16).padStart(12, '0')}`
