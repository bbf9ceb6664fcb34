import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import {
  AUDIT_GENESIS_HASH,
  auditRepo,
  createDb,
  type Database,
  schema,
  verifyAuditChain,
} from '@liandong/db'
import { asc, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { testDbKind } from '../support/database.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const run = promisify(execFile)

let t: TestApp
beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
})
afterAll(() => t.close())

const db = () => t.database.db

/** Superuser tampering: the append-only trigger is switched off for one statement, as an attacker with DDL rights could. */
async function tamper(database: Database, statement: ReturnType<typeof sql>) {
  await database.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`)
  try {
    await database.db.execute(statement)
  } finally {
    await database.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`)
  }
}

async function chainRows(database: Database) {
  return database.db
    .select({ id: schema.auditLog.id, seq: schema.auditLog.seq })
    .from(schema.auditLog)
    .orderBy(asc(schema.auditLog.seq))
}

describe('hash-chained audit trail', () => {
  it('chains every row written through the API, and an untouched chain verifies', async () => {
    const cookie = await signIn(t.app, 'worker.cd@demo.liandong.cn')
    // Writes and refusals both leave rows.
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'x@y.cn', password: 'nope-nope' },
    })
    await t.app.inject({ method: 'POST', url: '/api/search/reindex', headers: { cookie } })
    const rows = await db().select().from(schema.auditLog).orderBy(asc(schema.auditLog.seq))
    expect(rows.length).toBeGreaterThanOrEqual(3)
    expect(rows[0]!.prevHash).toBe(AUDIT_GENESIS_HASH)
    rows.forEach((row, i) => {
      expect(row.seq).toBe(i + 1)
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/)
      if (i > 0) expect(row.prevHash).toBe(rows[i - 1]!.hash)
    })
    const report = await verifyAuditChain(db())
    expect(report).toMatchObject({
      ok: true,
      rows: rows.length,
      head: { seq: rows.length, hash: rows.at(-1)!.hash },
    })
    // The platform auditor can run the same check from the API; nobody else can.
    const auditor = await signIn(t.app, 'auditor@demo.liandong.cn')
    const viaApi = await t.app.inject({ url: '/api/audit/chain', headers: { cookie: auditor } })
    expect(viaApi.statusCode).toBe(200)
    expect(JSON.parse(viaApi.body)).toMatchObject({ ok: true })
    expect((await t.app.inject({ url: '/api/audit/chain', headers: { cookie } })).statusCode).toBe(403)
  })

  it('stays one unbroken chain under concurrent writers on several connections', async () => {
    const before = (await verifyAuditChain(db())).rows
    const repo = auditRepo(db())
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        repo.append({ action: 'test.concurrent', result: 'ok', details: { i }, at: new Date() }),
      ),
    )
    // A rolled-back insert leaves no gap in the numbering.
    await expect(
      db().transaction(async (tx) => {
        await auditRepo(tx).append({ action: 'test.rolled_back', result: 'ok' })
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    const report = await verifyAuditChain(db(), { batch: 7 })
    expect(report.ok).toBe(true)
    expect(report.rows).toBe(before + 60)
  })

  it('finds a row altered with superuser SQL and names it', async () => {
    const rows = await chainRows(t.database)
    const victim = rows[Math.floor(rows.length / 2)]!
    await tamper(t.database, sql`update audit_log set action = 'forged' where id = ${victim.id}`)
    const report = await verifyAuditChain(db(), { batch: 5 })
    expect(report).toMatchObject({
      ok: false,
      broken: { id: victim.id, seq: victim.seq, reason: 'content_changed' },
    })
    const auditor = await signIn(t.app, 'auditor@demo.liandong.cn')
    const viaApi = await t.app.inject({ url: '/api/audit/chain', headers: { cookie: auditor } })
    expect(JSON.parse(viaApi.body)).toMatchObject({
      ok: false,
      broken: { id: victim.id, reason: 'content_changed' },
    })
  })

  it('finds a row whose hash was recomputed to hide a change: the next link breaks', async () => {
    const fresh = await testApp({ seed: false })
    try {
      const repo = auditRepo(fresh.database.db)
      for (let i = 0; i < 5; i++) await repo.append({ action: 'test.row', result: 'ok', details: { i } })
      const rows = await chainRows(fresh.database)
      const victim = rows[1]!
      await tamper(
        fresh.database,
        sql`update audit_log set details = '{"i": 99}'::jsonb where id = ${victim.id}`,
      )
      await tamper(
        fresh.database,
        sql`update audit_log a set hash = audit_log_row_hash(a) where id = ${victim.id}`,
      )
      expect(await verifyAuditChain(fresh.database.db)).toMatchObject({
        ok: false,
        broken: { id: rows[2]!.id, reason: 'link_broken' },
      })
    } finally {
      await fresh.close()
    }
  })

  it('finds a deleted row and a cut-off tail', async () => {
    const fresh = await testApp({ seed: false })
    try {
      const repo = auditRepo(fresh.database.db)
      for (let i = 0; i < 6; i++) await repo.append({ action: 'test.row', result: 'ok', details: { i } })
      const rows = await chainRows(fresh.database)
      await tamper(fresh.database, sql`delete from audit_log where id = ${rows[5]!.id}`)
      expect(await verifyAuditChain(fresh.database.db)).toMatchObject({
        ok: false,
        rows: 5,
        broken: { reason: 'tail_missing' },
      })
      await tamper(fresh.database, sql`delete from audit_log where id = ${rows[2]!.id}`)
      expect(await verifyAuditChain(fresh.database.db)).toMatchObject({
        ok: false,
        broken: { id: rows[3]!.id, seq: 4, reason: 'row_missing' },
      })
    } finally {
      await fresh.close()
    }
  })

  it('finds a row forced in with the chain trigger disabled', async () => {
    const fresh = await testApp({ seed: false })
    try {
      await auditRepo(fresh.database.db).append({ action: 'test.row', result: 'ok' })
      await fresh.database.db.execute(sql`alter table audit_log disable trigger audit_log_chain`)
      await auditRepo(fresh.database.db).append({ action: 'test.forged', result: 'ok' })
      await fresh.database.db.execute(sql`alter table audit_log enable trigger audit_log_chain`)
      const [forged] = await fresh.database.db
        .select()
        .from(schema.auditLog)
        .where(sql`${schema.auditLog.action} = 'test.forged'`)
      expect(await verifyAuditChain(fresh.database.db)).toMatchObject({
        ok: false,
        broken: { id: forged!.id, reason: 'unchained' },
      })
    } finally {
      await fresh.close()
    }
  })
})

