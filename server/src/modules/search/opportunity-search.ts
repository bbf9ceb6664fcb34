import {
  type Filter,
  f,
  InvalidSearchQueryError,
  type OpportunityDocument,
  type SearchEngine,
  SearchUnavailableError,
  type SortSpec,
} from '@liandong/search'
import type { Static } from 'typebox'
import type { Principal } from '../../auth/principal.ts'
import type { Clock } from '../../context.ts'
import { AppError, ValidationError } from '../../errors.ts'
import { shanghaiDate } from '../volunteers/age.ts'
import type { OpportunitySearchQuery } from './opportunity-search.schemas.ts'

const FACETS = ['needCategory', 'skills', 'districtCode', 'hasSpots']
const DAY_MS = 86_400_000
/** Midnight of a Shanghai calendar day (YYYY-MM-DD) as epoch ms. */
const dayStart = (day: string) => Date.parse(`${day}T00:00:00+08:00`)

/** Published opportunities, plus every opportunity of the caller's own organizations (drafts included). */
export function opportunityVisibility(principal: Principal): Filter {
  const own = principal.activeMemberships.map((m) => m.orgId)
  const published = f.eq('status', 'published')
  if (principal.scope('opportunity.read') === 'all') return published
  return own.length ? f.or(published, f.in('orgId', own)) : published
}

/** Opportunities with shifts overlapping [from, to): by the span of their shifts. */
const overlapping = (from: number, to: number | null): Filter[] => [
  ...(to !== null ? [f.range('startsAt', { lt: to })] : []),
  f.range('endsAt', { gte: from }),
]

export function opportunitySearch(engine: SearchEngine, clock: Clock) {
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

  return async (principal: Principal, query: Static<typeof OpportunitySearchQuery>) => {
    const now = clock.now().getTime()
    const base: Filter[] = [opportunityVisibility(principal)]
    // Picks are keyed by the facet they are made on, so each facet still counts its other values.
    const picks: Record<string, Filter> = {}
    if (query.needCategory?.length) picks.needCategory = f.in('needCategory', query.needCategory)
    if (query.skill?.length) picks.skills = f.in('skills', query.skill)
    if (query.district?.length) picks.districtCode = f.district(query.district)
    if (query.hasSpots !== undefined) picks.hasSpots = f.eq('hasSpots', query.hasSpots)
    if (query.age !== undefined) base.push(f.range('minAge', { lte: query.age }))
    if (query.near) {
      const [lat, lng, meters] = query.near.split(',').map(Number) as [number, number, number]
      base.push(f.geoRadius(lat, lng, meters))
    }
    if (query.from && query.to && query.to < query.from)
      throw new ValidationError([{ field: 'querystring.to', code: 'field.after_start' }])
    // Without a date range: what is still to come.
    const from = query.from ? dayStart(query.from) : now
    const to = query.to ? dayStart(query.to) + DAY_MS : null
    const filters = [...base, ...overlapping(from, to)]

    const sort: SortSpec[] | undefined =
      query.sort === 'date'
        ? [{ field: 'startsAt', order: 'asc' }]
        : query.sort === 'spots'
          ? [{ field: 'spotsAvailable', order: 'desc' }]
          : undefined
    const text = query.q?.trim() ?? ''
    const result = await run(() =>
      engine.search<OpportunityDocument>('opportunities', {
        text,
        filter: f.and(...filters),
        facetFilters: picks,
        facets: FACETS,
        ...(sort ? { sort } : {}),
        page: query.page ?? 1,
        perPage: query.perPage ?? 20,
        highlight: true,
      }),
    )

    // The date facet: how many of the matches (without the date filter) have shifts in each bucket.
    const today = dayStart(shanghaiDate(new Date(now)))
    const buckets: Record<string, [number, number | null]> = {
      today: [Math.max(now, today), today + DAY_MS],
      next7Days: [now, today + 7 * DAY_MS],
      next30Days: [now, today + 30 * DAY_MS],
      later: [today + 30 * DAY_MS, null],
    }
    const dates: Record<string, number> = {}
    for (const [name, [a, b]] of Object.entries(buckets)) {
      const counted = await run(() =>
        engine.search('opportunities', {
          text,
          filter: f.and(...base, ...Object.values(picks), ...overlapping(a, b)),
          page: 1,
          perPage: 1,
        }),
      )
      dates[name] = counted.total
    }

    return {
      ...result,
      facets: { ...result.facets, dates },
      hits: result.hits.map(({ document: d, highlights }) => ({
        id: d.id,
        orgId: d.orgId,
        orgName: d.orgName,
        title: d.title,
        description: d.description.length > 240 ? `${d.description.slice(0, 240)}…` : d.description,
        needCategory: d.needCategory,
        skills: d.skills,
        districtCode: d.districtCode,
        startsAt: new Date(d.startsAt).toISOString(),
        endsAt: d.endsAt === null ? null : new Date(d.endsAt).toISOString(),
        spotsAvailable: d.spotsAvailable,
        minAge: d.minAge,
        status: d.status,
        highlights: {
          ...(highlights?.title ? { title: highlights.title } : {}),
          ...(highlights?.description ? { description: highlights.description } : {}),
        },
      })),
    }
  }
}
