import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EmbeddedSearchEngine } from '../embedded/embedded-engine.ts'
import type { SearchEngine } from '../engine.ts'
import { MeiliSearchEngine } from '../meili/meili-engine.ts'
import { loadFixture, type QueryScore, scoreQuery } from './precision.ts'
import { LABELLED_QUERIES } from './queries.ts'

// Precision@5 of the labelled set on every adapter that can run here. The figure is printed so a
// change in analysis or weights shows its effect, and the test fails below 0.9.

const TARGET = 0.9

function relevance(name: string, make: () => SearchEngine) {
  describe(`relevance: ${name}`, () => {
    const names = {
      resources: `rel_${Date.now().toString(36)}_res`,
      opportunities: `rel_${Date.now().toString(36)}_opp`,
    }
    let engine: SearchEngine
    beforeAll(async () => {
      engine = make()
      await loadFixture(engine, names)
    })
    afterAll(async () => {
      await engine.dropIndex(names.resources)
      await engine.dropIndex(names.opportunities)
      await engine.close()
    })

    it(`keeps precision@5 at or above ${TARGET} over ${LABELLED_QUERIES.length} labelled queries`, async () => {
      const scores: QueryScore[] = []
      for (const q of LABELLED_QUERIES) scores.push(await scoreQuery(engine, names, q))
      const mean = scores.reduce((s, x) => s + x.precision, 0) / scores.length
      const misses = scores.filter((s) => s.precision < 1)
      console.log(`relevance ${name}: precision@5 = ${mean.toFixed(3)} over ${scores.length} queries`)
      for (const m of misses) {
        console.log(
          `  ${m.precision.toFixed(2)}  ${m.query.index} "${m.query.text}" → ${m.got.join(' ')} (want ${m.query.relevant.join(' ')})`,
        )
      }
      expect(LABELLED_QUERIES.length).toBeGreaterThanOrEqual(40)
      expect(mean).toBeGreaterThanOrEqual(TARGET)
    })
  })
}

relevance('embedded', () => new EmbeddedSearchEngine())

const url = process.env.MEILI_URL
if (url) relevance('meilisearch', () => new MeiliSearchEngine({ url, apiKey: process.env.MEILI_MASTER_KEY }))
else console.warn('\n*** relevance: meilisearch skipped: no Meilisearch (set MEILI_URL) ***\n')
