import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { schema } from '@liandong/db'
import { createSecretBox, resealAll, sealedTables } from '@liandong/server'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { caseDocs, PNG_1x1 } from '../support/case-fixtures.ts'
import { testDbKind } from '../support/database.ts'
import { orgIdOf } from '../support/volunteer-fixtures.ts'

// DATA_KEY rotation: set a new key, keep the old one as DATA_KEY_PREVIOUS, run the sweep — every
// sealed value is then under the new key (and the duplicate-finding hashes too), so an app with
// only the new key reads everything.

let t: TestApp
let agency: string
let recipientId: string
const body = (res: { body: string }) => JSON.parse(res.body)
const newKey = randomBytes(32)
const veteran = {
  name: '赵卫国',
  birthDate: '1960-08-01',
  categories: ['demobilized'],
  phone: '13912345678',
  idType: 'resident_id',
  idNumber: '510104196008010018',
  address: '成都市锦江区春熙路 1 号',
  household: [{ name: '钱秀英', relation: '配偶', birthYear: 1962 }],
  health: '二级伤残，左下肢',
  income: '退役金每月 3200 元，享受临时救助',
  military: '1978–1995 年服役，陆军某部',
}

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  agency = await orgIdOf(t.database.db, 'cd-agency')
  const cookie = await signIn(t.app, 'worker.cd@demo.liandong.cn')
  const as = (method: 'POST' | 'PUT', url: string, payload: object) =>
    t.app.inject({ method, url, headers: { cookie }, payload })
  const created = await as('POST', `/api/organizations/${agency}/recipients`, veteran)
  expect(created.statusCode, created.body).toBe(201)
  recipientId = body(created).id
  await as('POST', `/api/recipients/${recipientId}/consents`, {
    purpose: 'share_with_org',
    scope: '姓名、电话',
    targetOrgId: await orgIdOf(t.database.db, 'cd-rehab'),
  })
  const caseId = body(await as('POST', `/api/recipients/${recipientId}/cases`, {})).id
  await as('POST', `/api/cases/${caseId}/intake`, caseDocs(t.clock.now()).intake)
  await as('POST', `/api/cases/${caseId}/attachments`, {
    fileName: '协议.png',
    contentType: 'image/png',
    content: PNG_1x1.toString('base64'),
  })
})
afterAll(() => t.close())

