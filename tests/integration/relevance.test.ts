import { LABELLED_QUERIES, scoreQuery } from '@liandong/search/fixture'
import { seedDemoResources } from '@liandong/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../support/app.ts'

// The relevance set, measured end to end: demo resources written to the database, mapped to
// documents by the server and indexed by the app's own engine at start-up.
let t: TestApp
beforeAll(async () => {
  t = await testApp()
  await t.app.searchReady()
  // Seeded after start-up here, so the documents reach the engine through the outbox, as writes do.
  await seedDemoResources(t.database.db)
  while ((await t.app.jobs.outbox.drainOnce()).claimed > 0) {}
})
afterAll(() => t.close())

describe('relevance over the demo data', () => {
  it('keeps precision@5 at or above 0.9 for the labelled resource queries', async () => {
    const queries = LABELLED_QUERIES.filter((q) => q.index === 'resources')
    expect(queries.length).toBeGreaterThanOrEqual(40)
    const scores = []
    for (const query of queries)
      scores.push(
        await scoreQuery(t.search, { resources: 'resources', opportunities: 'opportunities' }, query),
      )
    const mean = scores.reduce((sum, s) => sum + s.precision, 0) / scores.length
    const misses = scores.filter((s) => s.precision < 1).map((s) => `${s.query.text}: ${s.got.join(' ')}`)
    console.log(`precision@5 over ${scores.length} resource queries through the database: ${mean.toFixed(3)}`)
    expect(mean, misses.join('\n')).toBeGreaterThanOrEqual(0.9)
  })
})
