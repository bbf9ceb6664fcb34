import { add, type Bitset, has } from './bitset.ts'
import { ensure, U32List } from './growable.ts'

// The inverted index on typed arrays. Every document has a dense internal id (0, 1, 2 … in the order
// written; an update gets a new id and leaves a tombstone until the next compaction), so posting lists
// stay sorted by appending. A posting is one Uint32: doc << 8 | field << 4 | min(tf, 15).
// Postings live in one packed array (base) plus small per-term lists for what was written since the
// last seal (delta); a forward index (per document: term, field, tf) lets deletes keep document
// frequencies exact, lets highlighting find a hit's words, and is what a snapshot stores.
// Scoring is MiniSearch's BM25+ (k 1.2, b 0.7, d 0.5) with the same inputs, so ranking did not change
// when MiniSearch was replaced (search/DECISION.md).

export const MAX_FIELDS = 16
const MAX_DOCS = 1 << 24
const K = 1.2
const B = 0.7
const D = 0.5

export type ForwardSnapshot = {
  terms: string[]
  fieldCount: number
  count: number
  fwd: Uint32Array
  fwdTf: Uint8Array
  docStart: Uint32Array
  fieldLen: Uint16Array
}

const LATIN_CHAR = /[a-z0-9]/

export class TermIndex {
  readonly fieldCount: number
  readonly terms: string[] = []
  private readonly termIds = new Map<string, number>()
  /** Documents written so far, dead or alive; the next internal id. */
  count = 0
  live = 0
  alive: Bitset = new Uint32Array(32)
  private fwd = new U32List(1024)
  private fwdTf = new Uint8Array(1024)
  private docStart = new Uint32Array(1024)
  private fieldLen = new Uint16Array(1024)
  /** Live documents holding term t in field f, at t * MAX_FIELDS + f. */
  private df = new Int32Array(1024)
  private readonly totalLen = new Float64Array(MAX_FIELDS)
  private base = new Uint32Array(0)
  private baseStart = new Uint32Array(1)
  private baseTerms = 0
  private delta = new Map<number, U32List>()
  private deltaSize = 0
  private sorted: string[] = []
  private unsorted: string[] = []
  private readonly latinByLength = new Map<number, number[]>()

  constructor(fieldCount: number) {
    if (fieldCount > MAX_FIELDS) throw new Error(`at most ${MAX_FIELDS} analysed fields`)
    this.fieldCount = fieldCount
  }

  termId(term: string): number | undefined {
    return this.termIds.get(term)
  }

  private intern(term: string): number {
    let id = this.termIds.get(term)
    if (id !== undefined) return id
    id = this.terms.length
    this.terms.push(term)
    this.termIds.set(term, id)
    this.unsorted.push(term)
    if (LATIN_CHAR.test(term)) {
      const bucket = this.latinByLength.get(term.length)
      if (bucket) bucket.push(id)
      else this.latinByLength.set(term.length, [id])
    }
    this.df = ensure(this.df, (id + 1) * MAX_FIELDS)
    return id
  }

  /** Adds the next document (id `this.count`) from its analysed fields: space-separated words. */
  add(texts: string[]): number {
    const doc = this.count
    if (doc >= MAX_DOCS) throw new Error('index full: compact or use Meilisearch')
    const F = this.fieldCount
    this.docStart = ensure(this.docStart, doc + 2)
    this.fieldLen = ensure(this.fieldLen, (doc + 1) * F)
    this.alive = ensure(this.alive, (doc >>> 5) + 1)
    for (let f = 0; f < F; f++) {
      const tokens = (texts[f] ?? '').split(' ')
      // MiniSearch's field length: distinct tokens, the empty one included.
      const counts = new Map<string, number>()
      let empty = 0
      for (const t of tokens) {
        if (t) counts.set(t, (counts.get(t) ?? 0) + 1)
        else empty = 1
      }
      const len = Math.min(counts.size + empty, 0xffff)
      this.fieldLen[doc * F + f] = len
      this.totalLen[f]! += len
      for (const [term, tf] of counts) {
        const t = this.intern(term)
        this.fwd.push(t * MAX_FIELDS + f)
        this.fwdTf = ensure(this.fwdTf, this.fwd.n)
        this.fwdTf[this.fwd.n - 1] = Math.min(tf, 255)
        this.df[t * MAX_FIELDS + f]! += 1
        let list = this.delta.get(t)
        if (!list) {
          list = new U32List(2)
          this.delta.set(t, list)
        }
        list.push((doc << 8) | (f << 4) | Math.min(tf, 15))
        this.deltaSize += 1
      }
    }
    this.docStart[doc + 1] = this.fwd.n
    add(this.alive, doc)
    this.count += 1
    this.live += 1
    return doc
  }