describe('pnpm liandong audit:verify', () => {
  // The CLI opens the database the server would: PostgreSQL by URL, or PGlite in DATA_DIR (which
  // one process at a time may open, so the test closes its handle before each run).
  let dataDir: string | undefined
  let env: Record<string, string>
  let fresh: TestApp | undefined
  const open = async (): Promise<Database> => {
    if (fresh) return fresh.database
    const database = await createDb({ dataDir: path.join(dataDir!, 'pglite') })
    await database.migrate()
    return database
  }
  const release = async (database: Database) => {
    if (!fresh) await database.close()
  }
  beforeAll(async () => {
    if (testDbKind === 'postgres') {
      fresh = await testApp({ seed: false })
      env = { DATABASE_URL: (fresh.database as Database & { url: string }).url }
    } else {
      dataDir = mkdtempSync(path.join(tmpdir(), 'liandong-audit-'))
      env = { DATA_DIR: dataDir }
    }
  })
  afterAll(async () => {
    await fresh?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  const cli = async () => {
    try {
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', path.join(root, 'server/src/cli/index.ts'), 'audit:verify'],
        { cwd: root, env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', ...env } },
      )
      return { code: 0, stdout }
    } catch (error) {
      const e = error as { code: number; stdout: string }
      return { code: e.code, stdout: e.stdout }
    }
  }

  it('reports an intact chain with exit code 0 and a broken one with the row id and exit code 2', async () => {
    let database = await open()
    for (let i = 0; i < 4; i++)
      await auditRepo(database.db).append({ action: 'test.cli', result: 'ok', details: { i } })
    await release(database)
    const intact = await cli()
    expect(intact.code).toBe(0)
    expect(intact.stdout).toMatch(/intact: 4 rows/)

    database = await open()
    const rows = await chainRows(database)
    await tamper(database, sql`update audit_log set result = 'denied' where id = ${rows[1]!.id}`)
    await release(database)
    const broken = await cli()
    expect(broken.code).toBe(2)
    expect(broken.stdout).toContain(`BROKEN at row ${rows[1]!.id} (#2): content_changed`)
  }, 120_000)
})
