import type { Organization, ResourceWithLocations } from '@liandong/db'
import {
  AREA_NAMES,
  NEED_CATEGORY_LABELS,
  RECIPIENT_CATEGORY_LABELS,
  RESOURCE_TYPE_LABELS,
} from '@liandong/search'
import { stringify } from 'csv-stringify/sync'
import { loadZip } from '../../lazy-libraries.ts'
import { SOURCE_LABELS, VISIBILITY_LABELS } from './columns.ts'
import { HSDS_FIELD_TYPES, HSDS_TABLES, type HsdsRow, type HsdsTableName } from './hsds-tables.ts'
import {
  CREDIT_CODE_SCHEME,
  CREDIT_CODE_TYPE,
  DISTRICT_ID_TYPE,
  LICENCE_TYPE,
  stableUuid,
  TAXONOMY,
  TAXONOMY_DESCRIPTIONS,
  type TaxonomyName,
  TO_HSDS_STATUS,
} from './hsds-vocabulary.ts'

// Resources → Open Referral HSDS 3.0: one organization object with its services (the shape of
// the specification's compiled organization schema), and the same data as a CSV data package.

type Json = Record<string, unknown>

/** Drops absent values: HSDS fields are typed, and null is not a string. */
const clean = <T extends Json>(o: T): T =>
  Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0),
    ),
  ) as T

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : undefined)

function attribute(
  linkId: string,
  linkEntity: string,
  taxonomy: TaxonomyName,
  code: string,
  name: string,
  value?: string,
): Json {
  return clean({
    id: stableUuid('attribute', linkId, taxonomy, code),
    link_id: linkId,
    link_type: taxonomy.replace('liandong/', ''),
    link_entity: linkEntity,
    taxonomy_term_id: stableUuid('term', taxonomy, code),
    value,
    taxonomy_term: {
      id: stableUuid('term', taxonomy, code),
      code,
      name,
      description: name,
      taxonomy,
      taxonomy_id: stableUuid('taxonomy', taxonomy),
      taxonomy_detail: {
        id: stableUuid('taxonomy', taxonomy),
        name: taxonomy,
        description: TAXONOMY_DESCRIPTIONS[taxonomy],
      },
    },
  })
}

/** 510107 → its province and city names, for the address. */
function areaParts(code: string) {
  return {
    state_province: AREA_NAMES[`${code.slice(0, 2)}0000`] ?? '',
    city: AREA_NAMES[`${code.slice(0, 4)}00`] ?? '',
    region: AREA_NAMES[code] ?? code,
  }
}

/** "FREQ=WEEKLY;BYDAY=MO,WE;INTERVAL=2" → HSDS schedule fields (freq, byday, interval, count, until). */
function scheduleFields(rrule: string | null): Json {
  if (!rrule) return {}
  const parts = Object.fromEntries(
    rrule
      .replace(/^RRULE:/, '')
      .split(';')
      .map((p) => p.split('=') as [string, string]),
  )
  const until = parts.UNTIL?.match(/^(\d{4})(\d{2})(\d{2})/)
  // HSDS knows WEEKLY and MONTHLY only; every day is every weekday of the week.
  const daily = parts.FREQ === 'DAILY' && !parts.BYDAY && (!parts.INTERVAL || parts.INTERVAL === '1')
  return clean({
    freq: daily ? 'WEEKLY' : ['WEEKLY', 'MONTHLY'].includes(parts.FREQ ?? '') ? parts.FREQ : undefined,
    byday: daily ? 'MO,TU,WE,TH,FR,SA,SU' : parts.BYDAY,
    interval: parts.INTERVAL && !daily ? Number(parts.INTERVAL) : undefined,
    count: parts.COUNT ? Number(parts.COUNT) : undefined,
    until: until ? `${until[1]}-${until[2]}-${until[3]}` : undefined,
    wkst: parts.WKST,
  })
}

