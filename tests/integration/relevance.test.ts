import type { Database } from '@liandong/db'
import { AREA_NAMES, createSearchEngine, type SearchEngine } from '@liandong/search'
import { RESOURCE_KEYS } from '@liandong/search/fixture'
import { hashPassword, seedDemoMarketplace, seedDemoResources, seedDemoVolunteers } from '@liandong/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { freshDatabase } from '../support/database.ts'
import { DEMO_QUERIES, type DemoQuery, type Index } from './relevance-labels.ts'

// The relevance set, measured end to end over the whole demo directory (fixture partners and the
// generated marketplace): rows written to the database, mapped to documents by the server, indexed
// by the app's engine, and searched through the API as a Chengdu social worker. Precision@5 counts
// how many of the first k hits are labelled relevant, k = min(5, relevant items the filter allows).

const TARGET = 0.9
const USER = 'worker.cd@demo.liandong.cn'

type Hit = { id: string; title?: string; publicSummary?: string }

const districtPrefix = new RegExp(
  `^(${Object.values(AREA_NAMES)
    .sort((a, b) => b.length - a.length)
    .join('|')})`,
)

function matches(index: Index, entry: string, hit: Hit): boolean {
  if (index === 'needs') return (hit.publicSummary ?? '').startsWith(entry)
  const title = hit.title ?? ''
  if (index === 'opportunities') return title === entry
  const key = RESOURCE_KEYS.get(hit.id)
  if (key) return key === entry
  return title === entry || title.replace(districtPrefix, '') === entry
}
const label = (index: Index, hit: Hit) =>
  index === 'needs'
    ? (hit.publicSummary ?? '').slice(0, 14)
    : (RESOURCE_KEYS.get(hit.id) ?? (hit.title ?? '').replace(districtPrefix, ''))

let database: Database
beforeAll(async () => {
  database = await freshDatabase()
})
afterAll(() => database.close())

function relevance(name: string, makeEngine: () => SearchEngine | undefined, first: boolean) {
  describe(`relevance over the demo data: ${name}`, () => {
    let t: TestApp
    let cookie: string
    beforeAll(async () => {
      t = await testApp({ database, seed: first, search: makeEngine() })
      await t.app.searchReady()
      if (first) {
        // Seeded after start-up, so the documents reach the engine through the outbox, as writes do.
        await seedDemoResources(t.database.db)
        await seedDemoMarketplace(t.database.db, {
          dataKeys: t.config.dataKeys,
          responseHours: t.config.REFERRAL_RESPONSE_HOURS,
        })
        await seedDemoVolunteers(t.database.db, { dataKeys: t.config.dataKeys, hashPassword })
        while ((await t.app.jobs.outbox.drainOnce()).claimed > 0) {}
      }
      cookie = await signIn(t.app, USER)
    })
    afterAll(() => t.close())

    async function search(
      index: Index,
      q: string,
      params: DemoQuery['params'],
      page: number,
      perPage: number,
    ) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/search/${index}`,
        headers: { cookie },
        query: { q, page: String(page), perPage: String(perPage), ...params },
      })
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as { hits: Hit[]; totalPages: number }
    }
    /** Every item the caller may see under `params`, without text: what a perfect top 5 is drawn from. */
    async function browse(index: Index, params: DemoQuery['params']) {
      const all: Hit[] = []
      for (let page = 1; ; page++) {
        const result = await search(index, '', params, page, 100)
        all.push(...result.hits)
        if (page >= result.totalPages) return all
      }
    }

    it(`keeps precision@5 at or above ${TARGET} on each index`, async () => {
      const resourceQueries = DEMO_QUERIES.filter((q) => q.index === 'resources')
      expect(resourceQueries.length).toBeGreaterThanOrEqual(40)
      // A label that names nothing in the directory is a typo, not a hard query.
      const visible = {
        resources: await browse('resources', undefined),
        opportunities: await browse('opportunities', undefined),
        needs: await browse('needs', undefined),
      }
      const unknown = DEMO_QUERIES.flatMap((query) =>
        query.relevant
          .filter((entry) => !visible[query.index].some((hit) => matches(query.index, entry, hit)))
          .map((entry) => `${query.index}: ${entry}`),
      )
      expect(unknown, 'labels that name nothing the caller can find').toEqual([])

      const perIndex: Record<Index, number[]> = { resources: [], opportunities: [], needs: [] }
      const misses: string[] = []
      for (const query of DEMO_QUERIES) {
        const isRelevant = (hit: Hit) => query.relevant.some((e) => matches(query.index, e, hit))
        const ideal = (await browse(query.index, query.params)).filter(isRelevant).length
        expect(
          ideal,
          `relevant items exist for "${query.q}" ${JSON.stringify(query.params ?? {})}`,
        ).toBeGreaterThan(0)
        const k = Math.min(5, ideal)
        const got = (await search(query.index, query.q, query.params, 1, 5)).hits
        const precision = got.slice(0, k).filter(isRelevant).length / k
        perIndex[query.index].push(precision)
        if (precision < 1)
          misses.push(
            `  ${precision.toFixed(2)} ${query.index} "${query.q}" ${JSON.stringify(query.params ?? {})} → ${got
              .map((h) => `${isRelevant(h) ? '' : '✗'}${label(query.index, h)}`)
              .join(' · ')}`,
          )
      }
      const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length
      const report = (Object.keys(perIndex) as Index[]).map(
        (index) => `${index} ${mean(perIndex[index]).toFixed(3)} over ${perIndex[index].length} queries`,
      )
      console.log(`relevance (${name}) precision@5: ${report.join('; ')}\n${misses.join('\n')}`)
      for (const index of Object.keys(perIndex) as Index[])
        expect(mean(perIndex[index]), `${index}\n${misses.join('\n')}`).toBeGreaterThanOrEqual(TARGET)
    })
  })
}

/**
 * The app's indexes under names of this run's own (`rel_…_resources`), dropped when the app closes,
 * so the test can run against a shared Meilisearch server without touching its `resources` index.
 */
function ownIndexes(inner: SearchEngine): SearchEngine {
  const prefix = `rel_${Date.now().toString(36)}_`
  const made = new Set<string>()
  const name = (index: string) => prefix + index
  return {
    kind: inner.kind,
    ensureIndex: async (def) => {
      made.add(def.name)
      await inner.ensureIndex({ ...def, name: name(def.name) })
    },
    upsert: (index, docs) => inner.upsert(name(index), docs),
    delete: (index, ids) => inner.delete(name(index), ids),
    search: (index, query) => inner.search(name(index), query),
    stats: (index) => inner.stats(name(index)),
    health: () => inner.health(),
    replaceAll: (index, source, onProgress) => inner.replaceAll(name(index), source, onProgress),
    setSynonyms: (table) => inner.setSynonyms(table),
    getSynonyms: () => inner.getSynonyms(),
    dropIndex: (index) => inner.dropIndex(name(index)),
    close: async () => {
      for (const index of made) await inner.dropIndex(name(index))
      await inner.close()
    },
  }
}

relevance('embedded', () => undefined, true)

const meiliUrl = process.env.MEILI_URL
if (meiliUrl)
  relevance(
    'meilisearch',
    () => ownIndexes(createSearchEngine({ meiliUrl, meiliApiKey: process.env.MEILI_MASTER_KEY })),
    false,
  )
else
  console.warn(
    '\n*** relevance over the demo data: meilisearch skipped: no Meilisearch (set MEILI_URL) ***\n',
  )
