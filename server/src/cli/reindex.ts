import { createSearchEngine, INDEX_DEFINITIONS } from '@liandong/search'
import { SingleBar } from 'cli-progress'
import { documentLoaders } from '../search/documents.ts'
import { rebuildIndex } from '../search/rebuild.ts'
import { openDatabase } from './open-database.ts'

/**
 * Rebuilds search indexes from the database into a fresh copy and swaps it in, so searches keep
 * answering from the old copy until the new one is complete. Meilisearch is shared by every
 * process, so this runs here; the embedded engine lives inside the server process, which rebuilds
 * it at every start and on POST /api/search/reindex.
 */
export async function reindexCommand(names: string[]) {
  const { config, database } = await openDatabase()
  try {
    if (!config.MEILI_URL) {
      console.error(
        'The embedded search engine lives inside the server process: it is rebuilt from the database at every start,\n' +
          'and a platform admin can rebuild it while it runs with POST /api/search/reindex. Set MEILI_URL to reindex Meilisearch from here.',
      )
      process.exitCode = 2
      return
    }
    const engine = createSearchEngine({ meiliUrl: config.MEILI_URL, meiliApiKey: config.MEILI_KEY })
    const loaders = documentLoaders(database.db)
    const targets = names.length ? names : Object.keys(loaders)
    for (const name of targets) {
      const loader = loaders[name]
      const definition = INDEX_DEFINITIONS.find((d) => d.name === name)
      if (!loader || !definition) {
        console.error(`Unknown index "${name}". Known: ${Object.keys(loaders).join(', ')}`)
        process.exitCode = 2
        return
      }
      await engine.ensureIndex(definition)
      const bar = new SingleBar({
        format: `${name.padEnd(14)} [{bar}] {value}/{total} documents · {duration}s`,
      })
      bar.start(await loader.count(), 0)
      const indexed = await rebuildIndex(engine, name, loader, (n) => bar.update(n))
      bar.update(indexed)
      bar.stop()
    }
    await engine.close()
  } finally {
    await database.close()
  }
}