describe('reseal after a key rotation', () => {
  it('finds every sealed column in the database', async () => {
    const found = Object.fromEntries((await sealedTables(t.database.db)).map((x) => [x.table, x.columns]))
    expect(found.recipients).toEqual(
      expect.arrayContaining([
        'name_sealed',
        'phone_sealed',
        'household_sealed',
        'health_sealed',
        'income_sealed',
        'military_sealed',
      ]),
    )
    expect(found.case_records).toEqual(['content_sealed', 'decision_comment_sealed'])
    expect(found.case_attachments).toEqual(['data_sealed', 'file_name_sealed'])
    expect(found.volunteer_profiles).toEqual(['id_number_enc'])
    expect(found.recipient_consents).toEqual(['guardian_name_sealed'])
  })

  it('re-seals every value under the new key, with progress, and leaves nothing under the old one', async () => {
    const oldBox = createSecretBox(t.config.dataKeys)
    const rotated = createSecretBox({ current: newKey, previous: [t.config.dataKeys.current] })
    const [before] = await t.database.db
      .select()
      .from(schema.recipients)
      .where(eq(schema.recipients.id, recipientId))
    const progress: { table: string; done: number; total: number }[] = []
    const report = await resealAll(t.database.db, rotated, (p) => progress.push(p), 2)
    expect(report.resealed).toBeGreaterThanOrEqual(3)
    const rows = report.tables.find((x) => x.table === 'recipients')!
    expect(rows.resealed).toBe(1)
    // Batches of two: progress reaches each table's total.
    for (const table of report.tables) {
      const last = progress.filter((p) => p.table === table.table).at(-1)!
      expect(last.done).toBe(last.total)
    }
    const [after] = await t.database.db
      .select()
      .from(schema.recipients)
      .where(eq(schema.recipients.id, recipientId))
    for (const column of [
      'nameSealed',
      'phoneSealed',
      'idNumberSealed',
      'householdSealed',
      'healthSealed',
      'militarySealed',
    ] as const) {
      expect(rotated.keyIdOf(after![column]!)).toBe(rotated.currentKeyId)
      expect(rotated.open(after![column]!)).toBe(oldBox.open(before![column]!))
    }
    expect(after!.idNumberHash).toBe(rotated.hash('510104196008010018'))
    // Nothing anywhere is left under the old key.
    for (const table of await sealedTables(t.database.db))
      for (const column of table.columns) {
        const result = await t.database.db.execute(
          sql`select count(*)::int as n from ${sql.identifier(table.table)} where split_part(${sql.identifier(column)}, '.', 2) = ${oldBox.currentKeyId}`,
        )
        const n = (Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows)[0] as {
          n: number
        }
        expect(n.n, `${table.table}.${column}`).toBe(0)
      }
    // A second run finds nothing to do.
    expect((await resealAll(t.database.db, rotated)).resealed).toBe(0)
  })

  it('lets an app holding only the new key read everything and still find duplicates', async () => {
    const next = await testApp({
      database: t.database,
      seed: false,
      env: { AUTH_RATE_LIMIT: '10000', DATA_KEY: newKey.toString('base64') },
    })
    try {
      const cookie = await signIn(next.app, 'worker.cd@demo.liandong.cn')
      const reveal = async (field: string) =>
        body(
          await next.app.inject({
            method: 'POST',
            url: `/api/recipients/${recipientId}/reveal`,
            headers: { cookie },
            payload: { field, reason: '核对轮换后的数据' },
          }),
        )
      expect((await reveal('idNumber')).value).toBe('510104196008010018')
      expect((await reveal('military')).value).toBe(veteran.military)
      expect((await reveal('household')).household).toEqual(veteran.household)
      const dup = await next.app.inject({
        method: 'POST',
        url: `/api/organizations/${agency}/recipients`,
        headers: { cookie },
        payload: veteran,
      })
      expect(dup.statusCode).toBe(409)
      const list = await next.app.inject({
        url: `/api/organizations/${agency}/cases?limit=5`,
        headers: { cookie },
      })
      const caseId = body(list).items[0].id
      const detail = body(await next.app.inject({ url: `/api/cases/${caseId}`, headers: { cookie } }))
      expect(detail.intake.content.agreement.signedBy).toBe('self')
      expect(detail.attachments[0].fileName).toBe('协议.png')
    } finally {
      await next.close()
    }
  })

  it('stops with the table and row when a value is under a key no longer configured', async () => {
    const lost = createSecretBox({ current: randomBytes(32) })
    await t.database.db
      .update(schema.recipients)
      .set({ healthSealed: lost.seal('x') })
      .where(eq(schema.recipients.id, recipientId))
    const rotated = createSecretBox({ current: newKey })
    await expect(resealAll(t.database.db, rotated)).rejects.toThrow(
      `recipients.health_sealed of row ${recipientId}`,
    )
  })

  // The command a person runs, as a process against the same PostgreSQL database (an in-memory
  // PGlite cannot be shared with another process).
  it.skipIf(testDbKind !== 'postgres')(
    '`liandong reseal` reports the row it cannot open, then re-seals with progress once it can',
    async () => {
      const url = (t.database as { url?: string }).url!
      const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
      const third = randomBytes(32).toString('base64')
      const run = () =>
        promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/src/cli/index.ts', 'reseal'], {
          cwd: root,
          env: {
            ...process.env,
            DATABASE_URL: url,
            DATA_KEY: third,
            DATA_KEY_PREVIOUS: newKey.toString('base64'),
            NODE_ENV: 'development',
          },
        }).then(
          (r) => ({ code: 0, out: r.stdout + r.stderr }),
          (e: { code: number; stdout: string; stderr: string }) => ({
            code: e.code,
            out: e.stdout + e.stderr,
          }),
        )
      const stopped = await run()
      expect(stopped.code).toBe(2)
      expect(stopped.out).toContain(`recipients.health_sealed of row ${recipientId}`)
      await t.database.db
        .update(schema.recipients)
        .set({ healthSealed: null })
        .where(eq(schema.recipients.id, recipientId))
      const done = await run()
      expect(done.code, done.out).toBe(0)
      expect(done.out).toMatch(/Done: \d+ rows re-sealed/)
      expect(done.out).toMatch(/recipients\s+\[.*\] \d+\/1 rows/)
      expect(done.out).toContain('recipients: 1 rows')
      const [row] = await t.database.db
        .select()
        .from(schema.recipients)
        .where(eq(schema.recipients.id, recipientId))
      expect(createSecretBox({ current: Buffer.from(third, 'base64') }).open(row!.nameSealed)).toBe('赵卫国')
    },
    120_000,
  )
})
