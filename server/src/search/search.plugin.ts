import { INDEX_DEFINITIONS } from '@liandong/search'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { searchApplier } from './applier.ts'
import { documentLoaders } from './documents.ts'
import { rebuildIndex } from './rebuild.ts'
import { answerReindexRequests } from './reindex-broadcast.ts'

/**
 * Wires the search engine into the app: indexes exist before the first request, the outbox drain
 * mirrors writes into the engine, and /api/ready reports the engine. The embedded engine lives in
 * this process's memory, so at start it is rebuilt from the database in the background (the swap
 * means searches never see a half-built index; readiness waits for it).
 */
export default fp(
  async (app: FastifyInstance) => {
    const { search, database, config, clock } = app.infra
    const loaders = documentLoaders(database.db, () => clock.now())
    for (const definition of INDEX_DEFINITIONS) await search.ensureIndex(definition)
    app.jobs.setOutboxApplier(searchApplier(search, loaders))

    let initial: Promise<void> = Promise.resolve()
    let built = search.kind !== 'embedded'
    app.addHook('onReady', async () => {
      if (built) return
      initial = (async () => {
        const started = performance.now()
        for (const [index, loader] of Object.entries(loaders)) await rebuildIndex(search, index, loader)
        built = true
        app.log.info({ ms: Math.round(performance.now() - started) }, 'search index built from the database')
      })().catch((error) => app.log.error({ err: error }, 'search index build failed'))
    })

    // `liandong reindex` reaches an in-process index only through the process itself.
    let stopAnswering: (() => Promise<void>) | undefined
    if (search.kind === 'embedded')
      stopAnswering = await answerReindexRequests({ database, search, loaders, log: app.log })

    app.decorate('searchProbe', async () => {
      const health = await search.health()
      if (!health.ok) return { ok: false, detail: health.detail ?? health.engine }
      if (!built) return { ok: false, detail: `${health.engine}: building the index` }
      return { ok: true, detail: config.searchMode === 'meilisearch' ? 'meilisearch' : 'embedded' }
    })
    app.decorate('searchReady', () => initial)
    // Stop listening before the database closes (onClose hooks may run after it).
    app.addHook('preClose', async () => {
      await stopAnswering?.()
    })
    app.addHook('onClose', async () => {
      await initial
      await search.close()
    })
  },
  { name: 'search', dependencies: ['infra', 'jobs'] },
)

declare module 'fastify' {
  interface FastifyInstance {
    /** The search engine's part of /api/ready. */
    searchProbe(): Promise<{ ok: boolean; detail?: string }>
    /** Resolves once the embedded engine's start-up build is done (tests wait on it). */
    searchReady(): Promise<void>
  }
}
