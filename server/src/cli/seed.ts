import { rmSync } from 'node:fs'
import path from 'node:path'
import { isSeeded } from '@liandong/db'
import { sql } from 'drizzle-orm'
import { loadConfig } from '../config.ts'
import { seedAllDemo } from '../demo/index.ts'
import { openDatabase } from './open-database.ts'

export async function seed({ reset, force = false }: { reset: boolean; force?: boolean }) {
  if (reset) {
    const config = loadConfig()
    if (config.DATABASE_URL) {
      if (!force) {
        console.error(
          'reset-demo would wipe the PostgreSQL database at DATABASE_URL. Add --force if you mean it.',
        )
        process.exit(1)
      }
      const { database } = await openDatabase()
      // The audit trail refuses deletes row by row; dropping the schema is the deliberate way out.
      await database.db.execute(
        sql`drop schema public cascade; create schema public; drop schema if exists drizzle cascade`,
      )
      await database.close()
    } else {
      rmSync(path.join(config.DATA_DIR, 'pglite'), { recursive: true, force: true })
    }
  }
  const { config, database } = await openDatabase()
  await database.migrate()
  if (await isSeeded(database.db)) console.log('Demo data is already there.')
  else {
    const { resources, records } = await seedAllDemo(database.db, config)
    console.log(`Demo data loaded (${resources} resources, ${records} service records).`)
  }
  await database.close()
}
