// @liandong/search — the public surface. The server creates one engine (createSearchEngine decides
// which), ensures INDEX_DEFINITIONS, maps rows with the *ToDocument functions, and drains the outbox.

export { DOMAIN_WORDS } from './analysis/dictionary.ts'
export { DEFAULT_SYNONYMS, mergeSynonyms, type SynonymTable } from './analysis/synonyms.ts'
export { createSearchEngine } from './create.ts'
export { type EmbeddedOptions, EmbeddedSearchEngine } from './embedded/embedded-engine.ts'
export type {
  DocumentSource,
  EngineHealth,
  FacetCounts,
  GeoPoint,
  HighlightPart,
  IndexDefinition,
  IndexStats,
  ReplaceProgress,
  SearchableField,
  SearchDocument,
  SearchEngine,
  SearchHit,
  SearchQuery,
  SearchResult,
  SortOrder,
  SortSpec,
} from './engine.ts'
export { DEFAULT_PER_PAGE, MAX_PER_PAGE, MAX_QUERY_LENGTH } from './engine.ts'
export {
  InvalidSearchQueryError,
  SearchError,
  type SearchErrorCode,
  SearchUnavailableError,
  UnknownIndexError,
} from './errors.ts'
export { AREA_FIELD, type Filter, f, type RangeBounds, type Scalar } from './filter.ts'
export { AREA_NAMES, areaCodesOf } from './indexes/areas.ts'
export { NEED_CATEGORY_LABELS, RECIPIENT_CATEGORY_LABELS, RESOURCE_TYPE_LABELS } from './indexes/labels.ts'
export {
  type NeedDocument,
  type NeedInput,
  type NeedUrgency,
  needsIndex,
  needToDocument,
} from './indexes/needs.ts'
export { needKeywords } from './indexes/needs-keywords.ts'
export {
  type OpportunityDocument,
  type OpportunityInput,
  opportunitiesIndex,
  opportunityToDocument,
} from './indexes/opportunities.ts'
export { INDEX_DEFINITIONS } from './indexes/registry.ts'
export {
  type ResourceDocument,
  type ResourceInput,
  resourcesIndex,
  resourceToDocument,
} from './indexes/resources.ts'
export { type MeiliOptions, MeiliSearchEngine } from './meili/meili-engine.ts'

export { inBatches, type ReindexOptions, type ReindexProgress, reindex } from './reindex.ts'
export {
  backoffMs,
  coalesce,
  type DrainOptions,
  type DrainResult,
  drainOutbox,
  type OutboxFailure,
  type OutboxOp,
  type OutboxSource,
} from './sync.ts'
