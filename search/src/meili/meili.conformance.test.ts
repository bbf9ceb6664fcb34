import { describe, it } from 'vitest'
import { conformance } from '../conformance/suite.ts'
import { MeiliSearchEngine } from './meili-engine.ts'

const url = process.env.MEILI_URL

if (url) {
  conformance('meilisearch', () => new MeiliSearchEngine({ url, apiKey: process.env.MEILI_MASTER_KEY }))
} else {
  console.warn('\n*** search conformance: meilisearch skipped: no Meilisearch (set MEILI_URL) ***\n')
  describe('search conformance: meilisearch', () => {
    it.skip('skipped: no Meilisearch (set MEILI_URL)', () => {})
  })
}
