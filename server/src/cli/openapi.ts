import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { createDb } from '@liandong/db'
import { createSearchEngine } from '@liandong/search'
import { buildApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import { systemClock } from '../context.ts'
import { MemoryMailer } from '../mail/mailer.ts'

/** Builds the app on an in-memory PGlite (nothing listens) and writes its OpenAPI document. */
export async function writeOpenApi(out: string) {
  const database = await createDb({ dataDir: 'memory://' })
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' })
  const app = await buildApp(
    { config, database, mailer: new MemoryMailer(), clock: systemClock, search: createSearchEngine({}) },
    { logger: false },
  )
  await app.ready()
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), out)
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, JSON.stringify(app.swagger(), null, 2) + '\n')
  await app.close()
  await database.close()
  console.log(`OpenAPI document written to ${file}`)
}
