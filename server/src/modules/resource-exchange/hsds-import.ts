import { needCategories, recipientCategories, resourceSources, resourceTypes } from '@liandong/db'
import { parse } from 'csv-parse/sync'
import type JSZip from 'jszip'
import { loadZip } from '../../lazy-libraries.ts'
import type { Candidate, ImportProblem, SourceRow } from './exchange.types.ts'
import { HSDS_FIELD_TYPES, HSDS_TABLES, type HsdsTableName } from './hsds-tables.ts'
import { DISTRICT_ID_TYPE, FROM_HSDS_STATUS, TAXONOMY } from './hsds-vocabulary.ts'
import { UnreadableFileError } from './tabular.ts'

// Open Referral HSDS 3.0 → candidate resources. JSON may hold one organization with its
// services, one service, a list of either, or an HSDA page ({ contents: [...] }); a data package
// (zip of CSV files) is first put back together into the same nested shape. Liandong's own codes
// come back from the attributes an export writes; data from elsewhere gets defaults (type
// "organizational", need category "other", locations in the importing organization's district).

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const list = (o: Json, key: string) => (Array.isArray(o[key]) ? (o[key] as unknown[]).filter(isObject) : [])
const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined)
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)

/** Services found in a JSON document, numbered in reading order. */
export function servicesFromJson(data: Buffer): SourceRow<Json>[] {
  let doc: unknown
  try {
    doc = JSON.parse(data.toString('utf8').replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new UnreadableFileError((error as Error).message)
  }
  const services: Json[] = []
  const visit = (item: unknown) => {
    if (Array.isArray(item)) return item.forEach(visit)
    if (!isObject(item)) return
    if (Array.isArray(item.contents)) return visit(item.contents)
    if (Array.isArray(item.services)) {
      services.push(...list(item, 'services'))
      return
    }
    // A service has a status; an organization without services holds nothing to import.
    if (typeof item.status === 'string' || Array.isArray(item.service_at_locations)) services.push(item)
  }
  visit(doc)
  return services.map((s, i) => ({ row: i + 1, data: s }))
}

/** A data package zip → services (with their related rows nested), numbered by services.csv row. */
export async function servicesFromDatapackage(data: Buffer): Promise<SourceRow<Json>[]> {
  let zip: JSZip
  try {
    zip = await (await loadZip()).loadAsync(data)
  } catch (error) {
    throw new UnreadableFileError((error as Error).message)
  }
  // Files may sit in a folder inside the zip; match them by name.
  const files = new Map(
    Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => [f.name.split('/').at(-1)!, f]),
  )
  if (!files.has(HSDS_TABLES.service.path)) throw new UnreadableFileError('services.csv missing')
  const tables = {} as Record<HsdsTableName, Json[]>
  for (const [name, table] of Object.entries(HSDS_TABLES) as [
    HsdsTableName,
    (typeof HSDS_TABLES)[HsdsTableName],
  ][]) {
    const file = files.get(table.path)
    if (!file) {
      tables[name] = []
      continue
    }
    try {
      const rows = parse(await file.async('string'), {
        bom: true,
        columns: true,
        skip_empty_lines: true,
      }) as Record<string, string>[]
      tables[name] = rows.map(typed)
    } catch (error) {
      throw new UnreadableFileError(`${table.path}: ${(error as Error).message}`)
    }
  }
  const by = (name: HsdsTableName, key: string) => {
    const map = new Map<string, Json[]>()
    for (const row of tables[name]) {
      const k = row[key]
      if (typeof k === 'string') map.set(k, [...(map.get(k) ?? []), row])
    }
    return (id: unknown) => (typeof id === 'string' ? (map.get(id) ?? []) : [])
  }
  const termById = new Map(tables.taxonomy_term.map((t) => [t.id, t]))
  const taxonomyById = new Map(tables.taxonomy.map((t) => [t.id, t]))
  const attributesOf = by('attribute', 'link_id')
  const withTerms = (id: unknown) =>
    attributesOf(id).map((a) => {
      const term = termById.get(a.taxonomy_term_id)
      const detail = term && taxonomyById.get(term.taxonomy_id)
      return {
        ...a,
        ...(term ? { taxonomy_term: { ...term, ...(detail ? { taxonomy_detail: detail } : {}) } } : {}),
      }
    })
  const locations = new Map(tables.location.map((l) => [l.id, l]))
  const addressesOf = by('address', 'location_id')
  const ofService = (name: HsdsTableName) => by(name, 'service_id')
  const [phones, contacts, schedules, areas, languages, documents, costs, sals] = (
    [
      'phone',
      'contact',
      'schedule',
      'service_area',
      'language',
      'required_document',
      'cost_option',
      'service_at_location',
    ] as const
  ).map(ofService)
  return tables.service.map((s, i) => ({
    row: i + 2,
    data: {
      ...s,
      phones: phones!(s.id),
      contacts: contacts!(s.id),
      schedules: schedules!(s.id),
      service_areas: areas!(s.id).map((a) => ({ ...a, attributes: withTerms(a.id) })),
      languages: languages!(s.id),
      required_documents: documents!(s.id),
      cost_options: costs!(s.id),
      attributes: withTerms(s.id),
      service_at_locations: sals!(s.id).map((sal) => {
        const location = locations.get(sal.location_id)
        return {
          ...sal,
          ...(location
            ? {
                location: {
                  ...location,
                  addresses: addressesOf(location.id),
                  attributes: withTerms(location.id),
                },
              }
            : {}),
        }
      }),
    },
  }))
}

