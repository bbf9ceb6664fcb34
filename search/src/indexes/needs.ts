import type { IndexDefinition, SearchDocument } from '../engine.ts'
import { areaCodesOf, areaNamesOf } from './areas.ts'
import { labelsOf, NEED_CATEGORY_LABELS, RECIPIENT_CATEGORY_LABELS } from './labels.ts'
import { toEpochMs } from './resources.ts'

// Needs as partners and volunteers may see them: de-identified. The mapping copies fields one by one,
// so a database row handed in whole (name, phone, address, private notes …) cannot leak into the index.

export type NeedUrgency = 'low' | 'normal' | 'high' | 'urgent'

export type NeedInput = {
  id: string
  orgId: string
  /** Written by the social worker for outside eyes; never the private case description. */
  publicSummary: string
  needCategories: string[]
  districtCode: string
  urgency: NeedUrgency
  /** A band (child, teen, adult, senior, elder) — never a birth date. */
  ageBand: string
  recipientCategories: string[]
  /** Closed and withdrawn needs are not indexed at all (the server's loader leaves them out). */
  status: 'open' | 'matched' | 'referred' | 'met'
  createdAt: Date | string
}

export type NeedDocument = SearchDocument & {
  orgId: string
  publicSummary: string
  categoryLabels: string[]
  areaNames: string[]
  needCategories: string[]
  districtCode: string
  areaCodes: string[]
  urgency: NeedUrgency
  urgencyRank: number
  ageBand: string
  recipientCategories: string[]
  status: string
  createdAt: number
}

const URGENCY_RANK: Record<NeedUrgency, number> = { low: 1, normal: 2, high: 3, urgent: 4 }

export const needsIndex: IndexDefinition = {
  name: 'needs',
  searchable: [
    { field: 'publicSummary', weight: 2 },
    { field: 'categoryLabels', weight: 2, pinyin: true },
    { field: 'areaNames', weight: 0.5 },
  ],
  filterable: [
    'orgId',
    'needCategories',
    'districtCode',
    'areaCodes',
    'urgency',
    'urgencyRank',
    'ageBand',
    'recipientCategories',
    'status',
    'createdAt',
  ],
  facetable: ['needCategories', 'districtCode', 'urgency', 'ageBand', 'recipientCategories'],
  sortable: ['createdAt', 'urgencyRank'],
  geo: false,
  highlight: ['publicSummary'],
}

export function needToDocument(n: NeedInput): NeedDocument {
  return {
    id: n.id,
    orgId: n.orgId,
    publicSummary: n.publicSummary,
    categoryLabels: [
      ...labelsOf(n.needCategories, NEED_CATEGORY_LABELS),
      ...labelsOf(n.recipientCategories, RECIPIENT_CATEGORY_LABELS),
    ],
    areaNames: areaNamesOf([n.districtCode]),
    needCategories: n.needCategories,
    districtCode: n.districtCode,
    areaCodes: areaCodesOf([n.districtCode]),
    urgency: n.urgency,
    urgencyRank: URGENCY_RANK[n.urgency],
    ageBand: n.ageBand,
    recipientCategories: n.recipientCategories,
    status: n.status,
    createdAt: toEpochMs(n.createdAt),
  }
}
