import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createDb } from '@liandong/db'
import { createSecretBox } from '@liandong/server'
import { sql } from 'drizzle-orm'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, newContext, signIn } from './browser.ts'
import {
  CANARY_REVEAL,
  checkCanaries,
  coreOf,
  makeCanaries,
  needlesOf,
  SEEDED,
  scanDatabase,
  scanText,
} from './canary.ts'
import { WORKER } from './marketplace.ts'

const baseUrl = inject('baseUrl')
const canaries = inject('canaries')

// The canary check itself runs in the global teardown, after every file (global-setup.ts). Here:
// the checker finds what is planted (so a clean result means something), and the seeded canaries
// are read through the server, audited, the way a worker reads them.
describe('the canary check finds planted canaries', () => {
  const planted = makeCanaries()
  const needles = needlesOf(planted)

  it('in log lines, in every encoding, with the line number', () => {
    const log = [
      '{"level":30,"msg":"incoming request","req":{"url":"/api/recipients"}}',
      `{"level":50,"msg":"request failed","err":{"message":"bad value ${planted.typedPhone}"}}`,
      `{"level":30,"body":${JSON.stringify({ name: planted.typedGuardian })}}`,
      `GET /api/x?q=${encodeURIComponent(`住址 ${planted.seedAddress}`)}`,
      `payload ${Buffer.from(`{"health":"${planted.seedHealth}"}`).toString('base64')}`,
      `id ${Buffer.from(`x${planted.seedIdNumber}`).toString('base64url')}`,
      'nothing here',
    ].join('\n')
    const found = scanText(log, 'server.log', needles)
    const at = (name: string) => found.filter((f) => f.name === name).map((f) => `${f.where} ${f.encoding}`)
    expect(at('typedPhone')).toContain('server.log:2 plain')
    expect(at('typedGuardian')).toContain('server.log:3 plain')
    // A URL-encoded line: the CANARY part is unreserved characters, so it stays as it is.
    expect(at('seedAddress')).toContain('server.log:4 plain')
    expect(at('seedHealth')).toContain('server.log:5 base64')
    // base64url differs from base64 only where a '+' or '/' occurs.
    expect(at('seedIdNumber').some((w) => w.startsWith('server.log:6 base64'))).toBe(true)
    expect(found.some((f) => f.where === 'server.log:1' || f.where === 'server.log:7')).toBe(false)
    // The guardian's name is searched by its CANARY part, whatever surrounds it.
    expect(coreOf(planted.typedGuardian)).toMatch(/^CANARY-[0-9a-f]{12}-typed-guardian$/)
  })

  it('in a table row in clear, and opened in a sealed column (which is no leak)', async () => {
    const database = await createDb({ dataDir: 'memory://' })
    const box = createSecretBox({ current: Buffer.alloc(32, 7) })
    try {
      await database.db.execute(
        sql`create table probe (id text primary key, note text, data jsonb, tags text[], secret_sealed text)`,
      )
      const row = (id: string, note: string, data: unknown, tags: string[], secret: string) =>
        database.db.execute(
          sql`insert into probe values (${id}, ${note}, ${JSON.stringify(data)}::jsonb, ${`{${tags.join(',')}}`}::text[], ${box.seal(secret)})`,
        )
      await row('clean', 'nothing', { a: 1 }, ['x'], planted.seedMilitary)
      await row(
        'leaky',
        `note ${planted.seedCaseNote}`,
        { n: planted.typedPhone },
        [planted.seedComment],
        'x',
      )
      const scan = await scanDatabase(database.db, needles, box)
      const leaks = scan.leaks.filter((l) => l.encoding === 'plain').map((l) => `${l.name} ${l.where}`)
      expect(leaks.sort()).toEqual([
        'seedCaseNote probe.note (row leaky)',
        'seedComment probe.tags (row leaky)',
        'typedPhone probe.data (row leaky)',
      ])
      expect(scan.sealed.get('seedMilitary')).toEqual([{ column: 'probe.secret_sealed', id: 'clean' }])
    } finally {
      await database.close()
    }
  })

  it('through the teardown check: a log line, a table row, and canaries that never went through', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'liandong-canary-'))
    try {
      writeFileSync(
        path.join(folder, 'server.log'),
        `line one\n{"msg":"x","contact":"${planted.typedComplaintContact}"}\n`,
      )
      mkdirSync(path.join(folder, 'data'))
      const database = await createDb({ dataDir: path.join(folder, 'data', 'pglite') })
      await database.migrate()
      await database.db.execute(
        sql`insert into outbox (index_name, op, doc_id) values ('needs', 'upsert', ${planted.typedNeedPrivate})`,
      )
      await database.close()
      const { problems } = await checkCanaries({
        canaries: planted,
        folder,
        logFile: path.join(folder, 'server.log'),
        dataKey: Buffer.alloc(32, 1),
        passed: (test) => test === CANARY_REVEAL,
      })
      const text = problems.join('\n')
      expect(text).toContain('typedComplaintContact')
      expect(text).toContain('server.log:2')
      expect(text).toContain('server.log holds no request line')
      expect(text).toMatch(/typedNeedPrivate .* in outbox\.doc_id \(row \d+\)/)
      // Seeded canaries the database never got, and reveals that never happened, are failures too.
      expect(text).toContain('seedPhone')
      expect(text).toContain('never reached recipients.phone_sealed')
      expect(text).toContain('no audited recipient.reveal of "idNumber"')
      // The report names a canary by its ends, never in full.
      expect(text).not.toContain(planted.typedComplaintContact)
      expect(text).not.toContain(coreOf(planted.typedNeedPrivate))
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  }, 60_000)
})

