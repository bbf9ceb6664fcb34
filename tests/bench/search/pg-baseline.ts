import {
  type Filter,
  type ResourceDocument,
  resourcesIndex,
  resourceToDocument,
  type SearchQuery,
} from '@liandong/search'
import type postgres from 'postgres'
import { planQuery } from '../../../search/src/analysis/query-plan.ts'
import { DEFAULT_SYNONYMS, Synonyms } from '../../../search/src/analysis/synonyms.ts'
import { resourceBatches } from './generate.ts'

// The baseline the embedded engine is compared with: the same documents in a PostgreSQL table and
// the same queries as SQL. Text becomes the engine's own query plan (synonyms included) as ILIKE
// '%word%' conditions over the searchable fields joined into one column; filters become WHERE
// clauses; each facet is one more GROUP BY query. Two variants:
//   ILIKE   — no text index (bitmap and index scans off): what a first version would ship;
//   pg_trgm — a GIN trigram index serves the same ILIKEs, ranked by similarity().
// PostgreSQL has no pinyin, so `jiuye` finds nothing there: the baseline's figures are its cost, not
// its answers.

type Sql = postgres.Sql
type Fragment = postgres.PendingQuery<postgres.Row[]>

const ARRAYS = new Set(['needCategories', 'recipientCategories', 'districtCodes', 'areaCodes'])
const synonyms = new Synonyms(DEFAULT_SYNONYMS)
const searchText = (d: ResourceDocument) =>
  resourcesIndex.searchable.flatMap(({ field }) => d[field]).join(' ')

export async function loadTable(sql: Sql, docs: number): Promise<{ loadMs: number; indexMs: number }> {
  await sql`drop table if exists resources`
  await sql`create table resources (
    id text primary key, search_text text not null, title text not null,
    "orgId" text, "resourceType" text, status text, visibility text,
    "needCategories" text[], "recipientCategories" text[], "districtCodes" text[], "areaCodes" text[],
    "capacityAvailable" int, "hasCapacity" boolean, "ageMin" int, "ageMax" int, "updatedAt" bigint)`
  let t = performance.now()
  for (const batch of resourceBatches(docs, 1000)) {
    const rows = batch.map(resourceToDocument).map((d) => ({
      id: d.id,
      search_text: searchText(d),
      title: d.title,
      orgId: d.orgId,
      resourceType: d.resourceType,
      status: d.status,
      visibility: d.visibility,
      needCategories: d.needCategories,
      recipientCategories: d.recipientCategories,
      districtCodes: d.districtCodes,
      areaCodes: d.areaCodes,
      capacityAvailable: d.capacityAvailable,
      hasCapacity: d.hasCapacity,
      ageMin: d.ageMin,
      ageMax: d.ageMax,
      updatedAt: d.updatedAt,
    }))
    await sql`insert into resources ${sql(rows)}`
  }
  const loadMs = performance.now() - t
  t = performance.now()
  await sql`create index resources_trgm on resources using gin (search_text gin_trgm_ops)`
  await sql`analyze resources`
  return { loadMs, indexMs: performance.now() - t }
}

const join = (sql: Sql, parts: Fragment[], op: 'and' | 'or'): Fragment =>
  parts.reduce((a, b) => (op === 'and' ? sql`${a} and ${b}` : sql`${a} or ${b}`))

function where(sql: Sql, f: Filter): Fragment {
  switch (f.op) {
    case 'eq':
      return ARRAYS.has(f.field) ? sql`${f.value} = any(${sql(f.field)})` : sql`${sql(f.field)} = ${f.value}`
    case 'in':
      return ARRAYS.has(f.field)
        ? sql`${sql(f.field)} && ${f.values.map(String)}::text[]`
        : sql`${sql(f.field)} = any(${f.values.map(String)})`
    case 'range': {
      const parts: Fragment[] = []
      if (f.gte !== undefined) parts.push(sql`${sql(f.field)} >= ${f.gte}`)
      if (f.lte !== undefined) parts.push(sql`${sql(f.field)} <= ${f.lte}`)
      if (f.gt !== undefined) parts.push(sql`${sql(f.field)} > ${f.gt}`)
      if (f.lt !== undefined) parts.push(sql`${sql(f.field)} < ${f.lt}`)
      return sql`(${join(sql, parts, 'and')})`
    }
    case 'and':
      return sql`(${join(
        sql,
        f.filters.map((c) => where(sql, c)),
        'and',
      )})`
    case 'or':
      return sql`(${join(
        sql,
        f.filters.map((c) => where(sql, c)),
        'or',
      )})`
    case 'not':
      return sql`not (${where(sql, f.filter)})`
    case 'geo':
      throw new Error('the benchmark queries have no geo filter')
  }
}

function textCondition(sql: Sql, text: string): Fragment | undefined {
  const { groups } = planQuery(text, synonyms)
  if (groups.length === 0) return undefined
  const like = (w: string) => sql`search_text ilike ${`%${w.replace(/[\\%_]/g, '\\$&')}%`}`
  return join(
    sql,
    groups.map(
      (g) =>
        sql`(${join(
          sql,
          g.map(
            (alt) =>
              sql`(${join(
                sql,
                alt.map((w) => like(w.word)),
                'and',
              )})`,
          ),
          'or',
        )})`,
    ),
    'and',
  )
}

export type Variant = 'ilike' | 'trgm'

/**
 * One search as the API would run it: a page of 20 with the total, then each facet — a facet with a
 * pick of its own (facetFilters) counted without that pick, as the engine does.
 */
export async function runQuery(sql: Sql, q: SearchQuery, variant: Variant): Promise<number> {
  const picks = Object.entries(q.facetFilters ?? {})
  const condition = (except?: string) => {
    const parts: Fragment[] = []
    const text = q.text ? textCondition(sql, q.text) : undefined
    if (text) parts.push(text)
    if (q.filter) parts.push(where(sql, q.filter))
    for (const [field, pick] of picks) if (field !== except) parts.push(where(sql, pick))
    return parts.length > 0 ? join(sql, parts, 'and') : sql`true`
  }
  const cond = condition()
  return sql.begin(async (tx) => {
    if (variant === 'ilike') {
      await tx`set local enable_bitmapscan = off`
      await tx`set local enable_indexscan = off`
    }
    const order =
      variant === 'trgm' && q.text ? tx`similarity(search_text, ${q.text}) desc` : tx`"updatedAt" desc`
    const page = await tx`select id, title, count(*) over () as total from resources
      where ${cond} order by ${order} limit 20`
    for (const field of q.facets ?? []) {
      const facetCond = picks.some(([picked]) => picked === field) ? condition(field) : cond
      if (ARRAYS.has(field)) {
        await tx`select v, count(*) from resources, unnest(${tx(field)}) v where ${facetCond} group by v`
      } else {
        await tx`select ${tx(field)}::text v, count(*) from resources where ${facetCond} group by 1`
      }
    }
    return page.length
  })
}