/** CSV text → typed values, empty cells → absent (as in the JSON form). */
function typed(row: Record<string, string>): Json {
  const out: Json = {}
  for (const [k, v] of Object.entries(row)) {
    if (v === '') continue
    out[k] = HSDS_FIELD_TYPES[k] === 'number' && Number.isFinite(Number(v)) ? Number(v) : v
  }
  return out
}

/** How problems name a field: the HSDS property it came from. */
const HSDS_NAMES: Record<string, string> = {
  id: 'id',
  name: 'name',
  alternateName: 'alternate_name',
  description: 'description',
  url: 'url',
  contactEmail: 'email',
  contactName: 'contacts.name',
  contactPhone: 'phones.number',
  eligibilityNote: 'eligibility_description',
  ageMin: 'minimum_age',
  ageMax: 'maximum_age',
  costNote: 'fees_description',
  costFen: 'cost_options.amount',
  scheduleRrule: 'schedules',
  scheduleNote: 'schedules.description',
  languages: 'languages.code',
  requiredDocuments: 'required_documents.document',
  keywords: 'attributes',
  districtCodes: 'service_areas',
  needCategories: `attributes (${TAXONOMY.needCategory})`,
  recipientCategories: `attributes (${TAXONOMY.recipientCategory})`,
  resourceType: `attributes (${TAXONOMY.resourceType})`,
  capacityTotal: `attributes (${TAXONOMY.capacity})`,
  capacityAvailable: `attributes (${TAXONOMY.capacity})`,
  capacityUnit: `attributes (${TAXONOMY.capacity})`,
}
const hsdsName = (field: string) => {
  const loc = field.match(/^locations\.(\d+)\.(\w+)$/)
  if (loc) {
    const prop =
      { address: 'addresses.address_1', districtCode: 'external_identifier', name: 'name' }[loc[2]!] ?? loc[2]
    return `service_at_locations[${loc[1]}].location.${prop}`
  }
  return HSDS_NAMES[field.split('.')[0]!] ?? field
}

const LAT_LNG = { latitude: 90, longitude: 180 } as const
const MAX_DOCUMENT = 60

