import { createDb, type Database, jobsRepo } from '@liandong/db'
import { JobQueue, JobRuntime, JobWorker, type Logger } from '@liandong/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClock } from '../support/clock.ts'
import { freshDatabase } from '../support/database.ts'

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} }
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until(check: () => Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(20)
  }
}

let main: Database & { url?: string }
/** A second client, as a second server process would have (PGlite: the same one, by design). */
let second: Database
const clock = new TestClock()

beforeAll(async () => {
  main = await freshDatabase()
  second = main.url ? await createDb({ url: main.url, maxConnections: 5 }) : main
})
afterAll(async () => {
  if (second !== main) await second.close()
  await main.close()
})

describe('jobs', () => {
  it('two workers on two connections run 200 jobs, each exactly once', async () => {
    const runs = new Map<string, string[]>()
    const makeWorker = (database: Database, id: string) => {
      const queue = new JobQueue(database, clock)
      queue.register('test.count', async (job) => {
        runs.set(job.id, [...(runs.get(job.id) ?? []), id])
        // A little work, so both workers hold jobs at the same time.
        await sleep(Math.random() * 5)
      })
      return {
        queue,
        worker: new JobWorker({ database, queue, clock, log: silent, id, concurrency: 4, pollMs: 50 }),
      }
    }
    const a = makeWorker(main, 'worker-a')
    const b = makeWorker(second, 'worker-b')
    await Promise.all([a.worker.start(), b.worker.start()])

    const ids: string[] = []
    for (let i = 0; i < 200; i++) {
      const job = await (i % 2 ? a : b).queue.enqueue('test.count', { i })
      ids.push(job!.id)
    }
    const repo = jobsRepo(main.db)
    await until(async () => (await repo.countByStatus()).done >= 200, 60_000, '200 jobs done')
    await Promise.all([a.worker.stop(), b.worker.stop()])

    expect(runs.size).toBe(200)
    const twice = [...runs].filter(([, by]) => by.length !== 1)
    expect(twice).toEqual([])
    expect(new Set(runs.keys())).toEqual(new Set(ids))
    const byWorker = { a: 0, b: 0 }
    for (const [, by] of runs) byWorker[by[0] === 'worker-a' ? 'a' : 'b']++
    expect(byWorker.a).toBeGreaterThan(0)
    expect(byWorker.b).toBeGreaterThan(0)
    expect(await repo.countByStatus()).toMatchObject({ pending: 0, running: 0, done: 200, failed: 0 })
  })

  it('retries a failing handler with growing backoff and marks it failed after maxAttempts', async () => {
    const queue = new JobQueue(main, clock)
    const attempts: Array<{ attempt: number; at: number }> = []
    queue.register('test.always-fails', async (job) => {
      attempts.push({ attempt: job.attempt, at: Date.now() })
      throw new Error(`partner system down (attempt ${job.attempt})`)
    })
    let flaky = 0
    queue.register('test.flaky', async () => {
      flaky++
      if (flaky < 3) throw new Error('not yet')
    })
    // random = 1 takes the top of the jitter range, so the delays are exactly 100 ms and 200 ms.
    const worker = new JobWorker({
      database: main,
      queue,
      clock,
      log: silent,
      pollMs: 20,
      backoff: { baseMs: 100, random: () => 1 },
    })
    await worker.start()
    const failing = await queue.enqueue('test.always-fails', {}, { maxAttempts: 3 })
    const recovering = await queue.enqueue('test.flaky', {}, { maxAttempts: 5 })
    const repo = jobsRepo(main.db)
    await until(async () => (await repo.get(failing!.id))?.status === 'failed', 10_000, 'failed status')
    await until(async () => (await repo.get(recovering!.id))?.status === 'done', 10_000, 'flaky job done')
    await worker.stop()

    const row = await repo.get(failing!.id)
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lockedBy: null })
    expect(row!.lastError).toContain('partner system down (attempt 3)')
    expect(row!.finishedAt).not.toBeNull()
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3])
    const gaps = [attempts[1]!.at - attempts[0]!.at, attempts[2]!.at - attempts[1]!.at]
    expect(gaps[0]).toBeGreaterThanOrEqual(95)
    expect(gaps[1]).toBeGreaterThanOrEqual(195)
    expect(await repo.get(recovering!.id)).toMatchObject({ status: 'done', attempts: 3, lastError: null })
  })

  it('recovers a job whose worker died, and the dead worker cannot finish it afterwards', async () => {
    const queue = new JobQueue(main, clock)
    const ran: string[] = []
    queue.register('test.stuck', async (job) => {
      ran.push(job.id)
    })
    const job = await queue.enqueue('test.stuck', {}, { maxAttempts: 3 })
    const repo = jobsRepo(second.db)
    // A worker claims it and dies without a word.
    const [claimed] = await repo.claim('dead-worker', ['test.stuck'], 1, clock.now())
    expect(claimed?.id).toBe(job!.id)

    const worker = new JobWorker({
      database: main,
      queue,
      clock,
      log: silent,
      pollMs: 20,
      lockTimeoutMs: 60_000,
    })
    await worker.start()
    await sleep(150)
    expect(ran).toEqual([]) // its lock is still fresh
    clock.advance(2 * 60_000)
    expect(await worker.maintain()).toBe(1)
    await until(async () => (await repo.get(job!.id))?.status === 'done', 10_000, 'recovered job done')
    await worker.stop()

    expect(ran).toEqual([job!.id])
    expect(await repo.get(job!.id)).toMatchObject({ status: 'done', attempts: 2 })
    expect(await repo.complete(job!.id, 'dead-worker', clock.now())).toBe(false)
  })

  it('keeps the lock of a long job fresh so it is not taken for dead', async () => {
    const queue = new JobQueue(main, clock)
    let runs = 0
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    queue.register('test.long', async () => {
      runs++
      await held
    })
    const worker = new JobWorker({
      database: main,
      queue,
      clock,
      log: silent,
      pollMs: 20,
      lockTimeoutMs: 60_000,
    })
    await worker.start()
    const job = await queue.enqueue('test.long')
    const repo = jobsRepo(main.db)
    await until(async () => runs === 1, 5_000, 'long job started')
    clock.advance(45_000)
    await worker.maintain() // refreshes its own lock
    clock.advance(45_000)
    expect(await worker.maintain()).toBe(0) // 90 s after the claim, but only 45 s after the refresh
    expect((await repo.get(job!.id))?.status).toBe('running')
    release()
    await worker.stop()
    expect(runs).toBe(1)
    expect((await repo.get(job!.id))?.status).toBe('done')
  })

  it('stop() waits for running handlers', async () => {
    const queue = new JobQueue(main, clock)
    let finished = false
    queue.register('test.slow', async () => {
      await sleep(300)
      finished = true
    })
    const worker = new JobWorker({ database: main, queue, clock, log: silent, pollMs: 20 })
    await worker.start()
    const job = await queue.enqueue('test.slow')
    await until(
      async () => (await jobsRepo(main.db).get(job!.id))?.status === 'running',
      5_000,
      'slow job running',
    )
    await worker.stop()
    expect(finished).toBe(true)
    expect((await jobsRepo(main.db).get(job!.id))?.status).toBe('done')
  })

  it('deduplicates by key, and two schedulers enqueue each recurring slot once', async () => {
    const queue = new JobQueue(main, clock)
    const first = await queue.enqueue('test.once', {}, { dedupeKey: 'test.once:42' })
    const again = await queue.enqueue('test.once', {}, { dedupeKey: 'test.once:42' })
    expect(first).toBeDefined()
    expect(again).toBeUndefined()

    const runtimes = [main, second].map((database) => new JobRuntime({ database, clock, log: silent }))
    const ticks = await Promise.all(runtimes.map((r) => r.scheduler.tick()))
    expect(ticks.flat().sort()).toEqual(['jobs.purge', 'sessions.cleanup'])
    expect(await Promise.all(runtimes.map((r) => r.scheduler.tick()))).toEqual([[], []])
    clock.advance(60 * 60_000)
    const next = await Promise.all(runtimes.map((r) => r.scheduler.tick()))
    expect(next.flat()).toContain('sessions.cleanup')
    expect(next.flat().filter((n) => n === 'sessions.cleanup')).toHaveLength(1)
  })
})
