import type { SearchDocument, SearchEngine } from '@liandong/search'
import type { DocumentLoader } from './documents.ts'

const PAGE = 500

/** Streams every document of an index from the database into a fresh copy, swapped in at the end. */
export async function rebuildIndex(
  engine: SearchEngine,
  index: string,
  loader: DocumentLoader,
  onProgress?: (indexed: number) => void,
): Promise<number> {
  let indexed = 0
  async function* batches(): AsyncGenerator<SearchDocument[]> {
    for await (const ids of loader.idPages(PAGE)) {
      const docs = await loader.load(ids)
      indexed += docs.length
      yield docs
    }
  }
  await engine.replaceAll(index, batches(), (p) => onProgress?.(p.indexed))
  return indexed
}
