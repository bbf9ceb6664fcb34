import type { Database } from '@liandong/db'
import { createSearchEngine, INDEX_DEFINITIONS } from '@liandong/search'
import { MultiBar, SingleBar } from 'cli-progress'
import { documentLoaders } from '../search/documents.ts'
import { rebuildIndex } from '../search/rebuild.ts'
import { type ReindexReport, reindexRunningServers } from '../search/reindex-broadcast.ts'
import { openDatabase } from './open-database.ts'

/**
 * Rebuilds search indexes from the database into a fresh copy and swaps it in, so searches keep
 * answering from the old copy until the new one is complete. Meilisearch is shared by every
 * process, so this runs here; the embedded engine lives inside each server process, so this asks
 * every running server to rebuild its own copy and shows their progress.
 */
export async function reindexCommand(names: string[]) {
  const { config, database } = await openDatabase({
    lockedHint:
      'The running server holds it and rebuilds its embedded index at every start; to rebuild while it runs, a platform admin calls POST /api/search/reindex. On PostgreSQL this command reaches every running server.',
  })
  try {
    const known = Object.keys(documentLoaders(database.db))
    const unknown = names.filter((n) => !known.includes(n))
    if (unknown.length) {
      console.error(`Unknown index "${unknown[0]}". Known: ${known.join(', ')}`)
      process.exitCode = 2
      return
    }
    if (!config.MEILI_URL) {
      process.exitCode = await reindexEmbedded(
        database,
        names.length ? names : known,
        Boolean(config.DATABASE_URL),
      )
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

/** The embedded engine: every running server rebuilds its own in-memory copy; this shows them. */
async function reindexEmbedded(database: Database, indexes: string[], shared: boolean): Promise<number> {
  if (!shared) {
    // This command could open the PGlite folder, so no server holds it: the next start builds the
    // index from the database anyway.
    console.log(
      'No server is running on this data folder; the embedded index is built from the database when it starts.',
    )
    return 0
  }
  const bars = new MultiBar({
    format: '{instance} {index} [{bar}] {value}/{total} documents · {duration}s',
    hideCursor: true,
    clearOnComplete: false,
  })
  const drawn = new Map<string, SingleBar>()
  const onReport = (r: ReindexReport) => {
    const key = `${r.instance}|${r.index}`
    const bar =
      drawn.get(key) ??
      bars.create(Math.max(r.total, 1), 0, { instance: r.instance, index: r.index.padEnd(14) })
    drawn.set(key, bar)
    if (r.total) bar.setTotal(r.total)
    bar.update(r.indexed)
  }
  try {
    const outcomes = await reindexRunningServers(database, indexes, { onReport })
    bars.stop()
    const failed = outcomes.filter((o) => o.state === 'failed')
    const servers = new Set(outcomes.map((o) => o.instance)).size
    for (const o of failed)
      console.error(`${o.instance} could not rebuild ${o.index}; see that server's log.`)
    console.log(
      `Done: ${outcomes.length - failed.length} of ${outcomes.length} rebuilds on ${servers} server(s), swapped in.`,
    )
    return failed.length ? 1 : 0
  } catch (error) {
    bars.stop()
    console.error(
      `${(error as Error).message}: start the server first (the embedded index lives in its memory).`,
    )
    return 2
  }
}