export function serviceToHsds(r: ResourceWithLocations): Json {
  const attributes = [
    ...r.needCategories.map((k) =>
      attribute(r.id, 'service', TAXONOMY.needCategory, k, NEED_CATEGORY_LABELS[k] ?? k),
    ),
    ...r.recipientCategories.map((k) =>
      attribute(r.id, 'service', TAXONOMY.recipientCategory, k, RECIPIENT_CATEGORY_LABELS[k] ?? k),
    ),
    attribute(
      r.id,
      'service',
      TAXONOMY.resourceType,
      r.resourceType,
      RESOURCE_TYPE_LABELS[r.resourceType] ?? r.resourceType,
    ),
    attribute(r.id, 'service', TAXONOMY.source, r.source, SOURCE_LABELS[r.source] ?? r.source),
    attribute(
      r.id,
      'service',
      TAXONOMY.visibility,
      r.visibility,
      VISIBILITY_LABELS[r.visibility] ?? r.visibility,
    ),
    attribute(r.id, 'service', TAXONOMY.capacity, 'total', '总容量', String(r.capacityTotal)),
    attribute(r.id, 'service', TAXONOMY.capacity, 'available', '可用容量', String(r.capacityAvailable)),
    attribute(r.id, 'service', TAXONOMY.capacity, 'unit', '容量单位', r.capacityUnit),
    ...r.keywords.map((k) => attribute(r.id, 'service', TAXONOMY.keyword, k, k)),
  ]
  const schedule = scheduleFields(r.scheduleRrule)
  return clean({
    id: r.id,
    organization_id: r.orgId,
    name: r.name,
    alternate_name: r.alternateName,
    description: r.description,
    url: r.url,
    email: r.contactEmail,
    status: TO_HSDS_STATUS[r.status],
    fees_description: r.costNote,
    eligibility_description: r.eligibilityNote,
    minimum_age: r.ageMin,
    maximum_age: r.ageMax,
    assured_date: day(r.lastVerifiedAt),
    last_modified: r.updatedAt.toISOString(),
    phones: r.contactPhone
      ? [{ id: stableUuid('phone', r.id), service_id: r.id, number: r.contactPhone }]
      : [],
    contacts:
      r.contactName || r.contactEmail
        ? [
            clean({
              id: stableUuid('contact', r.id),
              service_id: r.id,
              name: r.contactName,
              email: r.contactEmail,
            }),
          ]
        : [],
    schedules:
      r.scheduleRrule || r.scheduleNote
        ? [
            clean({
              id: stableUuid('schedule', r.id),
              service_id: r.id,
              ...schedule,
              description: r.scheduleNote,
            }),
          ]
        : [],
    service_areas: r.districtCodes.map((code) => {
      const id = stableUuid('service_area', r.id, code)
      return {
        id,
        service_id: r.id,
        name: AREA_NAMES[code] ?? code,
        extent: code,
        extent_type: 'text',
        attributes: [attribute(id, 'service_area', TAXONOMY.district, code, AREA_NAMES[code] ?? code)],
      }
    }),
    service_at_locations: r.locations.map((l) => ({
      id: stableUuid('service_at_location', r.id, l.id),
      service_id: r.id,
      location_id: l.id,
      location: clean({
        id: l.id,
        location_type: 'physical',
        organization_id: r.orgId,
        name: l.name,
        latitude: l.latitude,
        longitude: l.longitude,
        external_identifier: l.districtCode,
        external_identifier_type: DISTRICT_ID_TYPE,
        addresses: [
          {
            id: stableUuid('address', l.id),
            location_id: l.id,
            address_1: l.address,
            ...areaParts(l.districtCode),
            postal_code: '',
            country: 'CN',
            address_type: 'physical',
          },
        ],
        attributes: [
          attribute(
            l.id,
            'location',
            TAXONOMY.district,
            l.districtCode,
            AREA_NAMES[l.districtCode] ?? l.districtCode,
          ),
        ],
      }),
    })),
    languages: r.languages.map((code) => ({
      id: stableUuid('language', r.id, code),
      service_id: r.id,
      name: code,
      code,
    })),
    required_documents: r.requiredDocuments.map((document, i) => ({
      id: stableUuid('required_document', r.id, String(i)),
      service_id: r.id,
      document,
    })),
    cost_options:
      r.costFen !== null
        ? [
            clean({
              id: stableUuid('cost_option', r.id),
              service_id: r.id,
              currency: 'CNY',
              amount: r.costFen / 100,
              option: r.costNote ?? undefined,
            }),
          ]
        : [],
    attributes,
  })
}

