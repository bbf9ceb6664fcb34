import { type EnqueuedTaskPromise, type Index, Meilisearch, type Task } from 'meilisearch'
import { analyzeDocument, INITIALS_FIELD, PINYIN_FIELD, TERMS_PREFIX } from '../analysis/document.ts'
import { foldText } from '../analysis/normalize.ts'
import { DEFAULT_SYNONYMS, Synonyms, type SynonymTable } from '../analysis/synonyms.ts'
import type {
  DocumentSource,
  EngineHealth,
  FacetCounts,
  IndexDefinition,
  IndexStats,
  ReplaceProgress,
  SearchDocument,
  SearchEngine,
  SearchHit,
  SearchQuery,
  SearchResult,
} from '../engine.ts'
import { SearchUnavailableError, UnknownIndexError } from '../errors.ts'
import { filterWithout, normalizeQuery } from '../query.ts'
import { mapMeiliError } from './meili-errors.ts'
import { toMeiliFilter } from './meili-filter.ts'
import { highlightField, POST, PRE, spelledTerms } from './meili-highlight.ts'
import { meiliSettings } from './meili-settings.ts'

export type MeiliOptions = {
  url: string
  apiKey?: string
  /** How long to wait for an indexing task before calling the engine unavailable. */
  taskTimeoutMs?: number
  synonyms?: SynonymTable
}

type Write = { kind: 'upsert'; docs: SearchDocument[] } | { kind: 'delete'; ids: string[] }

function isAnalyzedField(key: string): boolean {
  return key.startsWith(TERMS_PREFIX) || key === PINYIN_FIELD || key === INITIALS_FIELD
}

function stripAnalyzed(hit: Record<string, unknown>): SearchDocument {
  const doc: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(hit))
    if (!isAnalyzedField(k) && k !== '_formatted' && k !== '_matchesPosition') doc[k] = v
  return doc as SearchDocument
}

export class MeiliSearchEngine implements SearchEngine {
  readonly kind = 'meilisearch'
  private readonly client: Meilisearch
  private readonly timeout: number
  private readonly definitions = new Map<string, IndexDefinition>()
  /** Writes made while replaceAll fills a temporary index, replayed onto it before the swap. */
  private readonly pending = new Map<string, Write[]>()
  private synonyms: Synonyms

  constructor(options: MeiliOptions) {
    this.client = new Meilisearch({ host: options.url, apiKey: options.apiKey })
    this.timeout = options.taskTimeoutMs ?? 30_000
    this.synonyms = new Synonyms(options.synonyms ?? DEFAULT_SYNONYMS)
  }

  private definition(name: string): IndexDefinition {
    const def = this.definitions.get(name)
    if (!def) throw new UnknownIndexError(`index ${name} was not ensured`, { index: name })
    return def
  }

  /** Every write waits for its task, so a caller that saw success can search for what it wrote. */
  private async wait(enqueued: EnqueuedTaskPromise, index: string, tolerate: string[] = []): Promise<Task> {
    let task: Task
    try {
      task = await enqueued.waitTask({ timeout: this.timeout })
    } catch (error) {
      throw mapMeiliError(error, index)
    }
    if (task.status !== 'succeeded' && !tolerate.includes(task.error?.code ?? '')) {
      if (task.error?.code === 'index_not_found')
        throw new UnknownIndexError(`index ${index} does not exist`, { index })
      throw new SearchUnavailableError(`Meilisearch task ${task.uid} ${task.status}`, {
        index,
        code: task.error?.code,
        message: task.error?.message,
      })
    }
    return task
  }

  private async call<T>(index: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (error) {
      throw mapMeiliError(error, index)
    }
  }

  private toMeiliDocs(def: IndexDefinition, docs: SearchDocument[]): Record<string, unknown>[] {
    return docs.map((doc) => ({ ...doc, ...analyzeDocument(def, doc) }))
  }

  private async createWithSettings(uid: string, def: IndexDefinition): Promise<void> {
    await this.wait(this.client.createIndex(uid, { primaryKey: 'id' }), uid, ['index_already_exists'])
    await this.wait(this.client.index(uid).updateSettings(meiliSettings(def, this.synonyms)), uid)
  }

  async ensureIndex(definition: IndexDefinition): Promise<void> {
    await this.createWithSettings(definition.name, definition)
    this.definitions.set(definition.name, definition)
  }

  private async write(uid: string, def: IndexDefinition, w: Write): Promise<void> {
    const index: Index = this.client.index(uid)
    if (w.kind === 'upsert') {
      if (w.docs.length > 0)
        await this.wait(index.addDocuments(this.toMeiliDocs(def, w.docs), { primaryKey: 'id' }), uid)
    } else if (w.ids.length > 0) {
      await this.wait(index.deleteDocuments(w.ids), uid)
    }
  }

  async upsert(index: string, docs: SearchDocument[]): Promise<void> {
    await this.write(index, this.definition(index), { kind: 'upsert', docs })
    this.pending.get(index)?.push({ kind: 'upsert', docs })
  }

  async delete(index: string, ids: string[]): Promise<void> {
    await this.write(index, this.definition(index), { kind: 'delete', ids })
    this.pending.get(index)?.push({ kind: 'delete', ids })
  }

