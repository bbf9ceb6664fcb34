import {
  type Filter,
  f,
  InvalidSearchQueryError,
  type ResourceDocument,
  type SearchEngine,
  SearchUnavailableError,
  type SortSpec,
} from '@liandong/search'
import type { Static } from 'typebox'
import type { Principal } from '../../auth/principal.ts'
import { AppError, ValidationError } from '../../errors.ts'
import { isStale } from '../resources/resource.service.ts'
import type { ResourceSearchQuery } from './search.schemas.ts'

const RESOURCE_FACETS = [
  'needCategories',
  'resourceType',
  'recipientCategories',
  'districtCodes',
  'hasCapacity',
]

/** What a caller may find: published public resources, plus every published one of their own organizations. */
export function resourceVisibility(principal: Principal): Filter {
  const own = principal.activeMemberships.map((m) => m.orgId)
  const published = f.eq('status', 'published')
  if (principal.scope('resource.read') === 'all') return published
  const visible = own.length
    ? f.or(f.eq('visibility', 'public'), f.in('orgId', own))
    : f.eq('visibility', 'public')
  return f.and(published, visible)
}

/** `staleness` says how old a verification may be before a hit is flagged stale. */
export function searchService(
  engine: SearchEngine,
  staleness: { now: () => Date; staleAfterMs: number } = { now: () => new Date(), staleAfterMs: Infinity },
) {
  async function run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      if (error instanceof InvalidSearchQueryError)
        throw new ValidationError([{ field: 'querystring.q', code: 'field.invalid_value' }])
      if (error instanceof SearchUnavailableError) throw new AppError(503, 'search_unavailable')
      throw error
    }
  }

  return {
    async resources(principal: Principal, query: Static<typeof ResourceSearchQuery>) {
      const filters: Filter[] = [resourceVisibility(principal)]
      // Picks are keyed by the facet they are made on, so each facet still counts its other values
      // (one district picked, the district facet still shows the rest).
      const picks: Record<string, Filter> = {}
      if (query.needCategory?.length) picks.needCategories = f.in('needCategories', query.needCategory)
      if (query.recipientCategory?.length)
        picks.recipientCategories = f.in('recipientCategories', query.recipientCategory)
      if (query.resourceType?.length) picks.resourceType = f.in('resourceType', query.resourceType)
      if (query.district?.length) picks.districtCodes = f.district(query.district)
      if (query.hasCapacity !== undefined) picks.hasCapacity = f.eq('hasCapacity', query.hasCapacity)
      if (query.age !== undefined)
        filters.push(f.range('ageMin', { lte: query.age }), f.range('ageMax', { gte: query.age }))
      if (query.near) {
        const [lat, lng, meters] = query.near.split(',').map(Number) as [number, number, number]
        filters.push(f.geoRadius(lat, lng, meters))
      }
      const sort: SortSpec[] | undefined =
        query.sort === 'updated'
          ? [{ field: 'updatedAt', order: 'desc' }]
          : query.sort === 'capacity'
            ? [{ field: 'capacityAvailable', order: 'desc' }]
            : undefined
      const result = await run(() =>
        engine.search<ResourceDocument>('resources', {
          text: query.q?.trim() ?? '',
          filter: f.and(...filters),
          facetFilters: picks,
          facets: RESOURCE_FACETS,
          ...(sort ? { sort } : {}),
          page: query.page ?? 1,
          perPage: query.perPage ?? 20,
          highlight: true,
        }),
      )
      return {
        ...result,
        hits: result.hits.map(({ document: d, highlights }) => ({
          id: d.id,
          orgId: d.orgId,
          orgName: d.orgName,
          title: d.title,
          description: d.description.length > 240 ? `${d.description.slice(0, 240)}…` : d.description,
          needCategories: d.needCategories,
          recipientCategories: d.recipientCategories,
          resourceType: d.resourceType,
          districtCodes: d.districtCodes,
          capacityAvailable: d.capacityAvailable,
          capacityUnit: d.capacityUnit ?? '',
          visibility: d.visibility,
          lastVerifiedAt: d.lastVerifiedAt == null ? null : new Date(d.lastVerifiedAt),
          stale: isStale(
            { status: d.status, lastVerifiedAt: d.lastVerifiedAt ?? null },
            staleness.now(),
            staleness.staleAfterMs,
          ),
          highlights: {
            ...(highlights?.title ? { title: highlights.title } : {}),
            ...(highlights?.description ? { description: highlights.description } : {}),
          },
        })),
      }
    },
  }
}
