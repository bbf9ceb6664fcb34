import type { SynonymTable } from './analysis/synonyms.ts'
import type { Filter } from './filter.ts'

// The one interface the server talks to. Two adapters implement it (embedded/ and meili/) and the
// conformance suite holds both to the same behaviour.

export type GeoPoint = { lat: number; lng: number }

/** A document as both adapters store it: flat, JSON-safe, keyed by `id`, `_geo` for the location. */
export type SearchDocument = { id: string; _geo?: GeoPoint | null } & Record<string, unknown>

export type SearchableField = {
  field: string
  /** Relative importance; fields are also listed in this order for Meilisearch's attribute rule. */
  weight: number
  /** Also index full pinyin and initials of this field's words, so `jiuye` and `jy` find 就业. */
  pinyin?: boolean
}

export type IndexDefinition = {
  name: string
  searchable: SearchableField[]
  filterable: string[]
  facetable: string[]
  sortable: string[]
  /** Documents carry `_geo: { lat, lng }` and may be filtered by radius. */
  geo: boolean
  /** Fields returned with matched words marked. */
  highlight: string[]
}

export type SortOrder = 'asc' | 'desc'
export type SortSpec = { field: string; order: SortOrder }

export type SearchQuery = {
  /** Free text: Chinese, pinyin, initials or Latin words. Empty or absent means "everything". */
  text?: string
  filter?: Filter
  /**
   * What the user picked in facets, keyed by the facet field the pick was made on (`districtCodes` →
   * f.district(…)). Hits match `filter` and every pick; a facet's counts ignore its own pick
   * (disjunctive facets), so choosing one district still shows how many each other district has.
   */
  facetFilters?: Record<string, Filter>
  /** Facetable fields to count values of, over all matches (not only the page). */
  facets?: string[]
  /** Without sort, best match first. With sort, the sort decides and relevance breaks ties. */
  sort?: SortSpec[]
  /** 1-based. */
  page?: number
  perPage?: number
  highlight?: boolean
}

/** A highlighted field is a list of parts, so no HTML ever travels through the engine. */
export type HighlightPart = { text: string; match: boolean }

export type SearchHit<D extends SearchDocument = SearchDocument> = {
  id: string
  document: D
  highlights?: Record<string, HighlightPart[]>
}

export type FacetCounts = Record<string, Record<string, number>>

export type SearchResult<D extends SearchDocument = SearchDocument> = {
  hits: SearchHit<D>[]
  total: number
  page: number
  perPage: number
  totalPages: number
  facets: FacetCounts
}

export type IndexStats = { documents: number }
export type EngineHealth = { ok: boolean; engine: string; detail?: string }
export type ReplaceProgress = { indexed: number }
export type DocumentSource = AsyncIterable<SearchDocument[]> | Iterable<SearchDocument[]>

export interface SearchEngine {
  /** 'embedded' or 'meilisearch' — shown by /api/ready. */
  readonly kind: string
  /** Create the index or bring its settings up to date. Idempotent. */
  ensureIndex(definition: IndexDefinition): Promise<void>
  /** Insert or replace whole documents by id. */
  upsert(index: string, docs: SearchDocument[]): Promise<void>
  /** Remove documents by id; unknown ids are ignored. */
  delete(index: string, ids: string[]): Promise<void>
  search<D extends SearchDocument = SearchDocument>(
    index: string,
    query: SearchQuery,
  ): Promise<SearchResult<D>>
  stats(index: string): Promise<IndexStats>
  health(): Promise<EngineHealth>
  /**
   * Build a fresh copy of the index from `source` and swap it in at the end, so searches see the old
   * documents until the new ones are complete — never an empty index.
   */
  replaceAll(index: string, source: DocumentSource, onProgress?: (p: ReplaceProgress) => void): Promise<void>
  /** Synonyms are data: the admin can extend them while the engine runs. */
  setSynonyms(table: SynonymTable): Promise<void>
  getSynonyms(): SynonymTable
  /** Remove the index and its documents (tests, and retiring an index). */
  dropIndex(index: string): Promise<void>
  close(): Promise<void>
}

export const DEFAULT_PER_PAGE = 20
export const MAX_PER_PAGE = 100
/** Longer text is refused rather than cut: nobody types this much into a search box. */
export const MAX_QUERY_LENGTH = 500
