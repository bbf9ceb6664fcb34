import type { SearchDocument } from '../engine.ts'
import type { Filter, Scalar } from '../filter.ts'

// The filter AST compiled once per query into a plain predicate. Semantics follow Meilisearch's so
// the conformance suite can hold both to them: a field holding an array matches when any element
// does; NOT matches documents where the field is missing; ranges only ever match numbers.

export type Predicate = (doc: SearchDocument) => boolean

const EARTH_RADIUS_M = 6_371_000

export function distanceMeters(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180
  const dLat = (lat2 - lat1) * rad
  const dLng = (lng2 - lng1) * rad
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)))
}

function sameValue(a: unknown, b: Scalar): boolean {
  // Meilisearch compares strings case-insensitively and numbers as numbers.
  if (typeof b === 'string') return typeof a === 'string' && a.toLowerCase() === b.toLowerCase()
  return a === b
}

function anyValue(field: unknown, test: (v: unknown) => boolean): boolean {
  return Array.isArray(field) ? field.some(test) : test(field)
}

export function compileFilter(filter: Filter | undefined): Predicate {
  if (!filter) return () => true
  switch (filter.op) {
    case 'eq': {
      const { field, value } = filter
      return (doc) => anyValue(doc[field], (v) => sameValue(v, value))
    }
    case 'in': {
      const { field, values } = filter
      return (doc) => anyValue(doc[field], (v) => values.some((x) => sameValue(v, x)))
    }
    case 'range': {
      const { field, gte, lte, gt, lt } = filter
      const inRange = (v: unknown) =>
        typeof v === 'number' &&
        (gte === undefined || v >= gte) &&
        (lte === undefined || v <= lte) &&
        (gt === undefined || v > gt) &&
        (lt === undefined || v < lt)
      return (doc) => anyValue(doc[field], inRange)
    }
    case 'and': {
      const parts = filter.filters.map(compileFilter)
      return (doc) => parts.every((p) => p(doc))
    }
    case 'or': {
      const parts = filter.filters.map(compileFilter)
      return (doc) => parts.some((p) => p(doc))
    }
    case 'not': {
      const inner = compileFilter(filter.filter)
      return (doc) => !inner(doc)
    }
    case 'geo': {
      const { lat, lng, meters } = filter
      return (doc) => {
        const g = doc._geo
        return !!g && distanceMeters(lat, lng, g.lat, g.lng) <= meters
      }
    }
  }
}
