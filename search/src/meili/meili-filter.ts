import { InvalidSearchQueryError } from '../errors.ts'
import type { Filter, Scalar } from '../filter.ts'

// The filter AST printed as a Meilisearch filter string. Values are always quoted and escaped
// (backslash, then double quote), so a value can never close its string and become syntax; field
// names come from index definitions and are still checked, as a second line of defence.

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/

function field(name: string): string {
  if (!FIELD.test(name)) throw new InvalidSearchQueryError(`invalid field name ${name}`, { field: name })
  return name
}

function numberLiteral(n: number): string {
  if (!Number.isFinite(n)) throw new InvalidSearchQueryError('numbers in filters must be finite')
  if (Number.isInteger(n)) return BigInt(n).toString()
  const s = String(n)
  // Meilisearch does not read exponent notation; tiny fractions are written out instead.
  return s.includes('e') ? n.toFixed(12) : s
}

export function quoteValue(value: Scalar): string {
  if (typeof value === 'number') return numberLiteral(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

export function toMeiliFilter(filter: Filter): string {
  switch (filter.op) {
    case 'eq':
      return `${field(filter.field)} = ${quoteValue(filter.value)}`
    case 'in':
      return `${field(filter.field)} IN [${filter.values.map(quoteValue).join(', ')}]`
    case 'range': {
      const name = field(filter.field)
      const parts: string[] = []
      if (filter.gte !== undefined) parts.push(`${name} >= ${numberLiteral(filter.gte)}`)
      if (filter.gt !== undefined) parts.push(`${name} > ${numberLiteral(filter.gt)}`)
      if (filter.lte !== undefined) parts.push(`${name} <= ${numberLiteral(filter.lte)}`)
      if (filter.lt !== undefined) parts.push(`${name} < ${numberLiteral(filter.lt)}`)
      return parts.join(' AND ')
    }
    case 'and':
    case 'or':
      return filter.filters.map((f) => `(${toMeiliFilter(f)})`).join(filter.op === 'and' ? ' AND ' : ' OR ')
    case 'not':
      return `NOT (${toMeiliFilter(filter.filter)})`
    case 'geo':
      return `_geoRadius(${numberLiteral(filter.lat)}, ${numberLiteral(filter.lng)}, ${numberLiteral(filter.meters)})`
  }
}
