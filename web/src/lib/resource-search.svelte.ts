import { api, type ResourceSearchQuery, type ResourceSearchResult } from '$lib/api/client.ts'
import { toApiError, unwrap } from '$lib/api/errors.ts'

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
  const filters = {} as Record<FacetParam, string[]>
  for (const key of facetParams) filters[key] = [...new Set(params.getAll(key).filter(Boolean))]
  const page = Number(params.get('page'))
  return {
    q: params.get('q') ?? '',
    filters,
    hasCapacity: params.get('hasCapacity') === 'true',
    page: Number.isInteger(page) && page > 1 ? Math.min(page, 1000) : 1,
  }
}

/** The query string of a search (only what differs from the defaults), starting with `?`. */
export function searchHref(p: SearchParams): string {
  const out = new URLSearchParams()
  if (p.q.trim()) out.set('q', p.q.trim())
  for (const key of facetParams) for (const value of p.filters[key]) out.append(key, value)
  if (p.hasCapacity) out.set('hasCapacity', 'true')
  if (p.page > 1) out.set('page', String(p.page))
  const text = out.toString()
  return text ? `?${text}` : '?'
}

export const activeFilterCount = (p: SearchParams) =>
  facetParams.reduce((n, key) => n + p.filters[key].length, 0) + (p.hasCapacity ? 1 : 0)

/**
 * Results for the directory. Each search aborts the one before it, so a slow answer to an old
 * query can never replace the answer to the newest one.
 */
export class ResourceSearch {
  result = $state<ResourceSearchResult | null>(null)
  loading = $state(false)
  error = $state<string | null>(null)
  #controller: AbortController | undefined

  async run(p: SearchParams): Promise<void> {
    this.#controller?.abort()
    const controller = new AbortController()
    this.#controller = controller
    this.loading = true
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
    try {
      const data = await unwrap(
        api.GET('/api/search/resources', { params: { query }, signal: controller.signal }),
      )
      if (controller.signal.aborted) return
      this.result = data
      this.error = null
    } catch (error) {
      if (controller.signal.aborted) return
      this.error = toApiError(error).message
    } finally {
      if (this.#controller === controller) this.loading = false
    }
  }

  cancel() {
    this.#controller?.abort()
  }
}
