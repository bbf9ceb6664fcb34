import type { ResourceStatus, ResourceWithLocations } from '@liandong/db'
import { COLUMNS, type Column, columnOfField, STATUS_LABELS } from './columns.ts'
import type { Candidate, ImportProblem, SourceRow } from './exchange.types.ts'

// One spreadsheet row ↔ one resource.

const LIST_SEPARATOR = /[;；,，、\n]/
const byLabel = (codes: Record<string, string>) => {
  const map = new Map<string, string>()
  for (const [key, label] of Object.entries(codes)) {
    map.set(key.toLowerCase(), key)
    map.set(label, key)
  }
  return map
}
const lookups = new Map(COLUMNS.filter((c) => c.codes).map((c) => [c.key, byLabel(c.codes!)]))

const list = (text: string) =>
  text
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean)

const header = (field: string) => columnOfField(field)?.header ?? field

/** A row's cells → a candidate resource, with the problems found while reading the cells. */
export function rowToCandidate({ row, data }: SourceRow<Record<string, string>>): Candidate {
  const input: Record<string, unknown> = {}
  const problems: ImportProblem[] = []
  const problem = (field: string, code: ImportProblem['code'], params?: ImportProblem['params']) =>
    problems.push({ row, field, column: header(field), code, ...(params ? { params } : {}) })
  let id: string | undefined
  let status: ResourceStatus | undefined

  for (const column of COLUMNS) {
    const text = data[column.key]
    if (text === undefined || text === '' || column.kind === 'lines') continue
    const value = readCell(column, text, problem)
    if (value === undefined) continue
    if (column.key === 'id') id = value as string
    else if (column.key === 'status') status = value as ResourceStatus
    else input[column.key] = value
  }

  const lines = (key: string) => (data[`locations.${key}`] ?? '').split('\n').map((s) => s.trim())
  const names = lines('name')
  const addresses = lines('address')
  const districts = lines('districtCode')
  const latitudes = lines('latitude')
  const longitudes = lines('longitude')
  const count = Math.max(
    ...[names, addresses, districts, latitudes, longitudes].map((l) => (l.join('') === '' ? 0 : l.length)),
  )
  if (count > 0) {
    const locations = []
    for (let i = 0; i < count; i++) {
      const location: Record<string, unknown> = {
        address: addresses[i] ?? '',
        districtCode: districts[i] ?? '',
      }
      if (names[i]) location.name = names[i]
      for (const [key, texts] of [
        ['latitude', latitudes],
        ['longitude', longitudes],
      ] as const) {
        const t = texts[i]
        if (!t) continue
        const n = Number(t)
        if (Number.isFinite(n)) location[key] = n
        else problem(`locations.${i}.${key}`, 'field.invalid_type', { type: 'number' })
      }
      locations.push(location)
    }
    input.locations = locations
  }
  return {
    row,
    ...(id ? { id } : {}),
    ...(status ? { status } : {}),
    input,
    problems,
    columnOf: header,
  }
}

function readCell(
  column: Column,
  text: string,
  problem: (field: string, code: ImportProblem['code'], params?: ImportProblem['params']) => void,
): unknown {
  switch (column.kind) {
    case 'text':
      return text
    case 'integer':
      if (/^-?\d+$/.test(text)) return Number(text)
      problem(column.key, 'field.invalid_type', { type: 'integer' })
      return undefined
    case 'yuan': {
      const cleaned = text.replace(/[¥￥,\s元]/g, '')
      if (/^\d+(\.\d{1,2})?$/.test(cleaned)) return Math.round(Number(cleaned) * 100)
      problem(column.key, 'field.invalid_type', { type: 'yuan' })
      return undefined
    }
    case 'list':
      return list(text)
    case 'code': {
      const key = lookups.get(column.key)!.get(text) ?? lookups.get(column.key)!.get(text.toLowerCase())
      if (key) return key
      problem(column.key, 'field.invalid_value')
      return undefined
    }
    case 'codes': {
      const keys: string[] = []
      list(text).forEach((label) => {
        const key = lookups.get(column.key)!.get(label) ?? lookups.get(column.key)!.get(label.toLowerCase())
        if (key) keys.push(key)
        else problem(column.key, 'import.unknown_code', { value: label })
      })
      return keys
    }
    default:
      return undefined
  }
}

/** A resource → its row of cells, in COLUMNS order (what an export writes and an import reads back). */
export function resourceToRow(r: ResourceWithLocations): string[] {
  const lines = (pick: (l: ResourceWithLocations['locations'][number]) => unknown) =>
    r.locations.map((l) => (pick(l) ?? '') as string | number).join('\n')
  return COLUMNS.map((c) => {
    switch (c.key) {
      case 'status':
        return STATUS_LABELS[r.status] ?? r.status
      case 'locations.name':
        return lines((l) => l.name)
      case 'locations.address':
        return lines((l) => l.address)
      case 'locations.districtCode':
        return lines((l) => l.districtCode)
      case 'locations.latitude':
        return lines((l) => l.latitude)
      case 'locations.longitude':
        return lines((l) => l.longitude)
    }
    const value = (r as unknown as Record<string, unknown>)[c.key]
    if (value === null || value === undefined) return ''
    switch (c.kind) {
      case 'yuan':
        return ((value as number) / 100).toFixed(2)
      case 'list':
        return (value as string[]).join('；')
      case 'code':
        return c.codes![value as string] ?? String(value)
      case 'codes':
        return (value as string[]).map((k) => c.codes![k] ?? k).join('；')
      default:
        return String(value)
    }
  })
}
