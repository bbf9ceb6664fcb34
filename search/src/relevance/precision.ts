import type { SearchEngine } from '../engine.ts'
import { f } from '../filter.ts'
import { opportunitiesIndex, opportunityToDocument } from '../indexes/opportunities.ts'
import { resourcesIndex, resourceToDocument } from '../indexes/resources.ts'
import { FIXTURE_OPPORTUNITIES, FIXTURE_RESOURCES, OPPORTUNITY_KEYS, RESOURCE_KEYS } from './fixture.ts'
import type { LabelledQuery } from './queries.ts'

export type QueryScore = { query: LabelledQuery; precision: number; got: string[] }

/** Loads the fixture into `engine` under the given index names. */
export async function loadFixture(engine: SearchEngine, names: { resources: string; opportunities: string }) {
  await engine.ensureIndex({ ...resourcesIndex, name: names.resources })
  await engine.ensureIndex({ ...opportunitiesIndex, name: names.opportunities })
  await engine.upsert(names.resources, FIXTURE_RESOURCES.map(resourceToDocument))
  await engine.upsert(names.opportunities, FIXTURE_OPPORTUNITIES.map(opportunityToDocument))
}

// What the API adds for an anonymous visitor: published items only, and public ones for resources.
const VISIBLE = {
  resources: f.and(f.eq('status', 'published'), f.eq('visibility', 'public')),
  opportunities: f.eq('status', 'published'),
}

export async function scoreQuery(
  engine: SearchEngine,
  names: { resources: string; opportunities: string },
  query: LabelledQuery,
): Promise<QueryScore> {
  const visible = VISIBLE[query.index]
  const result = await engine.search(names[query.index], {
    text: query.text,
    filter: query.filter ? f.and(visible, query.filter) : visible,
    perPage: 5,
  })
  const keys = query.index === 'resources' ? RESOURCE_KEYS : OPPORTUNITY_KEYS
  const got = result.hits.map((h) => keys.get(h.id) ?? h.id)
  const k = Math.min(5, query.relevant.length)
  const hits = got.slice(0, k).filter((key) => query.relevant.includes(key)).length
  return { query, precision: hits / k, got }
}