  remove(doc: number): void {
    if (!has(this.alive, doc)) return
    this.alive[doc >>> 5]! &= ~(1 << (doc & 31))
    this.live -= 1
    const F = this.fieldCount
    for (let f = 0; f < F; f++) this.totalLen[f]! -= this.fieldLen[doc * F + f]!
    for (let i = this.docStart[doc]!; i < this.docStart[doc + 1]!; i++) this.df[this.fwd.buf[i]!]! -= 1
  }

  /** Term ids of one document (for highlighting a hit). */
  termsOf(doc: number): Set<number> {
    const out = new Set<number>()
    for (let i = this.docStart[doc]!; i < this.docStart[doc + 1]!; i++) out.add(this.fwd.buf[i]! >>> 4)
    return out
  }

  /** Folds the per-term lists into the packed array once they grow, so scoring reads contiguous memory. */
  maybeSeal(): void {
    if (this.deltaSize < Math.max(65_536, this.base.length >>> 1)) return
    const T = this.terms.length
    const start = new Uint32Array(T + 1)
    for (let t = 0; t < T; t++) {
      const inBase = t < this.baseTerms ? this.baseStart[t + 1]! - this.baseStart[t]! : 0
      start[t + 1] = start[t]! + inBase + (this.delta.get(t)?.n ?? 0)
    }
    const out = new Uint32Array(start[T]!)
    for (let t = 0; t < T; t++) {
      let at = start[t]!
      if (t < this.baseTerms) {
        out.set(this.base.subarray(this.baseStart[t]!, this.baseStart[t + 1]!), at)
        at += this.baseStart[t + 1]! - this.baseStart[t]!
      }
      const list = this.delta.get(t)
      if (list) out.set(list.view(), at)
    }
    this.base = out
    this.baseStart = start
    this.baseTerms = T
    this.delta = new Map()
    this.deltaSize = 0
  }

  /** Builds postings, frequencies and lengths from the forward index (after compaction and loading). */
  private rebuildPostings(): void {
    const T = this.terms.length
    const F = this.fieldCount
    const start = new Uint32Array(T + 1)
    this.df = new Int32Array(Math.max(T, 1) * MAX_FIELDS)
    this.totalLen.fill(0)
    const fwd = this.fwd.buf
    for (let i = 0; i < this.fwd.n; i++) start[(fwd[i]! >>> 4) + 1]! += 1
    for (let t = 0; t < T; t++) start[t + 1]! += start[t]!
    const fill = start.slice(0, T)
    const out = new Uint32Array(this.fwd.n)
    for (let doc = 0; doc < this.count; doc++) {
      for (let f = 0; f < F; f++) this.totalLen[f]! += this.fieldLen[doc * F + f]!
      for (let i = this.docStart[doc]!; i < this.docStart[doc + 1]!; i++) {
        const e = fwd[i]!
        this.df[e]! += 1
        out[fill[e >>> 4]!++] = (doc << 8) | ((e & 15) << 4) | Math.min(this.fwdTf[i]!, 15)
      }
    }
    this.base = out
    this.baseStart = start
    this.baseTerms = T
    this.delta = new Map()
    this.deltaSize = 0
    this.live = this.count
  }

  /** Keeps the documents `keep` (old ids, ascending) as 0…n−1; everything else is dropped. */
  compact(keep: Uint32Array): void {
    const F = this.fieldCount
    const n = keep.length
    const fwd = new U32List(1024)
    const fwdTf = new Uint8Array(Math.max(this.fwd.n, 1024))
    const docStart = new Uint32Array(n + 1)
    const fieldLen = new Uint16Array(Math.max(n * F, 1024))
    for (let i = 0; i < n; i++) {
      const old = keep[i]!
      fieldLen.set(this.fieldLen.subarray(old * F, old * F + F), i * F)
      for (let j = this.docStart[old]!; j < this.docStart[old + 1]!; j++) {
        fwd.push(this.fwd.buf[j]!)
        fwdTf[fwd.n - 1] = this.fwdTf[j]!
      }
      docStart[i + 1] = fwd.n
    }
    Object.assign(this, { fwd, fwdTf, docStart, fieldLen, count: n })
    this.alive = new Uint32Array((n >>> 5) + 1)
    for (let i = 0; i < n; i++) add(this.alive, i)
    this.rebuildPostings()
  }

