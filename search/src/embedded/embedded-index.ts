import { analyzeDocument, analyzedFieldWeights } from '../analysis/document.ts'
import type { QueryPlan } from '../analysis/query-plan.ts'
import type { FacetCounts, IndexDefinition, SearchDocument, SortSpec } from '../engine.ts'
import type { Filter } from '../filter.ts'
import { filterWithout, type NormalizedQuery } from '../query.ts'
import { toIds } from './bitset.ts'
import { ColumnStore, type ColumnsSnapshot } from './columns.ts'
import { filterBits } from './filter-bits.ts'
import { TermIndex } from './term-index.ts'
import { TextMatcher } from './text-match.ts'
import { topK } from './top-k.ts'

// One index of the embedded engine: documents by column (columns.ts), an inverted index on typed
// arrays (term-index.ts), filters as bitsets (filter-bits.ts). Chosen over MiniSearch by measurement
// (search/DECISION.md); the scoring is MiniSearch's, so results did not change with it.

export type Hit = { doc: number; id: string; terms: string[] }
export type IndexAnswer = { total: number; hits: Hit[]; facets: FacetCounts }
export type IndexSnapshot = {
  columns: ColumnsSnapshot
  columnRefs: Uint32Array[]
  forward: ReturnType<TermIndex['toSnapshot']>
}

/** Tombstones are dropped when they reach a quarter of the live documents (and at least this many). */
const COMPACT_MIN_DEAD = 1000

const collator = new Intl.Collator()

/** Facet counts keyed in the order the query asked for them. */
function orderedLike(fields: string[], counts: FacetCounts): FacetCounts {
  return Object.fromEntries(fields.map((field) => [field, counts[field] ?? {}]))
}

function compare(a: unknown, b: unknown): number {
  // Missing values sort last in both directions, like Meilisearch.
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : 1
  if (b === undefined || b === null) return -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return collator.compare(String(a), String(b))
}

export class EmbeddedIndex {
  readonly definition: IndexDefinition
  private readonly fields: string[]
  private readonly boosts: Float64Array
  private store: ColumnStore
  private terms: TermIndex
  private matcher: TextMatcher
  private readonly byId = new Map<string, number>()

  constructor(definition: IndexDefinition, snapshot?: IndexSnapshot) {
    this.definition = definition
    const weights = analyzedFieldWeights(definition)
    this.fields = Object.keys(weights)
    // MiniSearch's rule, kept for identical scores: a zero boost counts as 1.
    this.boosts = Float64Array.from(this.fields, (f) => weights[f] || 1)
    if (snapshot) {
      this.terms = TermIndex.fromSnapshot(snapshot.forward)
      this.store = ColumnStore.fromSnapshot(snapshot.columns, snapshot.columnRefs, snapshot.forward.count)
      for (let d = 0; d < this.terms.count; d++) this.byId.set(this.store.value(d, 'id') as string, d)
    } else {
      this.terms = new TermIndex(this.fields.length)
      this.store = new ColumnStore()
    }
    this.matcher = new TextMatcher(this.terms, this.boosts)
  }

  get size(): number {
    return this.byId.size
  }

  upsert(docs: SearchDocument[]): void {
    for (const doc of docs) {
      const old = this.byId.get(doc.id)
      if (old !== undefined) this.terms.remove(old)
      const analysed = analyzeDocument(this.definition, doc)
      const d = this.terms.add(this.fields.map((f) => analysed[f] ?? ''))
      this.store.set(d, doc)
      this.byId.set(doc.id, d)
    }
    this.afterWrite()
  }

  delete(ids: string[]): void {
    for (const id of ids) {
      const d = this.byId.get(id)
      if (d === undefined) continue
      this.terms.remove(d)
      this.byId.delete(id)
    }
    this.afterWrite()
  }

  private afterWrite(): void {
    const dead = this.terms.count - this.terms.live
    if (dead >= COMPACT_MIN_DEAD && dead * 4 >= this.terms.live) this.compact()
    else this.terms.maybeSeal()
  }

  private compact(): void {
    const keep = toIds(this.terms.alive)
    this.terms.compact(keep)
    this.store.compact(keep)
    this.byId.clear()
    for (let d = 0; d < keep.length; d++) this.byId.set(this.store.value(d, 'id') as string, d)
    this.matcher = new TextMatcher(this.terms, this.boosts)
  }

