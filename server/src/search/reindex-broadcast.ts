import type { Database } from '@liandong/db'
import type { SearchEngine } from '@liandong/search'
import type { FastifyBaseLogger } from 'fastify'
import { uuidv7 } from 'uuidv7'
import type { DocumentLoader } from './documents.ts'
import { rebuildIndex } from './rebuild.ts'

// The embedded engine lives in each server process's memory, so `liandong reindex` cannot rebuild
// it from outside: it asks every running server over PostgreSQL NOTIFY (the channel the realtime
// hub also uses for cross-process messages) and draws their progress as they report it.

export const REINDEX_REQUEST_CHANNEL = 'liandong_search_reindex'
export const REINDEX_PROGRESS_CHANNEL = 'liandong_search_reindex_progress'

export interface ReindexRequest {
  id: string
  indexes: string[]
}

/** One report of one server process about one index: accepted, progressing, done or failed. */
export interface ReindexReport {
  id: string
  instance: string
  index: string
  state: 'accepted' | 'progress' | 'done' | 'failed'
  indexed: number
  total: number
  ms?: number
}

/** Progress reports at most this often per index (NOTIFY is cheap, but not free). */
const REPORT_EVERY_MS = 250

/**
 * In a server process with the embedded engine: answers reindex requests by rebuilding each asked
 * index into a fresh copy and swapping it in (searches keep answering from the old copy), reporting
 * progress. A request for an index already being rebuilt here is answered by that rebuild.
 */
export async function answerReindexRequests(options: {
  database: Database
  search: SearchEngine
  loaders: Record<string, DocumentLoader>
  log: FastifyBaseLogger
}): Promise<() => Promise<void>> {
  const { database, search, loaders, log } = options
  const instance = `${process.pid}-${uuidv7().slice(-6)}`
  const running = new Map<string, Promise<void>>()
  const report = (r: Omit<ReindexReport, 'instance'>) =>
    database.notify(REINDEX_PROGRESS_CHANNEL, JSON.stringify({ ...r, instance })).catch((error) => {
      log.warn({ err: error }, 'reindex progress not sent')
    })

  async function rebuild(id: string, index: string) {
    const loader = loaders[index]!
    const started = performance.now()
    await report({ id, index, state: 'accepted', indexed: 0, total: 0 })
    let last = 0
    let total = 0
    try {
      total = await loader.count()
      const indexed = await rebuildIndex(search, index, loader, (n) => {
        if (performance.now() - last < REPORT_EVERY_MS) return
        last = performance.now()
        void report({ id, index, state: 'progress', indexed: n, total })
      })
      const ms = Math.round(performance.now() - started)
      log.info({ index, documents: indexed, ms }, 'search index rebuilt on request')
      await report({ id, index, state: 'done', indexed, total, ms })
    } catch (error) {
      log.error({ err: error, index }, 'search index rebuild failed')
      await report({ id, index, state: 'failed', indexed: 0, total })
    }
  }

  return database.listen(REINDEX_REQUEST_CHANNEL, (payload) => {
    let request: ReindexRequest
    try {
      request = JSON.parse(payload) as ReindexRequest
    } catch {
      return
    }
    const indexes = Array.isArray(request.indexes) ? request.indexes.filter((i) => i in loaders) : []
    void (async () => {
      // One index after another, as at start: the machine keeps answering searches meanwhile.
      for (const index of indexes) {
        const current = running.get(index)
        if (current) {
          await current
          continue
        }
        const job = rebuild(String(request.id), index).finally(() => running.delete(index))
        running.set(index, job)
        await job
      }
    })()
  })
}

export interface ReindexOutcome {
  instance: string
  index: string
  state: 'done' | 'failed'
  indexed: number
  ms?: number
}

/**
 * From outside the servers (the CLI): asks every running server to rebuild `indexes` and resolves
 * once each server that answered within `answerMs` has finished them. `onReport` sees every report
 * (the CLI draws bars from them). Rejects when no server answers.
 */
export async function reindexRunningServers(
  database: Database,
  indexes: string[],
  options: { answerMs?: number; timeoutMs?: number; onReport?: (r: ReindexReport) => void } = {},
): Promise<ReindexOutcome[]> {
  const { answerMs = 5_000, timeoutMs = 30 * 60_000, onReport } = options
  const id = uuidv7()
  const outcomes = new Map<string, ReindexOutcome>()
  const instances = new Set<string>()
  let settle: (() => void) | undefined
  const finished = () =>
    instances.size > 0 && [...instances].every((i) => indexes.every((index) => outcomes.has(`${i}|${index}`)))

  const stop = await database.listen(REINDEX_PROGRESS_CHANNEL, (payload) => {
    let r: ReindexReport
    try {
      r = JSON.parse(payload) as ReindexReport
    } catch {
      return
    }
    if (r.id !== id) return
    instances.add(r.instance)
    onReport?.(r)
    if (r.state === 'done' || r.state === 'failed')
      outcomes.set(`${r.instance}|${r.index}`, {
        instance: r.instance,
        index: r.index,
        state: r.state,
        indexed: r.indexed,
        ...(r.ms === undefined ? {} : { ms: r.ms }),
      })
    if (finished()) settle?.()
  })
  try {
    const done = new Promise<void>((resolve) => {
      settle = resolve
    })
    await database.notify(REINDEX_REQUEST_CHANNEL, JSON.stringify({ id, indexes } satisfies ReindexRequest))
    // Servers answer at once (before counting); give the slower ones the same grace.
    await new Promise((r) => setTimeout(r, answerMs))
    if (instances.size === 0) throw new Error('no running server answered')
    if (!finished()) {
      let timer: NodeJS.Timeout | undefined
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the servers did not finish within ${timeoutMs} ms`)),
          timeoutMs,
        )
      })
      await Promise.race([done, late]).finally(() => clearTimeout(timer))
    }
    return [...outcomes.values()]
  } finally {
    await stop()
  }
}
