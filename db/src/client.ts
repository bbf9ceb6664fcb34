import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import { lockDataDir } from './data-lock.ts'
import * as schema from './schema/index.ts'

export type Schema = typeof schema
/** The one database type every repository accepts; a transaction is one too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type DbOrTx = Db | Tx

export type Notification = (payload: string) => void

export interface Database {
  db: Db
  mode: 'pglite' | 'postgres'
  migrate(): Promise<void>
  /** LISTEN on a channel; returns the function that stops listening. */
  listen(channel: string, onPayload: Notification): Promise<() => Promise<void>>
  notify(channel: string, payload: string): Promise<void>
  ping(): Promise<void>
  close(): Promise<void>
}

export interface CreateDbOptions {
  /** postgres:// URL. Without it, PGlite in `dataDir` (or in memory when dataDir is 'memory://'). */
  url?: string | undefined
  dataDir?: string
  /** Largest pool for postgres.js. */
  maxConnections?: number
}

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations')

export async function createDb(options: CreateDbOptions = {}): Promise<Database> {
  if (options.url) return createPostgres(options.url, options.maxConnections ?? 10)
  return createPglite(options.dataDir ?? './data/pglite')
}

async function createPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://')
  // PGlite silently loses rows when two processes open one folder, so refuse a second opener.
  let release: (() => void) | undefined
  if (!inMemory) {
    mkdirSync(dataDir, { recursive: true })
    release = lockDataDir(dataDir)
  }
  let client: PGlite
  try {
    client = await PGlite.create(inMemory ? undefined : dataDir)
  } catch (error) {
    release?.()
    throw error
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db
  return {
    db,
    mode: 'pglite',
    migrate: () => migratePglite(drizzlePglite({ client, schema }), { migrationsFolder }),
    async listen(channel, onPayload) {
      const stop = await client.listen(channel, onPayload)
      return async () => {
        await stop()
      }
    },
    async notify(channel, payload) {
      await client.query('select pg_notify($1, $2)', [channel, payload])
    },
    async ping() {
      await client.query('select 1')
    },
    async close() {
      try {
        if (!client.closed) await client.close()
      } finally {
        release?.()
      }
    },
  }
}

function createPostgres(url: string, max: number): Database {
  // The notice handler keeps "relation already exists, skipping" out of the logs during migrate.
  const client = postgres(url, { max, onnotice: () => {} })
  const db = drizzlePostgres({ client, schema }) as unknown as Db
  return {
    db,
    mode: 'postgres',
    migrate: () => migratePostgres(drizzlePostgres({ client, schema }), { migrationsFolder }),
    async listen(channel, onPayload) {
      const sub = await client.listen(channel, onPayload)
      return () => sub.unlisten()
    },
    async notify(channel, payload) {
      await db.execute(sql`select pg_notify(${channel}, ${payload})`)
    },
    async ping() {
      await db.execute(sql`select 1`)
    },
    close: () => client.end({ timeout: 5 }),
  }
}
