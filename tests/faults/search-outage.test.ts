import { schema } from '@liandong/db'
import { createSearchEngine } from '@liandong/search'
import { FaultyEngine } from '@liandong/search/testing'
import { eq, type SQL, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'

// Issue 3's fault test through the real API: the engine is down while 1,000 writes arrive. Every
// write succeeds, /api/ready shows the lag, and after recovery the index holds exactly the
// database's documents — none missing, none duplicated.
const engine = new FaultyEngine(createSearchEngine({}))
let t: TestApp
let cookie: string
let orgId: string

beforeAll(async () => {
  t = await testApp({ search: engine, env: { AUTH_RATE_LIMIT: '10000' } })
  await t.app.searchReady()
  cookie = await signIn(t.app, 'partner.cd@demo.liandong.cn')
  orgId = JSON.parse((await t.app.inject({ url: '/api/me', headers: { cookie } })).body).memberships[0].orgId
})
afterAll(() => t.close())

const drainAll = async () => {
  for (let i = 0; i < 1000; i++) {
    const { claimed } = await t.app.jobs.outbox.drainOnce()
    if (claimed === 0) return
  }
}

describe('search outage', () => {
  it('loses nothing while the engine is down and converges after recovery', async () => {
    engine.down = true
    const ids: string[] = []
    for (let i = 0; i < 1000; i++) {
      const create = i % 4 !== 3
      if (create || ids.length === 0) {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/organizations/${orgId}/resources`,
          headers: { cookie },
          payload: {
            name: `故障演练资源 ${i}`,
            resourceType: 'material',
            needCategories: ['living'],
            capacityTotal: 5,
          },
        })
        expect(res.statusCode).toBe(201)
        ids.push(JSON.parse(res.body).id)
      } else {
        // Every fourth write changes an existing resource: publish it, so it must become searchable.
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/resources/${ids[i % ids.length]}/status`,
          headers: { cookie },
          payload: { status: 'active' },
        })
        expect(res.statusCode).toBe(200)
      }
    }
    // The drain keeps failing; rows stay, and readiness reports the lag once it is old enough.
    await t.app.jobs.outbox.drainOnce()
    t.clock.advance(10 * 60_000)
    const ready = await t.app.inject({ url: '/api/ready' })
    expect(ready.statusCode).toBe(503)
    const checks = JSON.parse(ready.body).checks
    expect(checks.outbox.ok).toBe(false)
    expect(checks.outbox.pending).toBe(1000)
    expect(checks.search.ok).toBe(false)

    engine.down = false
    t.clock.advance(60 * 60_000) // past every backoff
    await drainAll()

    const count = async (table: typeof schema.resources | typeof schema.outbox, where?: SQL) => {
      const [row] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(table).where(where)
      return row!.n
    }
    expect(await count(schema.outbox)).toBe(0)
    const stats = await engine.stats('resources')
    const counted = { n: await count(schema.resources) }
    expect(stats.documents).toBe(counted.n)
    expect(counted.n).toBe(ids.length)
    // Every published resource is findable, every draft is not.
    const published = await engine.search('resources', {
      text: '故障演练',
      filter: { op: 'eq', field: 'status', value: 'published' },
      perPage: 100,
    })
    expect(published.total).toBe(await count(schema.resources, eq(schema.resources.status, 'active')))
    expect(published.total).toBeGreaterThan(200)
    const readyAfter = await t.app.inject({ url: '/api/ready' })
    expect(JSON.parse(readyAfter.body).checks.outbox.pending).toBe(0)
  }, 180_000) // 1,000 writes and a full drain: minutes on a loaded 2-core machine
})
