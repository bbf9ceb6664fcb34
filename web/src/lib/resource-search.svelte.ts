import { api, type ResourceSearchQuery, type ResourceSearchResult } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'
import { LatestRequest, queryString, readFilters, readPage } from '$lib/search.svelte.ts'

/** The checkable filters: URL parameter (as the API names it) → the facet that counts it. */
export const facetFields = {
  needCategory: 'needCategories',
  resourceType: 'resourceType',
  recipientCategory: 'recipientCategories',
  district: 'districtCodes',
} as const
export type FacetParam = keyof typeof facetFields
export const facetParams = Object.keys(facetFields) as FacetParam[]

export const PER_PAGE = 20

/** What the directory shows, as its address says: `?q=就业&needCategory=employment&page=2`. */
export interface SearchParams {
  q: string
  filters: Record<FacetParam, string[]>
  hasCapacity: boolean
  page: number
}

export function parseSearch(params: URLSearchParams): SearchParams {
  return {
    q: params.get('q') ?? '',
    filters: readFilters(params, facetParams),
    hasCapacity: params.get('hasCapacity') === 'true',
    page: readPage(params),
  }
}

/** The query string of a search (only what differs from the defaults), starting with `?`. */
export function searchHref(p: SearchParams): string {
  return queryString(p.q, p.filters, { hasCapacity: p.hasCapacity ? 'true' : undefined }, p.page)
}

export const activeFilterCount = (p: SearchParams) =>
  facetParams.reduce((n, key) => n + p.filters[key].length, 0) + (p.hasCapacity ? 1 : 0)

/** Results for the directory; only the answer to the newest search shows. */
export class ResourceSearch extends LatestRequest<ResourceSearchResult> {
  override run(p: SearchParams | ((signal: AbortSignal) => Promise<ResourceSearchResult>)): Promise<void> {
    if (typeof p === 'function') return super.run(p)
    const query: ResourceSearchQuery = { page: p.page, perPage: PER_PAGE }
    if (p.q.trim()) query.q = p.q.trim()
    if (p.filters.needCategory.length)
      query.needCategory = p.filters.needCategory as NonNullable<ResourceSearchQuery['needCategory']>
    if (p.filters.resourceType.length)
      query.resourceType = p.filters.resourceType as NonNullable<ResourceSearchQuery['resourceType']>
    if (p.filters.recipientCategory.length)
      query.recipientCategory = p.filters.recipientCategory as NonNullable<
        ResourceSearchQuery['recipientCategory']
      >
    if (p.filters.district.length) query.district = p.filters.district
    if (p.hasCapacity) query.hasCapacity = true
    return super.run((signal) => unwrap(api.GET('/api/search/resources', { params: { query }, signal })))
  }
}