describe.skipIf(!inject('chromium'))('the seeded canaries through the server', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('reveals every seeded canary of the recipient, and shows its case note and private need', async () => {
    const context = await newContext(browser, baseUrl)
    const page = await context.newPage()
    await signIn(page, WORKER)
    const api = context.request
    const me = (await (await api.get('/api/me')).json()) as { memberships: { orgId: string }[] }
    const orgId = me.memberships[0]!.orgId
    const cases = (await (
      await api.get(`/api/organizations/${orgId}/cases?stage=intervention&limit=20`)
    ).json()) as { items: { id: string; recipientId: string; code: string }[] }
    // server/src/demo/canary.ts picks the first by code.
    const target = cases.items.sort((a, b) => a.code.localeCompare(b.code))[0]!

    // Masked on the recipient's page: no canary shows.
    await page.goto(`/recipients/${target.recipientId}`)
    await page.waitForSelector('h1')
    const masked = await page.locator('main').textContent()
    for (const name of SEEDED) expect(masked, name).not.toContain(coreOf(canaries[name]))

    // Each field revealed for a reason: the value is the canary the server was given.
    const reveal = async (field: string) => {
      const response = await api.post(`/api/recipients/${target.recipientId}/reveal`, {
        data: { field, reason: '核对隐私检查数据' },
      })
      expect(response.status(), field).toBe(200)
      return (await response.json()) as { value: string | null; household?: { name: string }[] }
    }
    expect((await reveal('phone')).value).toBe(canaries.seedPhone)
    expect((await reveal('idNumber')).value).toBe(canaries.seedIdNumber)
    expect((await reveal('address')).value).toBe(canaries.seedAddress)
    expect((await reveal('household')).household?.[0]?.name).toBe(canaries.seedHousehold)
    expect((await reveal('health')).value).toBe(canaries.seedHealth)
    expect((await reveal('income')).value).toBe(canaries.seedIncome)
    expect((await reveal('military')).value).toBe(canaries.seedMilitary)

    // The case page opens the note and the supervisor's comment; the need page its private text.
    await page.goto(`/cases/${target.id}`)
    await page.waitForSelector('h1')
    // Earlier notes sit in a closed disclosure: in the page, not necessarily on screen.
    await expect.poll(() => page.locator('main').textContent()).toContain(canaries.seedCaseNote)
    expect(await page.locator('main').textContent()).toContain(canaries.seedComment)
    const needs = (await (
      await api.get(`/api/organizations/${orgId}/needs?recipientId=${target.recipientId}`)
    ).json()) as { items: { id: string }[] }
    await page.goto(`/needs/${needs.items[0]!.id}`)
    await page.getByText(canaries.seedNeedPrivate).first().waitFor()
    await context.close()
  }, 120_000)
})
