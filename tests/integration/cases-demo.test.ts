import { schema } from '@liandong/db'
import { seedDemoCases, seedDemoMarketplace, seedDemoResources } from '@liandong/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { orgIdOf } from '../support/volunteer-fixtures.ts'

// The demo agencies' cases: every stage shown, readable through the API as the service wrote them.

let t: TestApp
const body = (res: { body: string }) => JSON.parse(res.body)

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  const now = t.clock.now()
  await seedDemoResources(t.database.db, now)
  await seedDemoMarketplace(t.database.db, { dataKeys: t.config.dataKeys, responseHours: 48, now })
  expect(await seedDemoCases(t.database.db, { dataKeys: t.config.dataKeys, now })).toBe(8)
  // Once only.
  expect(await seedDemoCases(t.database.db, { dataKeys: t.config.dataKeys, now })).toBe(0)
})
afterAll(() => t.close())

describe('demo cases', () => {
  it('covers every stage, an approval waiting, a returned plan, a hand-over and a referral out', async () => {
    const rows = await t.database.db.select().from(schema.cases)
    expect(new Set(rows.map((r) => r.stage))).toEqual(
      new Set(['intake', 'assessment', 'planning', 'intervention', 'follow_up']),
    )
    expect(rows.map((r) => r.status).sort()).toEqual([
      'closed',
      'open',
      'open',
      'open',
      'open',
      'open',
      'open',
      'referred_out',
    ])
    const supervisor = await signIn(t.app, 'supervisor.cd@demo.liandong.cn')
    const agency = await orgIdOf(t.database.db, 'cd-agency')
    const queue = body(
      await t.app.inject({
        url: `/api/organizations/${agency}/case-approvals`,
        headers: { cookie: supervisor },
      }),
    )
    expect(queue).toEqual([expect.objectContaining({ kind: 'assessment' })])
    const cases = body(
      await t.app.inject({ url: `/api/organizations/${agency}/cases`, headers: { cookie: supervisor } }),
    )
    expect(cases.total).toBe(6)
    expect(cases.items.some((c: { transferToName: string | null }) => c.transferToName === '李建国')).toBe(
      true,
    )
  })

  it('opens each case through the API with its documents, and one case has its needs linked', async () => {
    const worker = await signIn(t.app, 'worker.cd@demo.liandong.cn')
    const agency = await orgIdOf(t.database.db, 'cd-agency')
    const list = body(
      await t.app.inject({ url: `/api/organizations/${agency}/cases`, headers: { cookie: worker } }),
    )
    let withNeeds = 0
    for (const c of list.items) {
      const res = await t.app.inject({ url: `/api/cases/${c.id}`, headers: { cookie: worker } })
      expect(res.statusCode, res.body).toBe(200)
      const d = body(res)
      if (d.stage === 'planning')
        expect(d.plan).toMatchObject({ status: 'returned', comment: expect.any(String) })
      if (d.stage === 'follow_up') expect(d.followUps).toHaveLength(1)
      if (d.needs.length) withNeeds++
    }
    expect(withNeeds).toBe(1)
  })
})
