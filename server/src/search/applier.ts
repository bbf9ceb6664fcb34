import type { SearchEngine } from '@liandong/search'
import type { OutboxApplier } from '../jobs/index.ts'
import type { DocumentLoader } from './documents.ts'

/**
 * Mirrors outbox entries into the engine: each touched document is read again from the database
 * (the source of truth) and upserted, or deleted when the row is gone. Applying twice is harmless.
 */
export function searchApplier(engine: SearchEngine, loaders: Record<string, DocumentLoader>): OutboxApplier {
  return async (batch) => {
    const failed: Array<{ seq: number; error: string }> = []
    const byIndex = new Map<string, typeof batch>()
    for (const entry of batch) byIndex.set(entry.indexName, [...(byIndex.get(entry.indexName) ?? []), entry])
    for (const [index, entries] of byIndex) {
      const loader = loaders[index]
      if (!loader) {
        for (const e of entries) failed.push({ seq: e.seq, error: `no loader for index ${index}` })
        continue
      }
      try {
        const ids = [...new Set(entries.map((e) => e.docId))]
        const docs = await loader.load(ids)
        const present = new Set(docs.map((d) => d.id))
        if (docs.length) await engine.upsert(index, docs)
        const gone = ids.filter((id) => !present.has(id))
        if (gone.length) await engine.delete(index, gone)
      } catch (error) {
        for (const e of entries) failed.push({ seq: e.seq, error: (error as Error).message.slice(0, 500) })
      }
    }
    return failed.length ? { failed } : undefined
  }
}
