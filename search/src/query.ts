import {
  DEFAULT_PER_PAGE,
  type IndexDefinition,
  MAX_PER_PAGE,
  MAX_QUERY_LENGTH,
  type SearchQuery,
  type SortSpec,
} from './engine.ts'
import { InvalidSearchQueryError } from './errors.ts'
import type { Filter } from './filter.ts'

// Both adapters validate a query against the index definition before running it, so a bad field or
// a hostile value fails the same way everywhere: InvalidSearchQueryError, never an engine error.

export type NormalizedQuery = {
  text: string
  /** `filter` and every facet pick together: what the hits match. */
  filter: Filter | undefined
  /** The facet picks, by facet field; `filterWithout` leaves one out for that facet's counts. */
  facetFilters: Record<string, Filter>
  /** The caller's `filter` alone. */
  baseFilter: Filter | undefined
  facets: string[]
  sort: SortSpec[]
  page: number
  perPage: number
  highlight: boolean
}

const MAX_FILTER_DEPTH = 8
const MAX_FILTER_NODES = 200
const MAX_VALUE_LENGTH = 200
const MAX_PAGE = 1000

function invalid(message: string, details?: Record<string, unknown>): never {
  throw new InvalidSearchQueryError(message, details)
}

function checkScalar(value: unknown, field: string): void {
  if (typeof value === 'string') {
    if (value.length > MAX_VALUE_LENGTH) invalid(`filter value for ${field} is too long`, { field })
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) invalid(`filter value for ${field} must be a finite number`, { field })
  } else if (typeof value !== 'boolean') {
    invalid(`filter value for ${field} must be a string, number or boolean`, { field })
  }
}

function checkFilter(def: IndexDefinition, filter: Filter, depth: number, count: { n: number }): void {
  count.n += 1
  if (depth > MAX_FILTER_DEPTH || count.n > MAX_FILTER_NODES) invalid('filter is too complex')
  if (typeof filter !== 'object' || filter === null) invalid('filter must be an object')
  const field = 'field' in filter ? filter.field : undefined
  if (field !== undefined && !def.filterable.includes(field)) {
    invalid(`field ${String(field)} cannot be filtered`, { field, filterable: def.filterable })
  }
  switch (filter.op) {
    case 'eq':
      checkScalar(filter.value, filter.field)
      return
    case 'in':
      if (!Array.isArray(filter.values) || filter.values.length === 0 || filter.values.length > 100) {
        invalid(`filter on ${filter.field} needs 1 to 100 values`, { field: filter.field })
      }
      for (const v of filter.values) checkScalar(v, filter.field)
      return
    case 'range': {
      const bounds = [filter.gte, filter.lte, filter.gt, filter.lt].filter((b) => b !== undefined)
      if (bounds.length === 0) invalid(`range on ${filter.field} needs a bound`, { field: filter.field })
      for (const b of bounds) {
        if (typeof b !== 'number' || !Number.isFinite(b)) {
          invalid(`range bounds on ${filter.field} must be finite numbers`, { field: filter.field })
        }
      }
      return
    }
    case 'and':
    case 'or':
      if (!Array.isArray(filter.filters) || filter.filters.length === 0) invalid(`${filter.op} needs filters`)
      for (const child of filter.filters) checkFilter(def, child, depth + 1, count)
      return
    case 'not':
      checkFilter(def, filter.filter, depth + 1, count)
      return
    case 'geo': {
      if (!def.geo) invalid(`index ${def.name} has no location`)
      const { lat, lng, meters } = filter
      const ok =
        Number.isFinite(lat) &&
        Number.isFinite(lng) &&
        Number.isFinite(meters) &&
        Math.abs(lat) <= 90 &&
        Math.abs(lng) <= 180 &&
        meters > 0 &&
        meters <= 2_000_000
      if (!ok) invalid('geo radius needs lat −90…90, lng −180…180 and 0 < meters ≤ 2,000 km')
      return
    }
    default:
      invalid(`unknown filter operator ${String((filter as { op?: unknown }).op)}`)
  }
}

function positiveInt(value: number | undefined, fallback: number, max: number, name: string): number {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value < 1 || value > max)
    invalid(`${name} must be an integer from 1 to ${max}`)
  return value
}

export function normalizeQuery(def: IndexDefinition, query: SearchQuery): NormalizedQuery {
  const text = query.text ?? ''
  if (typeof text !== 'string') invalid('text must be a string')
  if (text.length > MAX_QUERY_LENGTH) invalid(`text is longer than ${MAX_QUERY_LENGTH} characters`)
  if (query.filter !== undefined) checkFilter(def, query.filter, 0, { n: 0 })
  const facetFilters = query.facetFilters ?? {}
  if (typeof facetFilters !== 'object' || facetFilters === null) invalid('facetFilters must be an object')
  for (const [field, filter] of Object.entries(facetFilters)) {
    if (!def.facetable.includes(field))
      invalid(`field ${field} has no facet`, { field, facetable: def.facetable })
    checkFilter(def, filter, 0, { n: 0 })
  }
  const facets = query.facets ?? []
  for (const facet of facets) {
    if (!def.facetable.includes(facet))
      invalid(`field ${facet} has no facet`, { field: facet, facetable: def.facetable })
  }
  const sort = query.sort ?? []
  for (const s of sort) {
    if (!def.sortable.includes(s.field))
      invalid(`field ${s.field} cannot be sorted`, { field: s.field, sortable: def.sortable })
    if (s.order !== 'asc' && s.order !== 'desc') invalid('sort order must be asc or desc')
  }
  return {
    text,
    filter: joinFilters(query.filter, facetFilters, undefined),
    facetFilters,
    baseFilter: query.filter,
    facets,
    sort,
    page: positiveInt(query.page, 1, MAX_PAGE, 'page'),
    perPage: positiveInt(query.perPage, DEFAULT_PER_PAGE, MAX_PER_PAGE, 'perPage'),
    highlight: query.highlight ?? false,
  }
}

function joinFilters(
  filter: Filter | undefined,
  picks: Record<string, Filter>,
  except: string | undefined,
): Filter | undefined {
  const parts = [
    ...(filter ? [filter] : []),
    ...Object.entries(picks)
      .filter(([field]) => field !== except)
      .map(([, pick]) => pick),
  ]
  if (parts.length <= 1) return parts[0]
  return { op: 'and', filters: parts }
}

/** The filter a facet's counts use: the query's filter and every pick except the one made on `facet`. */
export function filterWithout(query: NormalizedQuery, facet: string): Filter | undefined {
  return joinFilters(query.baseFilter, query.facetFilters, facet)
}
