import { beforeEach, describe, expect, it } from 'vitest'
import { EmbeddedSearchEngine } from './embedded/embedded-engine.ts'
import type { SearchDocument, SearchEngine } from './engine.ts'
import { type OpportunityInput, opportunitiesIndex, opportunityToDocument } from './indexes/opportunities.ts'
import { backoffMs, drainOutbox, type OutboxOp, type OutboxSource } from './sync.ts'
import { FaultyEngine } from './testing/faulty-engine.ts'
import { MemoryOutbox } from './testing/memory-outbox.ts'

const INDEX = opportunitiesIndex.name

function doc(n: number, version: number): SearchDocument {
  const input: OpportunityInput = {
    id: `opp-${n}`,
    orgId: `org-${n % 7}`,
    title: `社区助老志愿服务 第${n}场 v${version}`,
    description: '陪伴独居老人聊天、读报',
    needCategory: 'care',
    skills: ['陪伴'],
    districtCode: n % 2 ? '510107' : '620102',
    startsAt: '2025-06-01T01:00:00Z',
    spotsAvailable: 5,
    status: 'published',
    updatedAt: new Date(Date.UTC(2025, 0, 1) + version * 1000),
  }
  return { ...opportunityToDocument(input), version }
}

/** Everything the engine holds, id → version, read back through search the way a user would. */
async function contents(engine: SearchEngine): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>()
  for (let page = 1; ; page++) {
    const r = await engine.search(INDEX, { page, perPage: 100, sort: [{ field: 'startsAt', order: 'asc' }] })
    for (const h of r.hits) {
      expect(out.has(h.id)).toBe(false)
      out.set(h.id, h.document.version)
    }
    if (page >= r.totalPages) return out
  }
}

describe('drainOutbox', () => {
  let inner: EmbeddedSearchEngine
  let engine: FaultyEngine

  beforeEach(async () => {
    inner = new EmbeddedSearchEngine()
    await inner.ensureIndex(opportunitiesIndex)
    engine = new FaultyEngine(inner, { seed: 7 })
  })

  it('coalesces ops on one document: the last one wins, in one call per kind', async () => {
    const ops: OutboxOp[] = [
      { id: 1, index: INDEX, op: 'upsert', docId: 'opp-1', doc: doc(1, 1), attempts: 0 },
      { id: 3, index: INDEX, op: 'delete', docId: 'opp-1', attempts: 0 },
      { id: 2, index: INDEX, op: 'upsert', docId: 'opp-1', doc: doc(1, 2), attempts: 0 },
      { id: 4, index: INDEX, op: 'upsert', docId: 'opp-2', doc: doc(2, 1), attempts: 0 },
      { id: 5, index: INDEX, op: 'upsert', docId: 'opp-2', doc: doc(2, 2), attempts: 0 },
    ]
    const completed: OutboxOp[] = []
    const source: OutboxSource = {
      claim: async () => ops,
      complete: async (done) => void completed.push(...done),
      fail: async () => {
        throw new Error('nothing should fail')
      },
    }
    const result = await drainOutbox(source, engine)
    expect(result).toEqual({ claimed: 5, completed: 5, failed: 0, errors: [] })
    expect(completed).toHaveLength(5)
    expect(engine.calls).toMatchObject({ upsert: 1, delete: 1 })
    expect([...(await contents(engine))]).toEqual([['opp-2', 2]])
  })

  it('hands failed ops back with growing backoff, and never loses an upsert without its document', async () => {
    const outbox = new MemoryOutbox()
    outbox.record(INDEX, 'upsert', 'opp-1', null)
    outbox.record(INDEX, 'upsert', 'opp-2', doc(2, 1))
    const first = await drainOutbox(outbox, engine, { random: () => 1 })
    expect(first.failed).toBe(2)
    expect(first.errors[0]).toContain('without a document')
    expect(outbox.pending).toBe(2)
    expect(await outbox.claim(10)).toEqual([])
    outbox.now += 1_000
    outbox.record(INDEX, 'upsert', 'opp-1', doc(1, 1))
    const second = await drainOutbox(outbox, engine)
    expect(second).toMatchObject({ completed: 2, failed: 0 })
    expect(outbox.pending).toBe(0)
    expect([1, 2, 3, 4].map((a) => backoffMs(a, { random: () => 1 }))).toEqual([2_000, 4_000, 8_000, 16_000])
    expect(backoffMs(40, { random: () => 1 })).toBe(300_000)
    expect(backoffMs(3, { random: () => 0 })).toBe(4_000)
  })

  it('catches up after an outage during 1,000 writes: exactly the database, nothing missing or doubled', async () => {
    const outbox = new MemoryOutbox()
    const database = new Map<string, number>()
    let seed = 42
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
      return seed / 2_147_483_648
    }
    let version = 0
    const write = () => {
      const n = Math.floor(random() * 150)
      const id = `opp-${n}`
      version += 1
      if (database.has(id) && random() < 0.3) {
        database.delete(id)
        outbox.record(INDEX, 'delete', id)
      } else {
        database.set(id, version)
        outbox.record(INDEX, 'upsert', id, doc(n, version))
      }
    }
    const drainers = () =>
      Promise.all([
        drainOutbox(outbox, engine, { batchSize: 40 }),
        drainOutbox(outbox, engine, { batchSize: 40 }),
      ])

    // The outage: every write succeeds in the database, every drain fails and backs off.
    engine.down = true
    let failed = 0
    for (let i = 0; i < 1_000; i++) {
      write()
      if (i % 50 === 49) {
        failed += (await drainers()).reduce((sum, r) => sum + r.failed, 0)
        outbox.now += 500
      }
    }
    expect(failed).toBeGreaterThan(0)
    expect(outbox.pending).toBeGreaterThan(100)
    expect((await engine.stats(INDEX)).documents).toBe(0)

    // Recovery on a flaky engine, with writes still arriving and two drainers racing.
    engine.down = false
    engine.failRate = 0.3
    for (let round = 0; outbox.pending > 0 && round < 500; round++) {
      if (round < 40) write()
      await drainers()
      outbox.now += 60_000
    }
    engine.failRate = 0
    await drainers()

    expect(outbox.pending).toBe(0)
    expect(engine.calls.failed).toBeGreaterThan(10)
    const indexed = await contents(engine)
    expect(new Map([...indexed].sort())).toEqual(new Map([...database].sort()))
    expect((await engine.stats(INDEX)).documents).toBe(database.size)
  })

  it('keeps indexes apart: a failing one does not hold back another', async () => {
    const outbox = new MemoryOutbox()
    outbox.record('missing-index', 'upsert', 'x', doc(1, 1))
    outbox.record(INDEX, 'upsert', 'opp-3', doc(3, 1))
    const result = await drainOutbox(outbox, engine)
    expect(result).toMatchObject({ claimed: 2, completed: 1, failed: 1 })
    expect(result.errors[0]).toMatch(/^missing-index: UnknownIndexError/)
    expect((await engine.stats(INDEX)).documents).toBe(1)
  })
})
