import { RESOURCE_KEYS } from '@liandong/search/fixture'
import { seedDemoResources } from '@liandong/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { LABELLED_NEEDS } from '../support/matching-fixture.ts'

// The matching ranking measured end to end: the demo directory in the database and the search
// engine, the labelled needs posted through the API by the demo agencies' social workers, and
// GET /api/needs/:id/matches read as the worker sees it.
let t: TestApp
const cookies: Record<string, string> = {}
const orgOf: Record<string, string> = {}
const body = (res: { body: string }) => JSON.parse(res.body)

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  await t.app.searchReady()
  await seedDemoResources(t.database.db)
  while ((await t.app.jobs.outbox.drainOnce()).claimed > 0) {}
  for (const w of ['worker.cd', 'worker.gs']) {
    cookies[w] = await signIn(t.app, `${w}@demo.liandong.cn`)
    orgOf[w] = body(
      await t.app.inject({ url: '/api/me', headers: { cookie: cookies[w] } }),
    ).memberships[0].orgId
  }
})
afterAll(() => t.close())

describe('matching relevance over the labelled needs', () => {
  it('keeps precision@5 at or above 0.9', async () => {
    expect(LABELLED_NEEDS.length).toBeGreaterThanOrEqual(20)
    const year = t.clock.now().getUTCFullYear()
    const scores: { key: string; precision: number; got: string[] }[] = []
    for (const need of LABELLED_NEEDS) {
      const headers = { cookie: cookies[need.agency]! }
      const recipient = await t.app.inject({
        method: 'POST',
        url: `/api/organizations/${orgOf[need.agency]}/recipients`,
        headers,
        payload: {
          name: '测试对象',
          birthYear: year - need.recipient.age,
          categories: need.recipient.categories,
          districtCode: need.recipient.districtCode,
        },
      })
      expect(recipient.statusCode, recipient.body).toBe(201)
      const posted = await t.app.inject({
        method: 'POST',
        url: `/api/organizations/${orgOf[need.agency]}/needs`,
        headers,
        payload: {
          recipientId: body(recipient).id,
          title: need.key,
          categories: need.categories,
          publicSummary: need.publicSummary,
          quantity: need.quantity ?? 1,
        },
      })
      expect(posted.statusCode, posted.body).toBe(201)
      const res = await t.app.inject({ url: `/api/needs/${body(posted).id}/matches?limit=5`, headers })
      expect(res.statusCode, res.body).toBe(200)
      const matches = body(res)
      expect(matches.textMeasured).toBe(true)
      const got = matches.items.map(
        (m: { resource: { id: string } }) => RESOURCE_KEYS.get(m.resource.id) ?? '?',
      )
      const k = Math.min(5, need.relevant.length)
      const hits = got.slice(0, k).filter((key: string) => need.relevant.includes(key)).length
      scores.push({ key: need.key, precision: hits / k, got })
    }
    const mean = scores.reduce((sum, s) => sum + s.precision, 0) / scores.length
    const misses = scores.filter((s) => s.precision < 1).map((s) => `${s.key}: ${s.got.join(' ')}`)
    console.log(`matching precision@5 over ${scores.length} labelled needs: ${mean.toFixed(3)}`)
    expect(mean, misses.join('\n')).toBeGreaterThanOrEqual(0.9)
  })
})
