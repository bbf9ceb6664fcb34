import type { IndexDefinition, SearchDocument } from '../engine.ts'
import { areaCodesOf, areaNamesOf } from './areas.ts'
import { labelsOf, NEED_CATEGORY_LABELS, RECIPIENT_CATEGORY_LABELS, RESOURCE_TYPE_LABELS } from './labels.ts'

// Resources partners publish (Chengdu §7.1.3.1): what they offer, to whom, where, and how much is left.

export type ResourceInput = {
  id: string
  orgId: string
  orgName?: string
  title: string
  description: string
  /** Free keywords the partner adds (English names included). */
  keywords?: string[]
  needCategories: string[]
  resourceType: string
  recipientCategories: string[]
  districtCodes: string[]
  ageMin?: number | null
  ageMax?: number | null
  capacityAvailable: number
  /** 人, 份, 次 … shown beside the capacity. */
  capacityUnit?: string
  status: 'draft' | 'published' | 'paused' | 'archived'
  visibility: 'public' | 'org'
  location?: { lat: number; lng: number } | null
  /** When the owner last confirmed it; hits are flagged stale from it at query time. */
  lastVerifiedAt?: Date | string | null
  updatedAt: Date | string
}

export type ResourceDocument = SearchDocument & {
  orgId: string
  orgName: string
  title: string
  description: string
  keywords: string[]
  categoryLabels: string[]
  areaNames: string[]
  needCategories: string[]
  resourceType: string
  recipientCategories: string[]
  districtCodes: string[]
  areaCodes: string[]
  ageMin: number
  ageMax: number
  capacityAvailable: number
  capacityUnit: string
  hasCapacity: boolean
  status: string
  visibility: string
  /** Epoch ms, or null when never verified. */
  lastVerifiedAt: number | null
  updatedAt: number
}

/** Open age bounds become 0 and 150, so "eligible at 70" is one pair of ranges in either engine. */
export const AGE_OPEN_MIN = 0
export const AGE_OPEN_MAX = 150

export const resourcesIndex: IndexDefinition = {
  name: 'resources',
  searchable: [
    { field: 'title', weight: 3, pinyin: true },
    { field: 'categoryLabels', weight: 2, pinyin: true },
    { field: 'keywords', weight: 2, pinyin: true },
    { field: 'description', weight: 1 },
    { field: 'orgName', weight: 1 },
    { field: 'areaNames', weight: 0.5 },
  ],
  filterable: [
    'orgId',
    'needCategories',
    'resourceType',
    'recipientCategories',
    'districtCodes',
    'areaCodes',
    'ageMin',
    'ageMax',
    'capacityAvailable',
    'hasCapacity',
    'status',
    'visibility',
    'updatedAt',
  ],
  facetable: ['needCategories', 'resourceType', 'recipientCategories', 'districtCodes', 'hasCapacity'],
  sortable: ['updatedAt', 'capacityAvailable', 'title'],
  geo: true,
  highlight: ['title', 'description'],
}

export function toEpochMs(value: Date | string): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value)
  if (!Number.isFinite(ms)) throw new TypeError(`not a date: ${String(value)}`)
  return ms
}

export function resourceToDocument(r: ResourceInput): ResourceDocument {
  return {
    id: r.id,
    orgId: r.orgId,
    orgName: r.orgName ?? '',
    title: r.title,
    description: r.description,
    keywords: r.keywords ?? [],
    categoryLabels: [
      ...labelsOf(r.needCategories, NEED_CATEGORY_LABELS),
      ...labelsOf(r.recipientCategories, RECIPIENT_CATEGORY_LABELS),
      ...labelsOf([r.resourceType], RESOURCE_TYPE_LABELS),
    ],
    areaNames: areaNamesOf(r.districtCodes),
    needCategories: r.needCategories,
    resourceType: r.resourceType,
    recipientCategories: r.recipientCategories,
    districtCodes: r.districtCodes,
    areaCodes: areaCodesOf(r.districtCodes),
    ageMin: r.ageMin ?? AGE_OPEN_MIN,
    ageMax: r.ageMax ?? AGE_OPEN_MAX,
    capacityAvailable: r.capacityAvailable,
    capacityUnit: r.capacityUnit ?? '',
    hasCapacity: r.capacityAvailable > 0,
    status: r.status,
    visibility: r.visibility,
    lastVerifiedAt: r.lastVerifiedAt ? toEpochMs(r.lastVerifiedAt) : null,
    _geo: r.location ? { lat: r.location.lat, lng: r.location.lng } : null,
    updatedAt: toEpochMs(r.updatedAt),
  }
}
