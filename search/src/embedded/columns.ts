import type { SearchDocument } from '../engine.ts'
import { ensure } from './growable.ts'

// Documents stored by column: each field has a table of its distinct values and every document one
// Uint32 pointing into it (0: the document has no such key). Repeated values — status, category
// lists, district codes, organisation names — are kept once, filters and facets test each distinct
// value once, and a whole document is rebuilt only for the hits on a page.

export type ColumnsSnapshot = { fields: string[]; tables: unknown[][]; shapes: string[][] }

const ABSENT = 0

/** Arrays and plain objects are handed out as copies, so a caller cannot change the stored value. */
function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone)
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]))
  }
  return value
}

export class Column {
  readonly table: unknown[] = [undefined]
  refs: Uint32Array
  private primitives?: Map<unknown, number>
  private objects?: Map<string, number>

  constructor(capacity: number, table?: unknown[], refs?: Uint32Array) {
    if (table) this.table = table
    this.refs = refs ?? new Uint32Array(capacity)
  }

  private buildInterns(): void {
    this.primitives = new Map()
    this.objects = new Map()
    for (let i = 1; i < this.table.length; i++) this.remember(this.table[i], i)
  }

  private remember(value: unknown, ref: number): void {
    if (value !== null && typeof value === 'object') this.objects!.set(JSON.stringify(value), ref)
    else this.primitives!.set(value, ref)
  }

  intern(value: unknown): number {
    if (!this.primitives) this.buildInterns()
    const found =
      value !== null && typeof value === 'object'
        ? this.objects!.get(JSON.stringify(value))
        : this.primitives!.get(value)
    if (found !== undefined) return found
    const ref = this.table.length
    this.table.push(value)
    this.remember(value, ref)
    return ref
  }
}

export class ColumnStore {
  private readonly columns = new Map<string, Column>()
  private shapes: Column
  private capacity: number

  constructor(capacity = 1024) {
    this.capacity = capacity
    this.shapes = new Column(capacity)
  }

  private reserve(doc: number): void {
    if (doc < this.capacity) return
    this.capacity = Math.max(doc + 1, this.capacity * 2)
    for (const column of [this.shapes, ...this.columns.values()]) {
      column.refs = ensure(column.refs, this.capacity)
    }
  }

  column(field: string): Column | undefined {
    return this.columns.get(field)
  }

  set(doc: number, document: SearchDocument): void {
    this.reserve(doc)
    const keys = Object.keys(document)
    this.shapes.refs[doc] = this.shapes.intern(keys)
    for (const key of keys) {
      let column = this.columns.get(key)
      if (!column) {
        column = new Column(this.capacity)
        this.columns.set(key, column)
      }
      column.refs[doc] = column.intern(document[key])
    }
  }

  /** The stored value of one field (not a copy: for reading only). */
  value(doc: number, field: string): unknown {
    const column = this.columns.get(field)
    return column ? column.table[column.refs[doc]!] : undefined // slot 0 holds undefined
  }

  document(doc: number): SearchDocument {
    const keys = this.shapes.table[this.shapes.refs[doc]!] as string[]
    const out: Record<string, unknown> = {}
    for (const key of keys) {
      const column = this.columns.get(key)!
      out[key] = clone(column.table[column.refs[doc]!])
    }
    return out as SearchDocument
  }

  /** Keeps the documents `keep` (old ids, ascending) as 0…n−1 and drops values no one points to. */
  compact(keep: Uint32Array): void {
    const n = keep.length
    for (const [key, column] of [['', this.shapes] as const, ...this.columns]) {
      const remap = new Uint32Array(column.table.length)
      const table: unknown[] = [undefined]
      const refs = new Uint32Array(Math.max(n, 1024))
      for (let i = 0; i < n; i++) {
        const old = column.refs[keep[i]!]!
        if (old === ABSENT) continue
        if (remap[old] === 0) {
          remap[old] = table.length
          table.push(column.table[old])
        }
        refs[i] = remap[old]!
      }
      const fresh = new Column(refs.length, table, refs)
      if (key === '') this.shapes = fresh
      else this.columns.set(key, fresh)
    }
    this.capacity = Math.max(n, 1024)
  }

  toSnapshot(count: number): { meta: ColumnsSnapshot; refs: Uint32Array[] } {
    const fields = [...this.columns.keys()]
    return {
      meta: {
        fields,
        tables: fields.map((f) => this.columns.get(f)!.table),
        shapes: this.shapes.table as string[][],
      },
      refs: [this.shapes, ...fields.map((f) => this.columns.get(f)!)].map((c) => c.refs.slice(0, count)),
    }
  }

  static fromSnapshot(meta: ColumnsSnapshot, refs: Uint32Array[], count: number): ColumnStore {
    const store = new ColumnStore(Math.max(count, 1024))
    const grow = (r: Uint32Array) => ensure(r, store.capacity)
    // JSON turned the unused slot 0 into null; it stands for "no such key", read as undefined.
    const table = (t: unknown[]) => {
      t[0] = undefined
      return t
    }
    store.shapes = new Column(store.capacity, table(meta.shapes), grow(refs[0]!))
    meta.fields.forEach((field, i) => {
      store.columns.set(field, new Column(store.capacity, table(meta.tables[i]!), grow(refs[i + 1]!)))
    })
    return store
  }
}
