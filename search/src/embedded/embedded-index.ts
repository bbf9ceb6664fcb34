import MiniSearch, {
  type AsPlainObject,
  type SearchResult as MiniResult,
  type Options,
  type Query,
} from 'minisearch'
import { analyzeDocument, analyzedFieldWeights } from '../analysis/document.ts'
import type { QueryGroup, QueryPlan } from '../analysis/query-plan.ts'
import type { FacetCounts, IndexDefinition, SearchDocument, SortSpec } from '../engine.ts'
import type { NormalizedQuery } from '../query.ts'
import { compileFilter, type Predicate } from './filter-eval.ts'

// One index of the embedded engine: MiniSearch holds the inverted index over the analysed fields
// (chosen by measurement, see search/DECISION.md); the original documents live in a Map beside it,
// which is what filters, facets, sort and highlighting read.

type Indexed = Record<string, string> & { id: string }

export type Match = { id: string; score: number; terms: string[] }

const LATIN = /^[a-z0-9]+$/

function miniOptions(definition: IndexDefinition): Options<Indexed> {
  const boost = analyzedFieldWeights(definition)
  return {
    idField: 'id',
    fields: Object.keys(boost),
    storeFields: [],
    // Text arrives already analysed (space-separated words), so neither side tokenises again.
    tokenize: (text) => text.split(' '),
    processTerm: (term) => term || null,
    searchOptions: {
      boost,
      // Typo tolerance for Latin words only, with Meilisearch's thresholds: one typo from 5 letters,
      // two from 9. Chinese words are either right or a different word.
      fuzzy: (term) => (LATIN.test(term) && term.length >= 5 ? (term.length >= 9 ? 2 : 1) : false),
      // Prefixes let `jiu` find jiuye while typing, and 助学 find 助学金 wherever jieba kept it whole.
      prefix: (term) => term.length >= 2,
      weights: { fuzzy: 0.3, prefix: 0.4 },
    },
  }
}

function toMiniQuery(groups: QueryGroup[]): Query {
  return {
    combineWith: 'AND',
    queries: groups.map((group) => ({
      combineWith: 'OR',
      queries: group.map((alt) => ({ combineWith: 'AND', queries: alt.map((w) => w.word) })),
    })),
  }
}

function compare(a: unknown, b: unknown): number {
  // Missing values sort last in both directions, like Meilisearch.
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : 1
  if (b === undefined || b === null) return -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a).localeCompare(String(b))
}

export class EmbeddedIndex {
  readonly definition: IndexDefinition
  private mini: MiniSearch<Indexed>
  readonly docs = new Map<string, SearchDocument>()

  constructor(definition: IndexDefinition, snapshot?: { mini: AsPlainObject; docs: SearchDocument[] }) {
    this.definition = definition
    if (snapshot) {
      this.mini = MiniSearch.loadJS<Indexed>(snapshot.mini, miniOptions(definition))
      for (const doc of snapshot.docs) this.docs.set(doc.id, doc)
    } else {
      this.mini = new MiniSearch<Indexed>(miniOptions(definition))
    }
  }

  get size(): number {
    return this.docs.size
  }

  upsert(docs: SearchDocument[]): void {
    for (const doc of docs) {
      if (this.docs.has(doc.id)) this.mini.discard(doc.id)
      this.mini.add({ ...analyzeDocument(this.definition, doc), id: doc.id })
      this.docs.set(doc.id, doc)
    }
  }

  delete(ids: string[]): void {
    for (const id of ids) {
      if (!this.docs.has(id)) continue
      this.mini.discard(id)
      this.docs.delete(id)
    }
  }

  toSnapshot(): { mini: AsPlainObject; docs: SearchDocument[] } {
    return { mini: this.mini.toJSON(), docs: [...this.docs.values()] }
  }

  private textMatches(groups: QueryGroup[], predicate: Predicate): MiniResult[] {
    const filter = (r: MiniResult) => {
      const doc = this.docs.get(r.id)
      return !!doc && predicate(doc)
    }
    let results = this.mini.search(toMiniQuery(groups), { filter })
    if (results.length > 0 || groups.length < 2) return results
    // Nothing matched every word: drop single-character words, then words from the end, the way
    // Meilisearch's "last" matching strategy does, rather than answer a long query with nothing.
    let rest = groups.filter((g) => g.some((alt) => alt.some((w) => w.word.length > 1)))
    if (rest.length === groups.length) rest = groups.slice(0, -1)
    while (rest.length > 0) {
      results = this.mini.search(toMiniQuery(rest), { filter })
      if (results.length > 0) return results
      rest = rest.slice(0, -1)
    }
    return results
  }

  /** Every match in final order, before paging. */
  match(plan: QueryPlan, query: NormalizedQuery): Match[] {
    const predicate = compileFilter(query.filter)
    let matches: Match[]
    if (plan.groups.length === 0) {
      matches = []
      for (const doc of this.docs.values())
        if (predicate(doc)) matches.push({ id: doc.id, score: 0, terms: [] })
    } else {
      matches = this.textMatches(plan.groups, predicate).map((r) => ({
        id: r.id,
        score: r.score,
        terms: r.terms,
      }))
    }
    if (query.sort.length > 0) this.sort(matches, query.sort)
    return matches
  }

  private sort(matches: Match[], sort: SortSpec[]): void {
    matches.sort((x, y) => {
      const a = this.docs.get(x.id)!
      const b = this.docs.get(y.id)!
      for (const { field, order } of sort) {
        const va = a[field]
        const vb = b[field]
        const missing = va === undefined || va === null || vb === undefined || vb === null
        const c = compare(va, vb)
        if (c !== 0) return missing || order === 'asc' ? c : -c
      }
      return y.score - x.score
    })
  }

  facets(matches: Match[], fields: string[]): FacetCounts {
    const out: FacetCounts = {}
    for (const field of fields) {
      const counts: Record<string, number> = {}
      for (const m of matches) {
        const value = this.docs.get(m.id)?.[field]
        const values = Array.isArray(value) ? new Set(value) : [value]
        for (const v of values) {
          if (v === undefined || v === null || typeof v === 'object') continue
          const key = String(v)
          counts[key] = (counts[key] ?? 0) + 1
        }
      }
      out[field] = counts
    }
    return out
  }
}