/** One HSDS service → a candidate resource. `fallbackDistrict` places locations that carry no code. */
export function serviceToCandidate(
  { row, data: s }: SourceRow<Json>,
  fallbackDistrict: string | null,
): Candidate {
  const problems: ImportProblem[] = []
  const attrs = list(s, 'attributes')
  const taxonomyOf = (a: Json) => {
    const term = isObject(a.taxonomy_term) ? a.taxonomy_term : {}
    const detail = isObject(term.taxonomy_detail) ? term.taxonomy_detail : {}
    return { term, taxonomy: text(term.taxonomy) ?? text(detail.name) }
  }
  const codes = (taxonomy: string, allowed?: readonly string[]) =>
    attrs
      .map(taxonomyOf)
      .filter((t) => t.taxonomy === taxonomy)
      .map((t) => text(t.term.code))
      .filter((c): c is string => c !== undefined && (!allowed || allowed.includes(c)))
  const capacity = (code: string) =>
    attrs.find((a) => {
      const t = taxonomyOf(a)
      return t.taxonomy === TAXONOMY.capacity && t.term.code === code
    })?.value
  // Terms of other taxonomies are kept as keywords, so a search still finds them.
  const ours = new Set<string>(Object.values(TAXONOMY).filter((x) => x !== TAXONOMY.keyword))
  const keywords = attrs
    .map(taxonomyOf)
    .filter((t) => !t.taxonomy || !ours.has(t.taxonomy))
    .map((t) => text(t.term.name))
    .filter((n): n is string => n !== undefined && n.length <= 40)
    .slice(0, 20)

  const contact = list(s, 'contacts')[0] ?? {}
  const phone =
    list(s, 'phones')[0] ??
    list(contact, 'phones')[0] ??
    list(list(s, 'service_at_locations')[0] ?? {}, 'phones')[0]
  const documents = list(s, 'required_documents')
    .map((d) => text(d.document))
    .filter((d): d is string => d !== undefined)
  const notes = [
    text(s.eligibility_description),
    ...documents.filter((d) => d.length > MAX_DOCUMENT).map((d) => `所需材料：${d}`),
  ]
  const cny = list(s, 'cost_options').find(
    (c) => /^(cny|rmb)$/i.test(String(c.currency ?? '')) && num(c.amount) !== undefined,
  )
  const otherCost = list(s, 'cost_options')
    .filter((c) => c !== cny)
    .map((c) =>
      [text(c.option), num(c.amount), text(c.currency)?.toUpperCase(), text(c.amount_description)]
        .filter((x) => x !== undefined)
        .join(' '),
    )
    .join('；')
  const schedule = list(s, 'schedules')[0]
  const rrule = schedule && text(schedule.freq) ? scheduleRrule(schedule) : undefined
  const hours =
    schedule && text(schedule.opens_at)
      ? `${text(schedule.opens_at)}–${text(schedule.closes_at) ?? ''}`
      : undefined
  const scheduleNote = [text(schedule?.description), hours].filter(Boolean).join(' ')

  const districtCodes = [
    ...codes(TAXONOMY.district),
    ...list(s, 'service_areas').flatMap((a) => [
      ...list(a, 'attributes')
        .map(taxonomyOf)
        .filter((t) => t.taxonomy === TAXONOMY.district)
        .map((t) => text(t.term.code)),
      ...[text(a.extent), text(a.name)].filter((v) => v !== undefined && /^\d{6}$/.test(v)),
    ]),
  ].filter((c): c is string => c !== undefined)

  const locations = list(s, 'service_at_locations').flatMap((sal) => {
    const l = isObject(sal.location) ? sal.location : undefined
    if (!l || l.location_type === 'virtual') return []
    const address = list(l, 'addresses')[0]
    const ownExport = l.external_identifier_type === DISTRICT_ID_TYPE
    const line = address
      ? ownExport
        ? text(address.address_1)
        : [address.address_1, address.address_2, address.city, address.state_province, address.postal_code]
            .map(text)
            .filter(Boolean)
            .join(', ')
      : undefined
    const code =
      list(l, 'attributes')
        .map(taxonomyOf)
        .find((t) => t.taxonomy === TAXONOMY.district)?.term.code ??
      (ownExport || /^\d{6}$/.test(String(l.external_identifier ?? ''))
        ? l.external_identifier
        : undefined) ??
      fallbackDistrict
    const addressText = line || text(l.name)
    if (!addressText) return []
    const location: Json = { address: addressText, districtCode: typeof code === 'string' ? code : '' }
    if (text(l.name)) location.name = text(l.name)
    // Coordinates outside the globe (the HSDS examples carry 100, 101) are not coordinates.
    for (const key of ['latitude', 'longitude'] as const) {
      const v = num(l[key])
      if (v !== undefined && Math.abs(v) <= LAT_LNG[key]) location[key] = v
    }
    return [location]
  })

  const input: Json = {
    name: text(s.name) ?? '',
    description: text(s.description) ?? '',
    resourceType: codes(TAXONOMY.resourceType, resourceTypes)[0] ?? 'organizational',
    needCategories: unique(codes(TAXONOMY.needCategory, needCategories)).length
      ? unique(codes(TAXONOMY.needCategory, needCategories))
      : ['other'],
  }
  const optional: Json = {
    alternateName: text(s.alternate_name),
    url: text(s.url),
    source: codes(TAXONOMY.source, resourceSources)[0],
    visibility: codes(TAXONOMY.visibility, ['public', 'org'])[0],
    recipientCategories: unique(codes(TAXONOMY.recipientCategory, recipientCategories)),
    keywords: unique(keywords),
    ageMin: num(s.minimum_age),
    ageMax: num(s.maximum_age),
    districtCodes: unique(districtCodes),
    requiredDocuments: documents.filter((d) => d.length <= MAX_DOCUMENT),
    eligibilityNote: notes.filter(Boolean).join('\n') || undefined,
    capacityTotal: intOf(capacity('total')),
    capacityAvailable: intOf(capacity('available')),
    capacityUnit: text(capacity('unit')),
    scheduleRrule: rrule,
    scheduleNote: scheduleNote || undefined,
    costFen: cny ? Math.round(num(cny.amount)! * 100) : undefined,
    costNote: text(s.fees_description) ?? (text(cny?.option) || otherCost || undefined),
    languages: unique(
      list(s, 'languages')
        .map((l) => text(l.code)?.toLowerCase())
        .filter((c): c is string => c !== undefined),
    ),
    contactName: text(contact.name),
    contactPhone: text(phone?.number)
      ?.replace(/[^0-9+\- ]/g, '')
      .trim(),
    contactEmail: text(s.email) ?? text(contact.email),
    locations,
  }
  for (const [k, v] of Object.entries(optional)) {
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) input[k] = v
  }
  const id = text(s.id)
  const status = FROM_HSDS_STATUS[String(s.status ?? '')]
  return { row, ...(id ? { id } : {}), ...(status ? { status } : {}), input, problems, columnOf: hsdsName }
}

const unique = <T>(values: T[]) => [...new Set(values)]
const intOf = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined)

/** HSDS schedule fields → an RRULE (COUNT wins over UNTIL, as RFC 5545 allows only one). */
function scheduleRrule(x: Json): string {
  const parts = [`FREQ=${text(x.freq)}`]
  if (num(x.interval)) parts.push(`INTERVAL=${num(x.interval)}`)
  if (text(x.byday)) parts.push(`BYDAY=${text(x.byday)}`)
  if (num(x.count)) parts.push(`COUNT=${num(x.count)}`)
  else if (text(x.until)) parts.push(`UNTIL=${text(x.until)!.replaceAll('-', '')}`)
  if (text(x.wkst)) parts.push(`WKST=${text(x.wkst)}`)
  return parts.join(';')
}