  /** Live documents in internal order (oldest write first). */
  *documents(): Generator<SearchDocument> {
    for (const d of toIds(this.terms.alive)) yield this.store.document(d)
  }

  document(doc: number): SearchDocument {
    return this.store.document(doc)
  }

  toSnapshot(): IndexSnapshot {
    if (this.terms.live !== this.terms.count) this.compact()
    const { meta, refs } = this.store.toSnapshot(this.terms.count)
    return { columns: meta, columnRefs: refs, forward: this.terms.toSnapshot() }
  }

  /** Documents that match the text (if any) within `filter`, with their scores and the terms that matched. */
  private matches(plan: QueryPlan, filter: Filter | undefined) {
    const { alive, count } = this.terms
    const bits = filter ? filterBits(filter, this.store, alive, count) : null
    if (plan.groups.length === 0)
      return { ids: toIds(bits ?? alive), scores: undefined, terms: new Set<number>() }
    return this.matcher.match(plan.groups, bits)
  }

  search(plan: QueryPlan, query: NormalizedQuery): IndexAnswer {
    const { ids, scores, terms: matchedTerms } = this.matches(plan, query.filter)
    // A facet with a pick of its own is counted without that pick (disjunctive): one more match each.
    const facets = this.facets(
      ids,
      query.facets.filter((field) => !(field in query.facetFilters)),
    )
    for (const field of query.facets) {
      if (!(field in query.facetFilters)) continue
      Object.assign(facets, this.facets(this.matches(plan, filterWithout(query, field)).ids, [field]))
    }
    const start = (query.page - 1) * query.perPage
    const end = Math.min(start + query.perPage, ids.length)
    const order = start >= ids.length ? [] : this.order(ids, scores, query.sort, end).slice(start, end)
    const hits = order.map((i) => {
      const doc = ids[i]!
      const terms = query.highlight ? this.hitTerms(doc, matchedTerms) : []
      return { doc, id: this.store.value(doc, 'id') as string, terms }
    })
    return { total: ids.length, hits, facets: orderedLike(query.facets, facets) }
  }

  /** Positions into `ids` of the first `k` results in final order. */
  private order(ids: Uint32Array, scores: Float64Array | undefined, sort: SortSpec[], k: number): number[] {
    const byScore = (a: number, b: number) => (scores ? scores[b]! - scores[a]! : 0) || ids[a]! - ids[b]!
    if (sort.length === 0) {
      if (!scores) return Array.from({ length: k }, (_, i) => i)
      return topK(ids.length, k, byScore)
    }
    const keys = sort.map(({ field, order }) => ({
      values: Array.from(ids, (d) => this.store.value(d, field)),
      desc: order === 'desc',
    }))
    return topK(ids.length, k, (a, b) => {
      for (const { values, desc } of keys) {
        const va = values[a]
        const vb = values[b]
        const missing = va === undefined || va === null || vb === undefined || vb === null
        const c = compare(va, vb)
        if (c !== 0) return missing || !desc ? c : -c
      }
      return byScore(a, b)
    })
  }

  private hitTerms(doc: number, matched: Set<number>): string[] {
    const out: string[] = []
    for (const t of this.terms.termsOf(doc)) if (matched.has(t)) out.push(this.terms.terms[t]!)
    return out
  }

  /** Counts per distinct value: one increment per match, then each value's keys once. */
  facets(ids: Uint32Array, fields: string[]): FacetCounts {
    const out: FacetCounts = {}
    for (const field of fields) {
      const counts: Record<string, number> = {}
      out[field] = counts
      const column = this.store.column(field)
      if (!column) continue
      const perValue = new Uint32Array(column.table.length)
      for (let i = 0; i < ids.length; i++) perValue[column.refs[ids[i]!]!]! += 1
      for (let ref = 1; ref < perValue.length; ref++) {
        const n = perValue[ref]!
        if (n === 0) continue
        const value = column.table[ref]
        const values = Array.isArray(value) ? new Set(value) : [value]
        for (const v of values) {
          if (v === undefined || v === null || typeof v === 'object') continue
          const key = String(v)
          counts[key] = (counts[key] ?? 0) + n
        }
      }
    }
    return out
  }
}
