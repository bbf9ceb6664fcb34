import {
  type Filter,
  f,
  InvalidSearchQueryError,
  type NeedDocument,
  type SearchEngine,
  type SearchResult,
  SearchUnavailableError,
  type SortSpec,
} from '@liandong/search'
import type { Static } from 'typebox'
import type { Principal } from '../../auth/principal.ts'
import { AppError, ValidationError } from '../../errors.ts'
import type { NeedSearchQuery } from './need.schemas.ts'
import { NEEDS_INDEX } from './need-documents.ts'
import { OPEN_TO_PARTNERS } from './need-status.ts'
import type { AgeBand, NeedStatus, NeedUrgency } from './need-types.ts'

const FACETS = ['needCategories', 'districtCode', 'urgency', 'ageBand', 'recipientCategories']

/**
 * Open and matched needs of every agency, plus every indexed need of the caller's own agencies.
 * Closed and withdrawn needs are not in the index at all.
 */
export function needVisibility(principal: Principal): Filter {
  const open = f.in('status', [...OPEN_TO_PARTNERS])
  const own = principal.orgIdsFor('need.read')
  return own.length ? f.or(open, f.in('orgId', own)) : open
}

export function needSearch(engine: SearchEngine) {
  return async (principal: Principal, query: Static<typeof NeedSearchQuery>) => {
    // Picks are keyed by the facet they are made on, so each facet still counts its other values.
    const picks: Record<string, Filter> = {}
    if (query.needCategory?.length) picks.needCategories = f.in('needCategories', query.needCategory)
    if (query.recipientCategory?.length)
      picks.recipientCategories = f.in('recipientCategories', query.recipientCategory)
    if (query.urgency?.length) picks.urgency = f.in('urgency', query.urgency)
    if (query.ageBand?.length) picks.ageBand = f.in('ageBand', query.ageBand)
    if (query.district?.length) picks.districtCode = f.district(query.district)
    const sort: SortSpec[] | undefined =
      query.sort === 'newest'
        ? [{ field: 'createdAt', order: 'desc' }]
        : query.sort === 'urgency'
          ? [
              { field: 'urgencyRank', order: 'desc' },
              { field: 'createdAt', order: 'desc' },
            ]
          : undefined
    let result: SearchResult<NeedDocument>
    try {
      result = await engine.search<NeedDocument>(NEEDS_INDEX, {
        text: query.q?.trim() ?? '',
        filter: needVisibility(principal),
        facetFilters: picks,
        facets: FACETS,
        ...(sort ? { sort } : {}),
        page: query.page ?? 1,
        perPage: query.perPage ?? 20,
        highlight: true,
      })
    } catch (error) {
      if (error instanceof InvalidSearchQueryError)
        throw new ValidationError([{ field: 'querystring.q', code: 'field.invalid_value' }])
      if (error instanceof SearchUnavailableError) throw new AppError(503, 'search_unavailable')
      throw error
    }
    return {
      ...result,
      hits: result.hits.map(({ document: d, highlights }) => ({
        id: d.id,
        orgId: d.orgId,
        publicSummary: d.publicSummary,
        needCategories: d.needCategories,
        recipientCategories: d.recipientCategories,
        districtCode: d.districtCode,
        urgency: d.urgency as NeedUrgency,
        ageBand: d.ageBand as AgeBand,
        status: d.status as NeedStatus,
        createdAt: new Date(d.createdAt).toISOString(),
        highlights: highlights?.publicSummary ? { publicSummary: highlights.publicSummary } : {},
      })),
    }
  }
}
