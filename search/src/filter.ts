// A small filter language both adapters understand: the embedded engine evaluates it, the Meilisearch
// adapter prints it as a filter string. Callers build it with `f`, never with strings, so user input
// can only ever be a value, never syntax.

export type Scalar = string | number | boolean

export type Filter =
  | { op: 'eq'; field: string; value: Scalar }
  | { op: 'in'; field: string; values: Scalar[] }
  | { op: 'range'; field: string; gte?: number; lte?: number; gt?: number; lt?: number }
  | { op: 'and'; filters: Filter[] }
  | { op: 'or'; filters: Filter[] }
  | { op: 'not'; filter: Filter }
  | { op: 'geo'; lat: number; lng: number; meters: number }

export type RangeBounds = { gte?: number; lte?: number; gt?: number; lt?: number }

/** The field every index fills with a document's district codes and their ancestors (city, province). */
export const AREA_FIELD = 'areaCodes'

export const f = {
  eq: (field: string, value: Scalar): Filter => ({ op: 'eq', field, value }),
  in: (field: string, values: Scalar[]): Filter => ({ op: 'in', field, values }),
  range: (field: string, bounds: RangeBounds): Filter => ({ op: 'range', field, ...bounds }),
  and: (...filters: Filter[]): Filter => ({ op: 'and', filters }),
  or: (...filters: Filter[]): Filter => ({ op: 'or', filters }),
  not: (filter: Filter): Filter => ({ op: 'not', filter }),
  geoRadius: (lat: number, lng: number, meters: number): Filter => ({ op: 'geo', lat, lng, meters }),
  /** District filter: a district, city or province code (GB/T 2260) — matches everything inside it. */
  district: (codes: string | string[]): Filter =>
    Array.isArray(codes)
      ? { op: 'in', field: AREA_FIELD, values: codes }
      : { op: 'eq', field: AREA_FIELD, value: codes },
}
