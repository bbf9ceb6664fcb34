import { type Db, type ResourceWithLocations, resourcesRepo } from '@liandong/db'
import { type ResourceInput, resourceToDocument, type SearchDocument } from '@liandong/search'

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
    status: statusForSearch[row.status] ?? 'draft',
    visibility: row.visibility,
    location: located ? { lat: located.latitude!, lng: located.longitude! } : null,
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

export function documentLoaders(db: Db): Record<string, DocumentLoader> {
  const resources = resourcesRepo(db)
  return {
    resources: {
      load: async (ids) =>
        (await resources.findManyWithLocations(ids)).map((r) => resourceToDocument(resourceRowToInput(r))),
      idPages: (size) => resources.idPages(size),
      count: () => resources.count(),
    },
  }
}
