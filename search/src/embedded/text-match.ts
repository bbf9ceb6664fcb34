import type { QueryGroup } from '../analysis/query-plan.ts'
import type { Bitset } from './bitset.ts'
import { U32List } from './growable.ts'
import type { TermIndex } from './term-index.ts'

// Runs a query plan (AND of groups, OR of alternatives, AND of words) over the term index with
// MiniSearch's semantics: each word matches its own term, longer terms it is a prefix of (weight 0.4,
// fading with the extra length) and, for Latin words of 5+ letters, terms one or two edits away
// (weight 0.3); a document's score is the sum of its word scores times the number of distinct query
// words it matched. Results are sparse sorted id lists, merged like posting lists.

const LATIN = /^[a-z0-9]+$/
const PREFIX_WEIGHT = 0.4
const FUZZY_WEIGHT = 0.3

type Sparse = { ids: Uint32Array; scores: Float64Array; masks: Uint32Array }
export type TextMatches = { ids: Uint32Array; scores: Float64Array; terms: Set<number> }

/** Levenshtein distance if it is at most `max`, otherwise max + 1. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
      row.push(v)
      if (v < best) best = v
    }
    if (best > max) return max + 1
    prev = row
  }
  return prev[b.length]!
}

/** The terms a query word stands for, with their weights. */
export function expandWord(index: TermIndex, word: string): [number, number][] {
  const out: [number, number][] = []
  const exact = index.termId(word)
  if (exact !== undefined) out.push([exact, 1])
  const prefixed = new Set<number>()
  if (word.length >= 2) {
    for (const t of index.prefixed(word)) {
      const len = index.terms[t]!.length
      prefixed.add(t)
      out.push([t, (PREFIX_WEIGHT * len) / (len + 0.3 * (len - word.length))])
    }
  }
  if (LATIN.test(word) && word.length >= 5) {
    const max = word.length >= 9 ? 2 : 1
    for (const t of index.latinNear(word.length, max)) {
      if (t === exact || prefixed.has(t)) continue
      const term = index.terms[t]!
      const distance = editDistance(word, term, max)
      if (distance <= max) out.push([t, (FUZZY_WEIGHT * term.length) / (term.length + distance)])
    }
  }
  return out
}

function and(a: Sparse, b: Sparse): Sparse {
  const n = Math.min(a.ids.length, b.ids.length)
  const ids = new Uint32Array(n)
  const scores = new Float64Array(n)
  const masks = new Uint32Array(n)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!
    const y = b.ids[j]!
    if (x < y) i++
    else if (y < x) j++
    else {
      ids[k] = x
      scores[k] = a.scores[i]! + b.scores[j]!
      masks[k++] = a.masks[i++]! | b.masks[j++]!
    }
  }
  return { ids: ids.subarray(0, k), scores: scores.subarray(0, k), masks: masks.subarray(0, k) }
}

function or(a: Sparse, b: Sparse): Sparse {
  const n = a.ids.length + b.ids.length
  const ids = new Uint32Array(n)
  const scores = new Float64Array(n)
  const masks = new Uint32Array(n)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.ids.length || j < b.ids.length) {
    const x = i < a.ids.length ? a.ids[i]! : 0xffffffff
    const y = j < b.ids.length ? b.ids[j]! : 0xffffffff
    if (x < y) {
      ids[k] = x
      scores[k] = a.scores[i]!
      masks[k++] = a.masks[i++]!
    } else if (y < x) {
      ids[k] = y
      scores[k] = b.scores[j]!
      masks[k++] = b.masks[j++]!
    } else {
      ids[k] = x
      scores[k] = a.scores[i]! + b.scores[j]!
      masks[k++] = a.masks[i++]! | b.masks[j++]!
    }
  }
  return { ids: ids.subarray(0, k), scores: scores.subarray(0, k), masks: masks.subarray(0, k) }
}

const bitCount = (v: number) => {
  let n = 0
  for (let x = v; x !== 0; x &= x - 1) n++
  return n
}

export class TextMatcher {
  private acc = new Float64Array(0)
  private readonly touched = new U32List(1024)

  constructor(
    private readonly index: TermIndex,
    private readonly boosts: Float64Array,
  ) {}

  private word(word: string, bit: number, filter: Bitset | null, terms: Set<number>): Sparse {
    if (this.acc.length < this.index.count) this.acc = new Float64Array(this.index.count + 1024)
    const acc = this.acc
    const touched = this.touched
    touched.n = 0
    for (const [t, weight] of expandWord(this.index, word)) {
      terms.add(t)
      this.index.accumulate(t, weight, this.boosts, filter, acc, touched)
    }
    const ids = touched.view().slice().sort()
    const scores = new Float64Array(ids.length)
    for (let i = 0; i < ids.length; i++) {
      scores[i] = acc[ids[i]!]!
      acc[ids[i]!] = 0
    }
    return { ids, scores, masks: new Uint32Array(ids.length).fill(bit) }
  }

  private run(groups: QueryGroup[], filter: Bitset | null, bits: Map<string, number>): TextMatches {
    const terms = new Set<number>()
    const cache = new Map<string, Sparse>()
    const leaf = (w: string) => {
      let r = cache.get(w)
      if (!r) {
        r = this.word(w, bits.get(w)!, filter, terms)
        cache.set(w, r)
      }
      return r
    }
    let result: Sparse | undefined
    for (const group of groups) {
      let union: Sparse | undefined
      for (const alt of group) {
        let both: Sparse | undefined
        for (const w of alt) both = both ? and(both, leaf(w.word)) : leaf(w.word)
        if (both) union = union ? or(union, both) : both
      }
      if (!union) continue
      result = result ? and(result, union) : union
      if (result.ids.length === 0) break
    }
    const ids = result?.ids ?? new Uint32Array(0)
    const scores = new Float64Array(ids.length)
    for (let i = 0; i < ids.length; i++) scores[i] = result!.scores[i]! * bitCount(result!.masks[i]!)
    return { ids, scores, terms }
  }

  match(groups: QueryGroup[], filter: Bitset | null): TextMatches {
    // One bit per distinct query word counts how many a document matched; past 32 words (only
    // pathological input reaches that) the last bit is shared and the count is a floor.
    const bits = new Map<string, number>()
    for (const g of groups)
      for (const alt of g)
        for (const w of alt) if (!bits.has(w.word)) bits.set(w.word, 1 << Math.min(bits.size, 31))
    let results = this.run(groups, filter, bits)
    if (results.ids.length > 0 || groups.length < 2) return results
    // Nothing matched every word: drop single-character words, then words from the end, the way
    // Meilisearch's "last" matching strategy does, rather than answer a long query with nothing.
    let rest = groups.filter((g) => g.some((alt) => alt.some((w) => w.word.length > 1)))
    if (rest.length === groups.length) rest = groups.slice(0, -1)
    while (rest.length > 0) {
      results = this.run(rest, filter, bits)
      if (results.ids.length > 0) return results
      rest = rest.slice(0, -1)
    }
    return results
  }
}
