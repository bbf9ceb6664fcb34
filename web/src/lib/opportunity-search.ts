import type { OpportunitySearchQuery } from '$lib/api/volunteer-types.ts'
import { queryString, readFilters, readPage } from '$lib/search.svelte.ts'
import { todayInChina } from '$lib/volunteer-profile.ts'

/** The checkable filters: URL parameter (as the API names it) → the facet that counts it. */
export const opportunityFacets = {
  needCategory: 'needCategory',
  skill: 'skills',
  district: 'districtCode',
} as const
export type OpportunityFacet = keyof typeof opportunityFacets
const facetKeys = Object.keys(opportunityFacets) as OpportunityFacet[]

/** The date facet's buckets, as the API counts them. */
export const whenBuckets = ['today', 'next7Days', 'next30Days', 'later'] as const
export type When = (typeof whenBuckets)[number]

export const OPPORTUNITIES_PER_PAGE = 20

export interface OpportunityParams {
  q: string
  filters: Record<OpportunityFacet, string[]>
  when: When | ''
  hasSpots: boolean
  page: number
}

export function parseOpportunitySearch(params: URLSearchParams): OpportunityParams {
  const when = params.get('when') ?? ''
  return {
    q: params.get('q') ?? '',
    filters: readFilters(params, facetKeys),
    when: (whenBuckets as readonly string[]).includes(when) ? (when as When) : '',
    hasSpots: params.get('hasSpots') === 'true',
    page: readPage(params),
  }
}

export const opportunitySearchHref = (p: OpportunityParams) =>
  queryString(
    p.q,
    p.filters,
    { when: p.when || undefined, hasSpots: p.hasSpots ? 'true' : undefined },
    p.page,
  )

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

/** The days (China time) a date bucket covers, as the API's `from` and `to`. */
export function whenRange(when: When | '', today = todayInChina()): { from?: string; to?: string } {
  if (when === 'today') return { from: today, to: today }
  if (when === 'next7Days') return { from: today, to: addDays(today, 6) }
  if (when === 'next30Days') return { from: today, to: addDays(today, 29) }
  if (when === 'later') return { from: addDays(today, 30) }
  return {}
}

export function opportunityQuery(p: OpportunityParams): OpportunitySearchQuery {
  const query: OpportunitySearchQuery = { page: p.page, perPage: OPPORTUNITIES_PER_PAGE }
  if (p.q.trim()) query.q = p.q.trim()
  if (p.filters.needCategory.length)
    query.needCategory = p.filters.needCategory as NonNullable<OpportunitySearchQuery['needCategory']>
  if (p.filters.skill.length) query.skill = p.filters.skill as NonNullable<OpportunitySearchQuery['skill']>
  if (p.filters.district.length) query.district = p.filters.district
  Object.assign(query, whenRange(p.when))
  if (p.hasSpots) query.hasSpots = true
  return query
}
