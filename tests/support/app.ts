import { type Database, seedDemo } from '@liandong/db'
import { createSearchEngine, type SearchEngine } from '@liandong/search'
import { type BuildOptions, buildApp, hashPassword, loadConfig, MemoryMailer } from '@liandong/server'
import { TestClock } from './clock.ts'
import { freshDatabase } from './database.ts'

export interface TestAppOptions {
  env?: Record<string, string>
  logger?: BuildOptions['logger']
  seed?: boolean
  database?: Database
  /** A search engine to use instead of a fresh embedded one (fault injection wraps one). */
  search?: SearchEngine
}

/** The real app on a real database (PGlite or PostgreSQL), with a mail outbox and a movable clock. */
export async function testApp(options: TestAppOptions = {}) {
  const database = options.database ?? (await freshDatabase())
  if (options.seed !== false) await seedDemo(database.db, { hashPassword })
  const config = loadConfig({
    NODE_ENV: 'test',
    DEMO: 'true',
    LOG_LEVEL: 'silent',
    JOBS: 'false',
    ...options.env,
  })
  const mailer = new MemoryMailer()
  const clock = new TestClock()
  const search = options.search ?? createSearchEngine({})
  const app = await buildApp({ config, database, mailer, clock, search }, { logger: options.logger ?? false })
  await app.ready()
  return {
    app,
    database,
    mailer,
    clock,
    config,
    search,
    async close() {
      await app.close()
      if (!options.database) await database.close()
    },
  }
}

export type TestApp = Awaited<ReturnType<typeof testApp>>

/** Signs in and returns the cookie header value to send with later requests. */
export async function signIn(
  app: TestApp['app'],
  email: string,
  password = 'Liandong-demo-2026',
): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } })
  if (res.statusCode !== 200) throw new Error(`sign-in failed for ${email}: ${res.statusCode} ${res.body}`)
  const cookie = res.cookies.find((c) => c.name === 'ld_session')
  if (!cookie) throw new Error('no session cookie')
  return `ld_session=${cookie.value}`
}