  toSnapshot(): ForwardSnapshot {
    return {
      terms: this.terms,
      fieldCount: this.fieldCount,
      count: this.count,
      fwd: this.fwd.view(),
      fwdTf: this.fwdTf.subarray(0, this.fwd.n),
      docStart: this.docStart.subarray(0, this.count + 1),
      fieldLen: this.fieldLen.subarray(0, this.count * this.fieldCount),
    }
  }

  /** Restores an index from a compacted snapshot (every document alive). */
  static fromSnapshot(s: ForwardSnapshot): TermIndex {
    const index = new TermIndex(s.fieldCount)
    for (const term of s.terms) index.intern(term)
    index.fwd = new U32List(0)
    index.fwd.buf = s.fwd
    index.fwd.n = s.fwd.length
    Object.assign(index, { fwdTf: s.fwdTf, docStart: s.docStart, fieldLen: s.fieldLen, count: s.count })
    index.alive = new Uint32Array((s.count >>> 5) + 1)
    for (let i = 0; i < s.count; i++) add(index.alive, i)
    index.rebuildPostings()
    return index
  }

  /** Terms that start with `prefix` (itself excluded). */
  prefixed(prefix: string): number[] {
    if (this.unsorted.length > 1024) this.mergeSorted()
    const out: number[] = []
    let lo = 0
    let hi = this.sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.sorted[mid]! < prefix) lo = mid + 1
      else hi = mid
    }
    for (let i = lo; i < this.sorted.length && this.sorted[i]!.startsWith(prefix); i++) {
      if (this.sorted[i] !== prefix) out.push(this.termIds.get(this.sorted[i]!)!)
    }
    for (const term of this.unsorted) {
      if (term !== prefix && term.startsWith(prefix)) out.push(this.termIds.get(term)!)
    }
    return out
  }

  private mergeSorted(): void {
    const add = this.unsorted.sort()
    const out: string[] = new Array(this.sorted.length + add.length)
    let i = 0
    let j = 0
    let k = 0
    while (i < this.sorted.length && j < add.length) {
      out[k++] = this.sorted[i]! < add[j]! ? this.sorted[i++]! : add[j++]!
    }
    while (i < this.sorted.length) out[k++] = this.sorted[i++]!
    while (j < add.length) out[k++] = add[j++]!
    this.sorted = out
    this.unsorted = []
  }

  /** Terms holding a Latin letter or digit whose length is within `max` of `length`. */
  *latinNear(length: number, max: number): Generator<number> {
    for (let l = length - max; l <= length + max; l++) yield* this.latinByLength.get(l) ?? []
  }

  /**
   * Adds `weight` × field boost × BM25+ of term `t` to `acc` for each live document in `filter` (or
   * every live document), recording first-time documents in `touched`.
   */
  accumulate(
    t: number,
    weight: number,
    boosts: Float64Array,
    filter: Bitset | null,
    acc: Float64Array,
    touched: U32List,
  ): void {
    const F = this.fieldCount
    const N = this.live
    const idf = new Float64Array(F)
    const avg = new Float64Array(F)
    for (let f = 0; f < F; f++) {
      const df = this.df[t * MAX_FIELDS + f]!
      idf[f] = weight * boosts[f]! * Math.log(1 + (N - df + 0.5) / (df + 0.5))
      avg[f] = this.totalLen[f]! / N
    }
    const gate = filter ?? this.alive
    const fieldLen = this.fieldLen
    const visit = (list: Uint32Array, from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const e = list[i]!
        const doc = e >>> 8
        if ((gate[doc >>> 5]! & (1 << (doc & 31))) === 0) continue
        const f = (e >>> 4) & 15
        const tf = e & 15
        const norm = tf + K * (1 - B + (B * fieldLen[doc * F + f]!) / avg[f]!)
        const score = idf[f]! * (D + (tf * (K + 1)) / norm)
        // acc holds 0 for untouched documents; a real score is always > 0.
        if (acc[doc] === 0) touched.push(doc)
        acc[doc]! += score
      }
    }
    if (t < this.baseTerms) visit(this.base, this.baseStart[t]!, this.baseStart[t + 1]!)
    const list = this.delta.get(t)
    if (list) visit(list.buf, 0, list.n)
  }
}
