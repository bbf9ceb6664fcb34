import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { createDb, type Database, isSeeded } from '@liandong/db'
import { createSearchEngine } from '@liandong/search'
import { type BuildOptions, buildApp } from './app.ts'
import type { Config } from './config.ts'
import { type Clock, systemClock } from './context.ts'
import { seedAllDemo } from './demo/index.ts'
import { createMailer, type Mailer } from './mail/mailer.ts'
import { loadWebHandler } from './web-handler.ts'

export interface StartOptions extends Omit<BuildOptions, 'web'> {
  database?: Database
  mailer?: Mailer
  clock?: Clock
  /** Serve the SvelteKit build (default true). */
  web?: boolean
}

/** Opens the database, migrates, seeds the demo on first start, and builds the app with the web UI. */
export async function createServer(config: Config, options: StartOptions = {}) {
  let database = options.database
  if (!database) {
    if (!config.DATABASE_URL) mkdirSync(config.DATA_DIR, { recursive: true })
    database = await createDb({
      url: config.DATABASE_URL,
      dataDir: path.join(config.DATA_DIR, 'pglite'),
      maxConnections: config.DB_POOL_MAX,
    })
  }
  try {
    await database.migrate()
    const seeded = config.DEMO && !(await isSeeded(database.db))
    if (seeded) {
      await seedAllDemo(database.db, config)
    }
    // The mailer needs a logger; build with a placeholder and swap once the app's logger exists.
    let mailer: Mailer = options.mailer ?? { send: async () => {} }
    const web = options.web === false ? undefined : await loadWebHandler()
    const app = await buildApp(
      {
        config,
        database,
        clock: options.clock ?? systemClock,
        mailer: { send: (m) => mailer.send(m) },
        search: createSearchEngine({ meiliUrl: config.MEILI_URL, meiliApiKey: config.MEILI_KEY }),
      },
      { ...options, web },
    )
    if (!options.mailer) mailer = createMailer(config, app.log)
    // The worker, scheduler and outbox drain run only where JOBS is on; they stop in preClose.
    if (config.JOBS) app.addHook('onReady', () => app.jobs.start())
    app.addHook('onClose', async () => {
      await database.close()
    })
    return { app, database, seeded, web: Boolean(web) }
  } catch (error) {
    if (!options.database) await database.close()
    throw error
  }
}
