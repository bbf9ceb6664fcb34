import type { Resource, ResourceInput } from '$lib/api/client.ts'
import { fenToYuan, yuanToFen } from '$lib/format.ts'
import { m } from '$lib/paraglide/messages.js'

/** One location row as the form edits it (numbers as typed). */
export interface LocationValues {
  key: number
  name: string
  address: string
  districtCode: string
  latitude: string
  longitude: string
}

/** Everything the resource form edits, as strings and arrays the inputs bind to. */
export interface ResourceValues {
  name: string
  alternateName: string
  description: string
  keywords: string
  url: string
  resourceType: string
  visibility: 'public' | 'org'
  source: string
  needCategories: string[]
  recipientCategories: string[]
  ageMin: string
  ageMax: string
  districtCodes: string[]
  requiredDocuments: string
  eligibilityNote: string
  capacityTotal: string
  capacityAvailable: string
  capacityUnit: string
  scheduleNote: string
  scheduleRrule: string
  costYuan: string
  costNote: string
  languages: string[]
  contactName: string
  contactPhone: string
  contactEmail: string
  locations: LocationValues[]
}

let nextKey = 1
export const newLocation = (districtCode = ''): LocationValues => ({
  key: nextKey++,
  name: '',
  address: '',
  districtCode,
  latitude: '',
  longitude: '',
})

export function emptyValues(): ResourceValues {
  return {
    name: '',
    alternateName: '',
    description: '',
    keywords: '',
    url: '',
    resourceType: 'human',
    visibility: 'public',
    source: 'society',
    needCategories: [],
    recipientCategories: [],
    ageMin: '',
    ageMax: '',
    districtCodes: [],
    requiredDocuments: '',
    eligibilityNote: '',
    capacityTotal: '',
    capacityAvailable: '',
    capacityUnit: '',
    scheduleNote: '',
    scheduleRrule: '',
    costYuan: '',
    costNote: '',
    languages: ['zh'],
    contactName: '',
    contactPhone: '',
    contactEmail: '',
    locations: [],
  }
}

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v))

export function valuesFrom(r: Resource): ResourceValues {
  return {
    name: r.name,
    alternateName: str(r.alternateName),
    description: r.description,
    keywords: r.keywords.join('，'),
    url: str(r.url),
    resourceType: r.resourceType,
    visibility: r.visibility,
    source: r.source,
    needCategories: [...r.needCategories],
    recipientCategories: [...r.recipientCategories],
    ageMin: str(r.ageMin),
    ageMax: str(r.ageMax),
    districtCodes: [...r.districtCodes],
    requiredDocuments: r.requiredDocuments.join('\n'),
    eligibilityNote: str(r.eligibilityNote),
    capacityTotal: str(r.capacityTotal),
    capacityAvailable: str(r.capacityAvailable),
    capacityUnit: r.capacityUnit,
    scheduleNote: str(r.scheduleNote),
    scheduleRrule: str(r.scheduleRrule),
    costYuan: r.costFen === null ? '' : fenToYuan(r.costFen),
    costNote: str(r.costNote),
    languages: [...r.languages],
    contactName: str(r.contactName),
    contactPhone: str(r.contactPhone),
    contactEmail: str(r.contactEmail),
    locations: r.locations.map((l) => ({
      key: nextKey++,
      name: str(l.name),
      address: l.address,
      districtCode: l.districtCode,
      latitude: str(l.latitude),
      longitude: str(l.longitude),
    })),
  }
}

/** A list typed with commas (Chinese or Latin) or one item a line. */
const list = (text: string) =>
  text
    .split(/[\n,，、;；]/)
    .map((s) => s.trim())
    .filter(Boolean)

/**
 * The API body for these values, or the fields that cannot be sent as typed (the server checks
 * everything else and answers field by field). Blank optional fields are left out.
 */
export function toInput(v: ResourceValues): { input: ResourceInput } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const text = (s: string) => (s.trim() === '' ? undefined : s.trim())
  const int = (field: string, s: string) => {
    if (s.trim() === '') return undefined
    if (!/^\d+$/.test(s.trim())) {
      errors[field] = m.error_whole_number()
      return undefined
    }
    return Number(s.trim())
  }
  const coordinate = (field: string, s: string) => {
    if (s.trim() === '') return undefined
    const n = Number(s.trim())
    if (!Number.isFinite(n)) errors[field] = m.error_number()
    return Number.isFinite(n) ? n : undefined
  }
  let costFen: number | undefined
  if (v.costYuan.trim() !== '') {
    costFen = yuanToFen(v.costYuan)
    if (costFen === undefined) errors.costYuan = m.error_yuan()
  }
  const locations = v.locations.map((l, i) => {
    const latitude = coordinate(`locations.${i}.latitude`, l.latitude)
    const longitude = coordinate(`locations.${i}.longitude`, l.longitude)
    if ((latitude === undefined) !== (longitude === undefined) && !errors[`locations.${i}.latitude`])
      errors[`locations.${i}.${latitude === undefined ? 'latitude' : 'longitude'}`] =
        m.error_coordinates_pair()
    return {
      ...(text(l.name) ? { name: l.name.trim() } : {}),
      address: l.address.trim(),
      districtCode: l.districtCode,
      ...(latitude !== undefined && longitude !== undefined ? { latitude, longitude } : {}),
    }
  })
  const input = {
    name: v.name.trim(),
    alternateName: text(v.alternateName),
    description: v.description.trim(),
    keywords: list(v.keywords),
    url: text(v.url),
    resourceType: v.resourceType as ResourceInput['resourceType'],
    visibility: v.visibility,
    source: v.source as NonNullable<ResourceInput['source']>,
    needCategories: v.needCategories as ResourceInput['needCategories'],
    recipientCategories: v.recipientCategories as NonNullable<ResourceInput['recipientCategories']>,
    ageMin: int('ageMin', v.ageMin),
    ageMax: int('ageMax', v.ageMax),
    districtCodes: v.districtCodes,
    requiredDocuments: list(v.requiredDocuments),
    eligibilityNote: text(v.eligibilityNote),
    capacityTotal: int('capacityTotal', v.capacityTotal),
    capacityAvailable: int('capacityAvailable', v.capacityAvailable),
    capacityUnit: text(v.capacityUnit),
    scheduleNote: text(v.scheduleNote),
    scheduleRrule: text(v.scheduleRrule),
    costFen,
    costNote: text(v.costNote),
    languages: v.languages,
    contactName: text(v.contactName),
    contactPhone: text(v.contactPhone),
    contactEmail: text(v.contactEmail),
    locations,
  } satisfies ResourceInput
  if (Object.keys(errors).length > 0) return { errors }
  // JSON drops the undefined members: the server sees only what was filled in.
  return { input }
}
