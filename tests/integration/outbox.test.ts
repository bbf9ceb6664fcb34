import { createDb, type Database, enqueueOutbox, type OutboxEntry, schema } from '@liandong/db'
import { type Logger, OutboxDrain } from '@liandong/server'
import { asc, count, gte } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../support/app.ts'
import { freshDatabase } from '../support/database.ts'

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} }
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(25)
  }
}

let database: Database & { url?: string }
/** A second client, as a second server process would have (PGlite: the same one, by design). */
let second: Database
let t: TestApp

beforeAll(async () => {
  database = await freshDatabase()
  second = database.url ? await createDb({ url: database.url, maxConnections: 5 }) : database
  t = await testApp({ database, seed: false })
})
afterAll(async () => {
  await t.close()
  if (second !== database) await second.close()
  await database.close()
})

const rowsLeft = async () => {
  const [row] = await database.db.select({ n: count() }).from(schema.outbox)
  return row?.n ?? 0
}
const ready = async () => {
  const res = await t.app.inject({ url: '/api/ready' })
  return { status: res.statusCode, outbox: JSON.parse(res.body).checks.outbox }
}

describe('search outbox', () => {
  it('loses nothing while the engine is down, shows the lag, then applies every write exactly once', async () => {
    let engineUp = false
    const applied = new Map<number, number>()
    const byDoc = new Map<string, number>()
    const inFlight = new Set<string>()
    const overlaps: string[] = []
    const applier = async (batch: OutboxEntry[]) => {
      const docs = [...new Set(batch.map((e) => e.docId))]
      for (const d of docs) {
        if (inFlight.has(d)) overlaps.push(d)
        inFlight.add(d)
      }
      try {
        await sleep(Math.random() * 10)
        if (!engineUp) throw new Error('search engine unreachable')
        for (const e of batch) applied.set(e.seq, (applied.get(e.seq) ?? 0) + 1)
        for (const d of docs) byDoc.set(d, (byDoc.get(d) ?? 0) + 1)
      } finally {
        for (const d of docs) inFlight.delete(d)
      }
      return undefined
    }
    // Two drainers on two connections, as two server processes would run them.
    const drains = [database, second].map(
      (db) =>
        new OutboxDrain({
          database: db,
          clock: t.clock,
          log: silent,
          applier,
          batchSize: 100,
          pollMs: 20,
          backoff: { baseMs: 50, maxMs: 1_000 },
        }),
    )
    await Promise.all(drains.map((d) => d.start()))

    // 1,000 writes, each in its own transaction, while every drain attempt fails.
    for (let i = 0; i < 1000; i++) {
      await database.db.transaction(async (tx) => {
        await enqueueOutbox(tx, 'resources', i % 10 === 9 ? 'delete' : 'upsert', `res-${i}`)
      })
    }
    // Every row has been tried and failed at least once by now.
    await until(
      async () => {
        const [row] = await database.db
          .select({ n: count() })
          .from(schema.outbox)
          .where(gte(schema.outbox.attempts, 1))
        return (row?.n ?? 0) === 1000
      },
      20_000,
      'failed attempts on every row',
    )
    expect(await rowsLeft()).toBe(1000)
    expect(applied.size).toBe(0)

    // Lag shows in /api/ready; past the limit the service reports not ready.
    const before = await ready()
    expect(before.outbox).toMatchObject({ pending: 1000 })
    t.clock.advance(6 * 60_000)
    const late = await ready()
    expect(late.status).toBe(503)
    expect(late.outbox.ok).toBe(false)
    expect(late.outbox.pending).toBe(1000)
    expect(late.outbox.lagSeconds).toBeGreaterThan(300)

    engineUp = true
    await until(async () => (await rowsLeft()) === 0, 30_000, 'outbox drained')
    await Promise.all(drains.map((d) => d.stop()))

    expect(applied.size).toBe(1000)
    expect([...applied.values()].every((n) => n === 1)).toBe(true)
    expect(byDoc.size).toBe(1000)
    expect([...byDoc.values()].every((n) => n === 1)).toBe(true)
    expect(overlaps).toEqual([])
    const after = await ready()
    expect(after.status).toBe(200)
    expect(after.outbox).toMatchObject({ ok: true, pending: 0, lagSeconds: 0 })
  }, 60_000)

  it('hands a document to one drainer at a time, with all its rows in order', async () => {
    const batches: OutboxEntry[][] = []
    const inFlight = new Set<string>()
    const overlaps: string[] = []
    const applier = async (batch: OutboxEntry[]) => {
      for (const e of batch) {
        if (inFlight.has(e.docId)) overlaps.push(e.docId)
      }
      for (const e of batch) inFlight.add(e.docId)
      batches.push(batch)
      await sleep(5)
      for (const e of batch) inFlight.delete(e.docId)
      return undefined
    }
    for (let round = 0; round < 5; round++) {
      for (let doc = 0; doc < 20; doc++) await enqueueOutbox(database.db, 'needs', 'upsert', `need-${doc}`)
    }
    const drains = [database, second].map(
      (db) =>
        new OutboxDrain({ database: db, clock: t.clock, log: silent, applier, batchSize: 3, pollMs: 10 }),
    )
    await Promise.all(drains.map((d) => d.start()))
    await until(async () => (await rowsLeft()) === 0, 20_000, 'drained')
    await Promise.all(drains.map((d) => d.stop()))

    expect(overlaps).toEqual([])
    const seen = batches.flat()
    expect(seen).toHaveLength(100)
    expect(new Set(seen.map((e) => e.seq)).size).toBe(100)
    for (const batch of batches) {
      const seqs = batch.map((e) => e.seq)
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
    }
    // Every document's five rows arrived in one batch: none was split between drainers.
    for (let doc = 0; doc < 20; doc++) {
      const holding = batches.filter((b) => b.some((e) => e.docId === `need-${doc}`))
      expect(holding).toHaveLength(1)
      expect(holding[0]!.filter((e) => e.docId === `need-${doc}`)).toHaveLength(5)
    }
  }, 30_000)

  it('retries only the documents the applier reports as failed, with their attempts counted', async () => {
    await enqueueOutbox(database.db, 'opportunities', 'upsert', 'opp-a')
    await enqueueOutbox(database.db, 'opportunities', 'upsert', 'opp-b')
    await enqueueOutbox(database.db, 'opportunities', 'delete', 'opp-a')
    let calls = 0
    const drain = new OutboxDrain({
      database,
      clock: t.clock,
      log: silent,
      backoff: { baseMs: 60_000, random: () => 1 },
      applier: async (batch) => {
        calls++
        // Only the first row of opp-a fails; its later row must wait with it.
        const first = batch.find((e) => e.docId === 'opp-a')
        return calls === 1 && first ? { failed: [{ seq: first.seq, error: 'mapping failed' }] } : undefined
      },
    })
    expect(await drain.drainOnce()).toEqual({ claimed: 3, applied: 1, failed: 2 })
    const left = await database.db.select().from(schema.outbox).orderBy(asc(schema.outbox.seq))
    expect(left.map((r) => [r.docId, r.op, r.attempts, r.lastError])).toEqual([
      ['opp-a', 'upsert', 1, 'mapping failed'],
      ['opp-a', 'delete', 1, 'mapping failed'],
    ])
    // Not due before its backoff has passed.
    expect(await drain.drainOnce()).toEqual({ claimed: 0, applied: 0, failed: 0 })
    t.clock.advance(61_000)
    expect(await drain.drainOnce()).toEqual({ claimed: 2, applied: 2, failed: 0 })
    expect(await rowsLeft()).toBe(0)
  })
})
