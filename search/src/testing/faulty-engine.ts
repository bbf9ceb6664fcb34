import type { SynonymTable } from '../analysis/synonyms.ts'
import type {
  DocumentSource,
  EngineHealth,
  IndexDefinition,
  IndexStats,
  ReplaceProgress,
  SearchDocument,
  SearchEngine,
  SearchQuery,
  SearchResult,
} from '../engine.ts'
import { SearchUnavailableError } from '../errors.ts'

// Fault injection for sync and outage tests: wraps a real engine and fails writes and searches while
// `down` is set, or at random with `failRate`. Never used in production code.

export class FaultyEngine implements SearchEngine {
  readonly kind: string
  down = false
  failRate = 0
  calls = { upsert: 0, delete: 0, search: 0, failed: 0 }
  private seed: number

  constructor(
    readonly inner: SearchEngine,
    options: { seed?: number } = {},
  ) {
    this.kind = inner.kind
    this.seed = options.seed ?? 1
  }

  /** A small deterministic generator, so a failing run can be replayed exactly. */
  private random(): number {
    this.seed = (this.seed * 1_103_515_245 + 12_345) % 2_147_483_648
    return this.seed / 2_147_483_648
  }

  private check(operation: string): void {
    if (this.down || (this.failRate > 0 && this.random() < this.failRate)) {
      this.calls.failed += 1
      throw new SearchUnavailableError(`injected fault in ${operation}`)
    }
  }

  ensureIndex(definition: IndexDefinition): Promise<void> {
    return this.inner.ensureIndex(definition)
  }

  async upsert(index: string, docs: SearchDocument[]): Promise<void> {
    this.calls.upsert += 1
    this.check('upsert')
    await this.inner.upsert(index, docs)
  }

  async delete(index: string, ids: string[]): Promise<void> {
    this.calls.delete += 1
    this.check('delete')
    await this.inner.delete(index, ids)
  }

  async search<D extends SearchDocument = SearchDocument>(
    index: string,
    query: SearchQuery,
  ): Promise<SearchResult<D>> {
    this.calls.search += 1
    this.check('search')
    return this.inner.search<D>(index, query)
  }

  stats(index: string): Promise<IndexStats> {
    return this.inner.stats(index)
  }

  async health(): Promise<EngineHealth> {
    return this.down ? { ok: false, engine: this.kind, detail: 'injected outage' } : this.inner.health()
  }

  async replaceAll(
    index: string,
    source: DocumentSource,
    onProgress?: (p: ReplaceProgress) => void,
  ): Promise<void> {
    this.check('replaceAll')
    await this.inner.replaceAll(index, source, onProgress)
  }

  setSynonyms(table: SynonymTable): Promise<void> {
    return this.inner.setSynonyms(table)
  }

  getSynonyms(): SynonymTable {
    return this.inner.getSynonyms()
  }

  dropIndex(index: string): Promise<void> {
    return this.inner.dropIndex(index)
  }

  close(): Promise<void> {
    return this.inner.close()
  }
}
