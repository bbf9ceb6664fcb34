import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { createDb } from '@liandong/db'
import { ConfigError, loadConfig } from '../config.ts'

/** Opens the configured database for a command; `lockedHint` is added when a server holds the PGlite folder. */
export async function openDatabase(options: { lockedHint?: string } = {}) {
  try {
    const config = loadConfig()
    if (!config.DATABASE_URL) mkdirSync(config.DATA_DIR, { recursive: true })
    const database = await createDb({
      url: config.DATABASE_URL,
      dataDir: path.join(config.DATA_DIR, 'pglite'),
    })
    return { config, database }
  } catch (error) {
    if (error instanceof ConfigError || (error as Error).name === 'DataDirLockedError') {
      console.error((error as Error).message)
      if ((error as Error).name === 'DataDirLockedError' && options.lockedHint)
        console.error(options.lockedHint)
      process.exit(1)
    }
    throw error
  }
}
