// Sets of internal document ids as bit arrays: a filter over 100k documents is 12.5 KB and AND, OR
// and NOT are word loops, so filters are combined before any text is scored.

export type Bitset = Uint32Array

export const bitsetFor = (size: number): Bitset => new Uint32Array((size + 31) >>> 5)
export const has = (set: Bitset, id: number): boolean => (set[id >>> 5]! & (1 << (id & 31))) !== 0
export const add = (set: Bitset, id: number): void => {
  set[id >>> 5]! |= 1 << (id & 31)
}

export function andInto(target: Bitset, other: Bitset): Bitset {
  for (let i = 0; i < target.length; i++) target[i]! &= other[i]!
  return target
}

export function orInto(target: Bitset, other: Bitset): Bitset {
  for (let i = 0; i < target.length; i++) target[i]! |= other[i]!
  return target
}

/** `within` minus `set`, in place on `set`. */
export function complementWithin(set: Bitset, within: Bitset): Bitset {
  for (let i = 0; i < set.length; i++) set[i] = within[i]! & ~set[i]!
  return set
}

export function popcount(set: Bitset): number {
  let n = 0
  for (let i = 0; i < set.length; i++) {
    let v = set[i]!
    v -= (v >>> 1) & 0x55555555
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
    n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
  }
  return n
}

/** The ids in the set, ascending. */
export function toIds(set: Bitset): Uint32Array {
  const out = new Uint32Array(popcount(set))
  let k = 0
  for (let i = 0; i < set.length; i++) {
    let v = set[i]!
    while (v !== 0) {
      const low = v & -v
      out[k++] = (i << 5) + 31 - Math.clz32(low)
      v ^= low
    }
  }
  return out
}
