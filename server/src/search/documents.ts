import {
  type Db,
  type OpportunityWithOrg,
  opportunitiesRepo,
  type ResourceWithLocations,
  resourcesRepo,
} from '@liandong/db'
import {
  type OpportunityInput,
  opportunityToDocument,
  type ResourceInput,
  resourceToDocument,
  type SearchDocument,
} from '@liandong/search'
import { needDocumentLoader } from '../modules/needs/need-documents.ts'

// Row → search document for each index, in one place. The search package maps its own input
// shape to documents; this file maps our rows to that shape.

const statusForSearch: Record<string, ResourceInput['status']> = {
  active: 'published',
  draft: 'draft',
  paused: 'paused',
  expired: 'archived',
}

export function resourceRowToInput(row: ResourceWithLocations): ResourceInput {
  const located = row.locations.find((l) => l.latitude !== null && l.longitude !== null)
  const districts = new Set([...row.districtCodes, ...row.locations.map((l) => l.districtCode)])
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    title: row.name,
    description: row.description,
    keywords: [...row.keywords, ...(row.alternateName ? [row.alternateName] : [])],
    needCategories: row.needCategories,
    resourceType: row.resourceType,
    recipientCategories: row.recipientCategories,
    districtCodes: [...districts],
    ageMin: row.ageMin,
    ageMax: row.ageMax,
    capacityAvailable: row.capacityAvailable,
    capacityUnit: row.capacityUnit,
    status: statusForSearch[row.status] ?? 'draft',
    visibility: row.visibility,
    location: located ? { lat: located.latitude!, lng: located.longitude! } : null,
    lastVerifiedAt: row.lastVerifiedAt,
    updatedAt: row.updatedAt,
  }
}

export interface ShiftSummary {
  firstStart: Date | string | null
  lastEnd: Date | string | null
  spots: number
}

/**
 * One document per opportunity: `startsAt`–`endsAt` span its scheduled shifts that had not ended
 * when it was indexed (or all of them, once every shift is over), so a date filter matches by
 * overlap; `spotsAvailable` is the sum of open places over those shifts.
 */
export function opportunityRowToInput(
  row: OpportunityWithOrg,
  summary: ShiftSummary | undefined,
): OpportunityInput {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    title: row.title,
    description: row.description,
    needCategory: row.needCategory,
    skills: row.skills,
    districtCode: row.districtCode,
    startsAt: summary?.firstStart ?? row.createdAt,
    endsAt: summary?.lastEnd ?? null,
    spotsAvailable: summary?.spots ?? 0,
    minAge: row.minAge,
    status: row.status,
    location:
      row.latitude != null && row.longitude != null ? { lat: row.latitude, lng: row.longitude } : null,
    updatedAt: row.updatedAt,
  }
}

export interface DocumentLoader {
  /** Current documents for these ids; ids missing from the result no longer exist. */
  load(ids: readonly string[]): Promise<SearchDocument[]>
  /** Every id, page by page, for a rebuild. */
  idPages(size: number): AsyncGenerator<string[]>
  count(): Promise<number>
}

export function documentLoaders(db: Db, now: () => Date = () => new Date()): Record<string, DocumentLoader> {
  const resources = resourcesRepo(db)
  const opportunities = opportunitiesRepo(db)
  return {
    opportunities: {
      load: async (ids) => {
        const rows = await opportunities.findMany(ids)
        const at = now()
        const upcoming = new Map(
          (await opportunities.shiftSummaries(ids, at)).map((s) => [s.opportunityId, s]),
        )
        const over = rows.filter((r) => !upcoming.has(r.id)).map((r) => r.id)
        const past = new Map(
          (await opportunities.shiftSummaries(over, null)).map((s) => [s.opportunityId, s]),
        )
        return rows.map((r) => {
          const s = upcoming.get(r.id) ?? past.get(r.id)
          return opportunityToDocument(
            opportunityRowToInput(r, s && { ...s, spots: upcoming.has(r.id) ? s.spots : 0 }),
          )
        })
      },
      idPages: (size) => opportunities.idPages(size),
      count: () => opportunities.count(),
    },
    resources: {
      load: async (ids) =>
        (await resources.findManyWithLocations(ids)).map((r) => resourceToDocument(resourceRowToInput(r))),
      idPages: (size) => resources.idPages(size),
      count: () => resources.count(),
    },
    // De-identified; closed and withdrawn needs load as absent, so the applier deletes them.
    needs: needDocumentLoader(db),
  }
}
