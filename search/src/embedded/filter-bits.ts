import type { Filter } from '../filter.ts'
import { andInto, type Bitset, complementWithin, orInto } from './bitset.ts'
import type { ColumnStore } from './columns.ts'
import { compileFilter } from './filter-eval.ts'

// A filter becomes a bitset over internal ids before any text is scored. Each condition is tested
// once per distinct value of its field (the column's table: a handful for status or category, one per
// document only for dates and locations), then one pass over the column's Uint32 references marks the
// documents. The per-value test is compileFilter's, so the semantics stay Meilisearch's.

function conditionBits(
  filter: Filter,
  field: string,
  store: ColumnStore,
  alive: Bitset,
  count: number,
): Bitset {
  const test = compileFilter(filter)
  const out = new Uint32Array(alive.length)
  const column = store.column(field)
  if (!column) {
    if (test({ id: '' })) out.set(alive)
    return out
  }
  const flags = new Uint8Array(column.table.length)
  for (let i = 0; i < flags.length; i++) flags[i] = test({ id: '', [field]: column.table[i] }) ? 1 : 0
  const refs = column.refs
  for (let w = 0; w < out.length; w++) {
    const live = alive[w]!
    if (live === 0) continue
    let v = 0
    const base = w << 5
    const end = Math.min(32, count - base)
    for (let j = 0; j < end; j++) if (flags[refs[base + j]!] === 1) v |= 1 << j
    out[w] = v & live
  }
  return out
}

export function filterBits(filter: Filter, store: ColumnStore, alive: Bitset, count: number): Bitset {
  switch (filter.op) {
    case 'eq':
    case 'in':
    case 'range':
      return conditionBits(filter, filter.field, store, alive, count)
    case 'geo':
      return conditionBits(filter, '_geo', store, alive, count)
    case 'and': {
      const out = alive.slice()
      for (const child of filter.filters) andInto(out, filterBits(child, store, alive, count))
      return out
    }
    case 'or': {
      const out = new Uint32Array(alive.length)
      for (const child of filter.filters) orInto(out, filterBits(child, store, alive, count))
      return out
    }
    case 'not':
      return complementWithin(filterBits(filter.filter, store, alive, count), alive)
  }
}
