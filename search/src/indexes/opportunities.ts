import type { IndexDefinition, SearchDocument } from '../engine.ts'
import { areaCodesOf, areaNamesOf } from './areas.ts'
import { labelsOf, NEED_CATEGORY_LABELS } from './labels.ts'
import { toEpochMs } from './resources.ts'

// Volunteer opportunities: what volunteers browse by area, date, skill and cause.

export type OpportunityInput = {
  id: string
  orgId: string
  orgName?: string
  title: string
  description: string
  needCategory: string
  skills: string[]
  districtCode: string
  startsAt: Date | string
  endsAt?: Date | string | null
  spotsAvailable: number
  minAge?: number | null
  status: 'draft' | 'published' | 'closed' | 'cancelled'
  location?: { lat: number; lng: number } | null
  updatedAt: Date | string
}

export type OpportunityDocument = SearchDocument & {
  orgId: string
  orgName: string
  title: string
  description: string
  skills: string[]
  categoryLabels: string[]
  areaNames: string[]
  needCategory: string
  districtCode: string
  areaCodes: string[]
  startsAt: number
  endsAt: number | null
  spotsAvailable: number
  hasSpots: boolean
  minAge: number
  status: string
  updatedAt: number
}

export const opportunitiesIndex: IndexDefinition = {
  name: 'opportunities',
  searchable: [
    { field: 'title', weight: 3, pinyin: true },
    { field: 'categoryLabels', weight: 2, pinyin: true },
    { field: 'skills', weight: 2, pinyin: true },
    { field: 'description', weight: 1 },
    { field: 'orgName', weight: 1 },
    { field: 'areaNames', weight: 0.5 },
  ],
  filterable: [
    'orgId',
    'needCategory',
    'skills',
    'districtCode',
    'areaCodes',
    'startsAt',
    'endsAt',
    'spotsAvailable',
    'hasSpots',
    'minAge',
    'status',
  ],
  facetable: ['needCategory', 'skills', 'districtCode', 'hasSpots'],
  sortable: ['startsAt', 'updatedAt', 'spotsAvailable'],
  geo: true,
  highlight: ['title', 'description'],
}

export function opportunityToDocument(o: OpportunityInput): OpportunityDocument {
  return {
    id: o.id,
    orgId: o.orgId,
    orgName: o.orgName ?? '',
    title: o.title,
    description: o.description,
    skills: o.skills,
    categoryLabels: labelsOf([o.needCategory], NEED_CATEGORY_LABELS),
    areaNames: areaNamesOf([o.districtCode]),
    needCategory: o.needCategory,
    districtCode: o.districtCode,
    areaCodes: areaCodesOf([o.districtCode]),
    startsAt: toEpochMs(o.startsAt),
    endsAt: o.endsAt ? toEpochMs(o.endsAt) : null,
    spotsAvailable: o.spotsAvailable,
    hasSpots: o.spotsAvailable > 0,
    minAge: o.minAge ?? 0,
    status: o.status,
    _geo: o.location ? { lat: o.location.lat, lng: o.location.lng } : null,
    updatedAt: toEpochMs(o.updatedAt),
  }
}
