import { execFile } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import {
  documentLoaders,
  type ReindexReport,
  reindexRunningServers,
  seedDemoResources,
} from '@liandong/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../support/app.ts'
import { freshDatabase, testDbKind } from '../support/database.ts'

// `liandong reindex` with the embedded engine: the index lives in each server's memory, so the
// command asks every running server (PostgreSQL NOTIFY; in-process on PGlite) to rebuild its own
// copy from the database, swapped in at the end, and draws their progress.

let t: TestApp
let documents = 0

beforeAll(async () => {
  t = await testApp()
  await t.app.searchReady()
  // Resources written behind the running server's back (no outbox drain in tests): only a rebuild
  // from the database brings them into its in-memory index.
  await seedDemoResources(t.database.db)
  documents = await documentLoaders(t.database.db).resources!.count()
  expect(documents).toBeGreaterThan(50)
})
afterAll(() => t.close())

describe('reindex of the embedded engine', () => {
  it('every running server rebuilds the asked index from the database and reports its progress', async () => {
    // Lose some documents from the in-memory copy only: the database still holds them.
    const some = (await t.database.db.query.resources.findMany({ columns: { id: true }, limit: 40 })).map(
      (r) => r.id,
    )
    await t.search.delete('resources', some)
    expect((await t.search.stats('resources')).documents).toBeLessThan(documents)

    const reports: ReindexReport[] = []
    const outcomes = await reindexRunningServers(t.database, ['resources'], {
      answerMs: 1_000,
      onReport: (r) => reports.push(r),
    })
    expect(outcomes).toEqual([
      expect.objectContaining({ index: 'resources', state: 'done', indexed: documents }),
    ])
    expect(reports[0]).toMatchObject({ state: 'accepted', index: 'resources' })
    expect(reports.at(-1)).toMatchObject({ state: 'done', total: documents })
    expect((await t.search.stats('resources')).documents).toBe(documents)
  })

  it('ignores unknown indexes and malformed requests, and says when no server answers', async () => {
    await t.database.notify('liandong_search_reindex', 'not json')
    const none = await reindexRunningServers(t.database, ['nothing'], { answerMs: 500 }).catch(
      (e: Error) => e,
    )
    expect(none).toBeInstanceOf(Error)
    const empty = await freshDatabase()
    try {
      await expect(reindexRunningServers(empty, ['resources'], { answerMs: 300 })).rejects.toThrow(
        'no running server answered',
      )
    } finally {
      await empty.close()
    }
  })

  // The command a person runs, as its own process against the same PostgreSQL database (an
  // in-memory PGlite cannot be shared with another process).
  it.skipIf(testDbKind !== 'postgres')(
    '`liandong reindex` draws the servers’ progress and exits 0',
    async () => {
      const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
      const url = (t.database as { url?: string }).url!
      const run = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'server/src/cli/index.ts', 'reindex', 'resources', 'opportunities'],
        { cwd: root, env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'development', MEILI_URL: '' } },
      )
      expect(run.stdout + run.stderr).toMatch(/Done: 2 of 2 rebuilds on 1 server\(s\), swapped in\./)
      const unknown = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'server/src/cli/index.ts', 'reindex', 'people'],
        { cwd: root, env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'development', MEILI_URL: '' } },
      ).catch((e: { code: number; stderr: string }) => e)
      expect(unknown).toMatchObject({ code: 2 })
      expect((unknown as { stderr: string }).stderr).toContain('Unknown index "people"')
    },
    60_000,
  )
})
