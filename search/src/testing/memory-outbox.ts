import type { SearchDocument } from '../engine.ts'
import type { OutboxFailure, OutboxOp, OutboxSource } from '../sync.ts'

// An in-memory outbox that keeps the claim contract of sync.ts (one row per document, versioned,
// never claimed by two drainers at once). It is the reference the database implementation should
// behave like, and what the sync tests drain.

type Row = {
  id: number
  index: string
  docId: string
  op: 'upsert' | 'delete'
  doc: SearchDocument | null
  version: number
  attempts: number
  dueAt: number
  claimedVersion: number | null
}

export class MemoryOutbox implements OutboxSource {
  private rows = new Map<string, Row>()
  private nextId = 1
  now = 0

  /** What a transaction does next to its row write: record that the document changed. */
  record(index: string, op: 'upsert' | 'delete', docId: string, doc: SearchDocument | null = null): void {
    const key = `${index}\u0000${docId}`
    const row = this.rows.get(key)
    if (row) {
      Object.assign(row, { op, doc, version: row.version + 1, attempts: 0, dueAt: this.now })
    } else {
      this.rows.set(key, {
        id: this.nextId++,
        index,
        docId,
        op,
        doc,
        version: 1,
        attempts: 0,
        dueAt: this.now,
        claimedVersion: null,
      })
    }
  }

  get pending(): number {
    return this.rows.size
  }

  async claim(limit: number): Promise<OutboxOp[]> {
    const due = [...this.rows.values()]
      .filter((r) => r.claimedVersion === null && r.dueAt <= this.now)
      .sort((a, b) => a.id - b.id)
      .slice(0, limit)
    return due.map((r) => {
      r.claimedVersion = r.version
      return {
        id: `${r.index}\u0000${r.docId}@${r.version}`,
        index: r.index,
        op: r.op,
        docId: r.docId,
        doc: r.doc,
        attempts: r.attempts,
      }
    })
  }

  private rowOf(op: OutboxOp): { key: string; row: Row | undefined; version: number } {
    const key = `${op.index}\u0000${op.docId}`
    return { key, row: this.rows.get(key), version: Number(String(op.id).split('@')[1]) }
  }

  async complete(ops: OutboxOp[]): Promise<void> {
    for (const op of ops) {
      const { key, row, version } = this.rowOf(op)
      if (!row) continue
      // A write landed while this op was in flight: keep the row so the newer version is applied too.
      if (row.version === version) this.rows.delete(key)
      else row.claimedVersion = null
    }
  }

  async fail(failures: OutboxFailure[]): Promise<void> {
    for (const { op, retryAfterMs } of failures) {
      const { row, version } = this.rowOf(op)
      if (!row) continue
      row.claimedVersion = null
      if (row.version === version) {
        row.attempts += 1
        row.dueAt = this.now + retryAfterMs
      }
    }
  }
}