export function organizationToHsds(org: Organization, resources: ResourceWithLocations[]): Json {
  const identifiers = [
    org.creditCode && {
      id: stableUuid('organization_identifier', org.id, 'uscc'),
      organization_id: org.id,
      identifier_scheme: CREDIT_CODE_SCHEME,
      identifier_type: CREDIT_CODE_TYPE,
      identifier: org.creditCode,
    },
    org.licenceNumber && {
      id: stableUuid('organization_identifier', org.id, 'licence'),
      organization_id: org.id,
      identifier_type: LICENCE_TYPE,
      identifier: org.licenceNumber,
    },
  ].filter(Boolean)
  return clean({
    id: org.id,
    name: org.name,
    alternate_name: org.alternateName,
    description: org.description ?? '',
    email: org.email,
    website: org.website,
    year_incorporated: org.yearIncorporated,
    legal_status: org.legalStatus,
    organization_identifiers: identifiers,
    services: resources.map(serviceToHsds),
  })
}

/** The nested organization → one row list per HSDS table (foreign keys filled in). */
export function toTables(organization: Json): Record<HsdsTableName, HsdsRow[]> {
  const tables = Object.fromEntries(Object.keys(HSDS_TABLES).map((k) => [k, [] as HsdsRow[]])) as Record<
    HsdsTableName,
    HsdsRow[]
  >
  const seen = new Set<string>()
  const put = (table: HsdsTableName, row: Json) => {
    const key = `${table}:${row.id}`
    if (seen.has(key)) return
    seen.add(key)
    tables[table].push(
      Object.fromEntries(HSDS_TABLES[table].fields.map((f) => [f, row[f] as string | number | undefined])),
    )
  }
  const attributes = (items: unknown) => {
    for (const a of (items as Json[] | undefined) ?? []) {
      const term = a.taxonomy_term as Json
      const detail = term.taxonomy_detail as Json
      put('taxonomy', detail)
      put('taxonomy_term', term)
      put('attribute', a)
    }
  }
  const list = (o: Json, key: string) => (o[key] as Json[] | undefined) ?? []

  put('organization', organization)
  for (const i of list(organization, 'organization_identifiers')) put('organization_identifier', i)
  for (const s of list(organization, 'services')) {
    put('service', s)
    attributes(s.attributes)
    for (const p of list(s, 'phones')) put('phone', p)
    for (const c of list(s, 'contacts')) put('contact', c)
    for (const x of list(s, 'schedules')) put('schedule', x)
    for (const a of list(s, 'service_areas')) {
      put('service_area', a)
      attributes(a.attributes)
    }
    for (const l of list(s, 'languages')) put('language', l)
    for (const d of list(s, 'required_documents')) put('required_document', d)
    for (const c of list(s, 'cost_options')) put('cost_option', c)
    for (const sal of list(s, 'service_at_locations')) {
      put('service_at_location', sal)
      const location = sal.location as Json
      put('location', location)
      attributes(location.attributes)
      for (const a of list(location, 'addresses')) put('address', a)
    }
  }
  return tables
}

const FRICTIONLESS_TYPES = { number: 'number', date: 'date', datetime: 'datetime', time: 'time' } as const

/** The tables as a zip: datapackage.json (Frictionless tabular data package) and one CSV each. */
export async function toDatapackage(organization: Json, title: string): Promise<Buffer> {
  const tables = toTables(organization)
  const JSZip = await loadZip()
  const zip = new JSZip()
  const resources = []
  for (const [name, rows] of Object.entries(tables) as [HsdsTableName, HsdsRow[]][]) {
    const table = HSDS_TABLES[name]
    zip.file(table.path, stringify(rows, { header: true, columns: [...table.fields] }))
    resources.push({
      name,
      path: table.path,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      profile: 'tabular-data-resource',
      schema: {
        primaryKey: 'id',
        fields: table.fields.map((f) => ({
          name: f,
          type: FRICTIONLESS_TYPES[HSDS_FIELD_TYPES[f] ?? ('string' as never)] ?? 'string',
        })),
      },
    })
  }
  const datapackage = {
    name: 'hsds-liandong-export',
    title,
    profile: 'tabular-data-package',
    version: '3.0',
    homepage: 'https://docs.openreferral.org/en/latest/hsds/',
    resources,
  }
  zip.file('datapackage.json', JSON.stringify(datapackage, null, 2))
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}
