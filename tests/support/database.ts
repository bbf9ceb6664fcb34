import { randomBytes } from 'node:crypto'
import { createDb, type Database } from '@liandong/db'
import postgres from 'postgres'
import { inject } from 'vitest'
import { withDatabase } from './postgres-setup.ts'

export type TestDbKind = 'pglite' | 'postgres'
export const testDbKind = (process.env.LIANDONG_TEST_DB ?? 'pglite') as TestDbKind

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or a clone of the run's
 * PostgreSQL template. `url` is set for PostgreSQL so a test can open a second process-like client.
 */
export async function freshDatabase(): Promise<Database & { url?: string }> {
  if (testDbKind === 'pglite') {
    const db = await createDb({ dataDir: 'memory://' })
    await db.migrate()
    return db
  }
  const adminUrl = inject('pgAdminUrl')
  const name = `${inject('pgTemplate').replace(/_tpl$/, '')}_${randomBytes(4).toString('hex')}`
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name} template ${inject('pgTemplate')}`)
  await admin.end()
  const url = withDatabase(adminUrl, name)
  const db = await createDb({ url, maxConnections: 5 })
  const close = db.close
  return Object.assign(db, {
    url,
    async close() {
      await close()
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} })
      await a.unsafe(`drop database if exists ${name} with (force)`)
      await a.end()
    },
  })
}
