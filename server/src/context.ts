import type { Database } from '@liandong/db'
import type { SearchEngine } from '@liandong/search'
import type { Config } from './config.ts'
import type { Mailer } from './mail/mailer.ts'

/** A clock the tests can move: services never call `new Date()` themselves. */
export interface Clock {
  now(): Date
}
export const systemClock: Clock = { now: () => new Date() }

/** The infrastructure buildApp receives — real PGlite or PostgreSQL, a real mailer or an outbox. */
export interface Infrastructure {
  config: Config
  database: Database
  mailer: Mailer
  clock: Clock
  search: SearchEngine
}
