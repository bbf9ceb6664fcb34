import { highlightText } from '../analysis/highlight.ts'
import { planQuery } from '../analysis/query-plan.ts'
import { DEFAULT_SYNONYMS, Synonyms, type SynonymTable } from '../analysis/synonyms.ts'
import type {
  DocumentSource,
  EngineHealth,
  IndexDefinition,
  IndexStats,
  ReplaceProgress,
  SearchDocument,
  SearchEngine,
  SearchHit,
  SearchQuery,
  SearchResult,
} from '../engine.ts'
import { UnknownIndexError } from '../errors.ts'
import { normalizeQuery } from '../query.ts'
import { EmbeddedIndex } from './embedded-index.ts'
import { loadSnapshot, saveSnapshot } from './snapshot.ts'

type Write = { kind: 'upsert'; docs: SearchDocument[] } | { kind: 'delete'; ids: string[] }

export type EmbeddedOptions = { synonyms?: SynonymTable }

/** Lets other work (searches, outbox writes) run between batches while a large index is rebuilt. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

export class EmbeddedSearchEngine implements SearchEngine {
  readonly kind = 'embedded'
  private readonly indexes = new Map<string, EmbeddedIndex>()
  /** Writes that arrive while replaceAll builds a fresh index, replayed onto it before the swap. */
  private readonly pending = new Map<string, Write[]>()
  private synonyms: Synonyms

  constructor(options: EmbeddedOptions = {}) {
    this.synonyms = new Synonyms(options.synonyms ?? DEFAULT_SYNONYMS)
  }

  private index(name: string): EmbeddedIndex {
    const index = this.indexes.get(name)
    if (!index) throw new UnknownIndexError(`index ${name} was not ensured`, { index: name })
    return index
  }

  async ensureIndex(definition: IndexDefinition): Promise<void> {
    const existing = this.indexes.get(definition.name)
    if (existing && JSON.stringify(existing.definition) === JSON.stringify(definition)) return
    // Settings changed (or first time): re-analyse whatever is already there under the new definition.
    const fresh = new EmbeddedIndex(definition)
    if (existing) fresh.upsert([...existing.documents()])
    this.indexes.set(definition.name, fresh)
  }

  async upsert(index: string, docs: SearchDocument[]): Promise<void> {
    this.index(index).upsert(docs)
    this.pending.get(index)?.push({ kind: 'upsert', docs })
  }

  async delete(index: string, ids: string[]): Promise<void> {
    this.index(index).delete(ids)
    this.pending.get(index)?.push({ kind: 'delete', ids })
  }

  async search<D extends SearchDocument = SearchDocument>(
    name: string,
    query: SearchQuery,
  ): Promise<SearchResult<D>> {
    const index = this.index(name)
    const q = normalizeQuery(index.definition, query)
    const plan = planQuery(q.text, this.synonyms)
    const answer = index.search(plan, q)
    const hits: SearchHit<D>[] = answer.hits.map((hit) => {
      const document = index.document(hit.doc) as D
      if (!q.highlight) return { id: hit.id, document }
      const highlights = Object.fromEntries(
        index.definition.highlight.map((field) => [field, highlightText(document[field], hit.terms)]),
      )
      return { id: hit.id, document, highlights }
    })
    return {
      hits,
      total: answer.total,
      page: q.page,
      perPage: q.perPage,
      totalPages: Math.ceil(answer.total / q.perPage),
      facets: answer.facets,
    }
  }

  async stats(index: string): Promise<IndexStats> {
    return { documents: this.index(index).size }
  }

  async health(): Promise<EngineHealth> {
    return { ok: true, engine: this.kind }
  }

  async replaceAll(
    name: string,
    source: DocumentSource,
    onProgress?: (p: ReplaceProgress) => void,
  ): Promise<void> {
    const current = this.index(name)
    if (this.pending.has(name)) throw new Error(`a rebuild of ${name} is already running`)
    const writes: Write[] = []
    this.pending.set(name, writes)
    try {
      const fresh = new EmbeddedIndex(current.definition)
      let indexed = 0
      for await (const batch of source) {
        fresh.upsert(batch)
        indexed += batch.length
        onProgress?.({ indexed })
        await yieldToEventLoop()
      }
      for (const w of writes) {
        if (w.kind === 'upsert') fresh.upsert(w.docs)
        else fresh.delete(w.ids)
      }
      // The swap is one assignment: a search sees either the old index or the complete new one.
      this.indexes.set(name, fresh)
    } finally {
      this.pending.delete(name)
    }
  }

  async setSynonyms(table: SynonymTable): Promise<void> {
    this.synonyms = new Synonyms(table)
  }

  getSynonyms(): SynonymTable {
    return this.synonyms.table
  }

  async dropIndex(index: string): Promise<void> {
    this.indexes.delete(index)
  }

  /** Writes every index to `dir` so the next start can load instead of rebuilding. */
  async saveSnapshot(dir: string): Promise<void> {
    await saveSnapshot(dir, [...this.indexes.values()])
  }

  /**
   * Loads the indexes found in `dir` that match the current definitions and analysis version; returns
   * the names loaded. An index not loaded must be rebuilt (reindex), and one that was loaded is only
   * as fresh as the snapshot — the server reindexes in the background after loading.
   */
  async loadSnapshot(dir: string, definitions: IndexDefinition[]): Promise<string[]> {
    const loaded = await loadSnapshot(dir, definitions)
    for (const index of loaded) this.indexes.set(index.definition.name, index)
    return loaded.map((i) => i.definition.name)
  }

  async close(): Promise<void> {
    this.indexes.clear()
  }
}
