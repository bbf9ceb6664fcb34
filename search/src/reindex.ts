import type { DocumentSource, SearchDocument, SearchEngine } from './engine.ts'

// Rebuilding an index from the database: the source pages through rows, the engine fills a fresh
// index and swaps it in at the end (replaceAll), so searches never see it half-built or empty.

export type ReindexProgress = {
  indexed: number
  /** Known only when the caller counted the rows first. */
  total: number | undefined
  elapsedMs: number
  docsPerSecond: number
}

export type ReindexOptions = { total?: number; now?: () => number }

export async function reindex(
  engine: SearchEngine,
  index: string,
  source: DocumentSource,
  onProgress?: (p: ReindexProgress) => void,
  options: ReindexOptions = {},
): Promise<{ indexed: number; elapsedMs: number }> {
  const now = options.now ?? performance.now.bind(performance)
  const started = now()
  let indexed = 0
  await engine.replaceAll(index, source, (p) => {
    indexed = p.indexed
    const elapsedMs = now() - started
    onProgress?.({
      indexed,
      total: options.total,
      elapsedMs,
      docsPerSecond: elapsedMs > 0 ? (indexed * 1000) / elapsedMs : 0,
    })
  })
  return { indexed, elapsedMs: now() - started }
}

/** Groups rows into batches and maps each row to its document, for feeding reindex from a cursor. */
export async function* inBatches<Row>(
  rows: AsyncIterable<Row> | Iterable<Row>,
  size: number,
  toDocument: (row: Row) => SearchDocument,
): AsyncGenerator<SearchDocument[]> {
  let batch: SearchDocument[] = []
  for await (const row of rows) {
    batch.push(toDocument(row))
    if (batch.length >= size) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}