  async search<D extends SearchDocument = SearchDocument>(
    name: string,
    query: SearchQuery,
  ): Promise<SearchResult<D>> {
    const def = this.definition(name)
    const q = normalizeQuery(def, query)
    const text = foldText(q.text).trim()
    const params = {
      filter: q.filter ? toMeiliFilter(q.filter) : undefined,
      facets: q.facets.length > 0 ? q.facets : undefined,
      sort: q.sort.length > 0 ? q.sort.map((s) => `${s.field}:${s.order}`) : undefined,
      page: q.page,
      hitsPerPage: q.perPage,
      attributesToHighlight: q.highlight ? def.highlight : undefined,
      highlightPreTag: PRE,
      highlightPostTag: POST,
      // Where the pinyin fields matched, so highlights can mark the Chinese words they spell.
      showMatchesPosition: q.highlight ? true : undefined,
      matchingStrategy: 'last' as const,
    }
    // Disjunctive facets, as Meilisearch's guide builds them: a facet with a pick of its own is counted
    // by one more query without that pick (limit 0: counts only), sent with the main one in a single
    // multi-search request.
    const picked = q.facets.filter((field) => field in q.facetFilters)
    const { response, pickedCounts } = await this.call(name, async () => {
      if (picked.length === 0)
        return { response: await this.client.index(name).search(text, params), pickedCounts: [] }
      const { results } = await this.client.multiSearch({
        queries: [
          {
            indexUid: name,
            q: text,
            ...params,
            facets: q.facets.filter((field) => !picked.includes(field)),
          },
          ...picked.map((field) => {
            const without = filterWithout(q, field)
            return {
              indexUid: name,
              q: text,
              matchingStrategy: 'last' as const,
              filter: without ? toMeiliFilter(without) : undefined,
              facets: [field],
              limit: 0,
            }
          }),
        ],
      })
      return { response: results[0]!, pickedCounts: results.slice(1) }
    })
    const hits: SearchHit<D>[] = response.hits.map((raw) => {
      const document = stripAnalyzed(raw) as D
      if (!q.highlight) return { id: document.id, document }
      const formatted = (raw._formatted ?? {}) as Record<string, unknown>
      const spelled = spelledTerms(raw)
      const highlights = Object.fromEntries(
        def.highlight.map((f) => [f, highlightField(document, f, formatted[f], spelled)]),
      )
      return { id: document.id, document, highlights }
    })
    const facets: FacetCounts = {}
    for (const facet of q.facets) facets[facet] = { ...(response.facetDistribution?.[facet] ?? {}) }
    for (const [i, field] of picked.entries())
      facets[field] = { ...(pickedCounts[i]?.facetDistribution?.[field] ?? {}) }
    return {
      hits,
      // Page mode (page + hitsPerPage) always reports both; the multi-search type also covers offset mode.
      total: response.totalHits ?? 0,
      page: q.page,
      perPage: q.perPage,
      totalPages: response.totalPages ?? 0,
      facets,
    }
  }

  async stats(index: string): Promise<IndexStats> {
    this.definition(index)
    const stats = await this.call(index, () => this.client.index(index).getStats())
    return { documents: stats.numberOfDocuments }
  }

  async health(): Promise<EngineHealth> {
    try {
      const h = await this.client.health()
      return { ok: h.status === 'available', engine: this.kind, detail: h.status }
    } catch (error) {
      return { ok: false, engine: this.kind, detail: mapMeiliError(error).message }
    }
  }

  async replaceAll(
    name: string,
    source: DocumentSource,
    onProgress?: (p: ReplaceProgress) => void,
  ): Promise<void> {
    const def = this.definition(name)
    if (this.pending.has(name)) throw new Error(`a rebuild of ${name} is already running`)
    const tmp = `${name}__rebuild_${Date.now().toString(36)}`
    const writes: Write[] = []
    this.pending.set(name, writes)
    try {
      await this.createWithSettings(tmp, def)
      let indexed = 0
      for await (const batch of source) {
        await this.write(tmp, def, { kind: 'upsert', docs: batch })
        indexed += batch.length
        onProgress?.({ indexed })
      }
      // Writes that reached the live index meanwhile are newer than the source's rows: replay them.
      while (writes.length > 0) await this.write(tmp, def, writes.shift()!)
      // Meilisearch swaps atomically: searches see the old index until the task completes, then the new.
      await this.wait(this.client.swapIndexes([{ indexes: [name, tmp], rename: false }]), name)
    } finally {
      this.pending.delete(name)
      await this.call(tmp, () => this.client.deleteIndexIfExists(tmp)).catch(() => undefined)
    }
  }

  async setSynonyms(table: SynonymTable): Promise<void> {
    const next = new Synonyms(table)
    for (const name of this.definitions.keys()) {
      await this.wait(this.client.index(name).updateSynonyms(next.toRecord()), name)
    }
    this.synonyms = next
  }

  getSynonyms(): SynonymTable {
    return this.synonyms.table
  }

  async dropIndex(index: string): Promise<void> {
    await this.call(index, () => this.client.deleteIndexIfExists(index))
    this.definitions.delete(index)
  }

  async close(): Promise<void> {
    // The client holds no connections of its own (fetch); nothing to release.
  }
}
