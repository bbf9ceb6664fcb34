import type { SearchDocument, SearchEngine } from './engine.ts'

// One step of the outbox → engine sync. The database is the source of truth: every write to an
// indexed row also writes an outbox row in the same transaction, and this step applies a claimed
// batch to the engine. An engine outage loses nothing — failed ops are handed back with a backoff
// and applied on a later step, so the index catches up once the engine returns.
//
// Contract for `claim` (implemented in the database with FOR UPDATE SKIP LOCKED): while one drainer
// holds ops for a document, no other drainer may claim ops for that same (index, docId) — otherwise two
// processes could apply an old and a new version in the wrong order. Keeping one outbox row per
// (index, docId), updated with a new version on each write, gives exactly that; `complete` then
// deletes a row only if its version is still the one claimed.

export type OutboxOp = {
  id: string | number
  index: string
  op: 'upsert' | 'delete'
  docId: string
  /** The document to write, for upserts (mapped with the index's *ToDocument function). */
  doc?: SearchDocument | null
  /** How many times this op has failed before; drives the backoff. */
  attempts: number
}

export type OutboxFailure = { op: OutboxOp; error: string; retryAfterMs: number }

export type OutboxSource = {
  /** Claims up to `limit` due ops, oldest first. */
  claim(limit: number): Promise<OutboxOp[]>
  /** Marks ops applied (including ones a later op on the same document superseded). */
  complete(ops: OutboxOp[]): Promise<void>
  /** Hands ops back for a retry after `retryAfterMs`. */
  fail(failures: OutboxFailure[]): Promise<void>
}

export type DrainOptions = {
  batchSize?: number
  baseDelayMs?: number
  maxDelayMs?: number
  random?: () => number
}

export type DrainResult = {
  claimed: number
  /** Ops completed (written, or superseded by a later op on the same document). */
  completed: number
  failed: number
  errors: string[]
}

/** Exponential backoff with jitter: 1 s, 2 s, 4 s … capped, each scaled by 0.5–1 so drainers spread out. */
export function backoffMs(attempts: number, options: DrainOptions = {}): number {
  const base = options.baseDelayMs ?? 1_000
  const max = options.maxDelayMs ?? 5 * 60_000
  const random = options.random ?? Math.random
  const delay = Math.min(max, base * 2 ** Math.min(attempts, 30))
  return Math.round(delay * (0.5 + random() / 2))
}

function byId(a: OutboxOp, b: OutboxOp): number {
  if (typeof a.id === 'number' && typeof b.id === 'number') return a.id - b.id
  return String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0
}

/** The last op per document wins; an upsert followed by a delete is just a delete. */
export function coalesce(ops: OutboxOp[]): Map<string, OutboxOp> {
  const last = new Map<string, OutboxOp>()
  for (const op of [...ops].sort(byId)) last.set(op.docId, op)
  return last
}

async function applyIndex(engine: SearchEngine, index: string, ops: OutboxOp[]): Promise<void> {
  const winners = [...coalesce(ops).values()]
  const docs: SearchDocument[] = []
  const deletes: string[] = []
  for (const op of winners) {
    if (op.op === 'delete') deletes.push(op.docId)
    else if (op.doc) docs.push(op.doc)
    else throw new Error(`outbox op ${op.id} upserts ${op.docId} without a document`)
  }
  if (docs.length > 0) await engine.upsert(index, docs)
  if (deletes.length > 0) await engine.delete(index, deletes)
}

export async function drainOutbox(
  source: OutboxSource,
  engine: SearchEngine,
  options: DrainOptions = {},
): Promise<DrainResult> {
  const ops = await source.claim(options.batchSize ?? 500)
  const result: DrainResult = { claimed: ops.length, completed: 0, failed: 0, errors: [] }
  const byIndex = new Map<string, OutboxOp[]>()
  for (const op of ops) {
    const list = byIndex.get(op.index)
    if (list) list.push(op)
    else byIndex.set(op.index, [op])
  }
  // Each index stands alone: one failing index does not hold back the others.
  for (const [index, indexOps] of byIndex) {
    try {
      await applyIndex(engine, index, indexOps)
      await source.complete(indexOps)
      result.completed += indexOps.length
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
      await source.fail(
        indexOps.map((op) => ({ op, error: message, retryAfterMs: backoffMs(op.attempts, options) })),
      )
      result.failed += indexOps.length
      result.errors.push(`${index}: ${message}`)
    }
  }
  return result
}
