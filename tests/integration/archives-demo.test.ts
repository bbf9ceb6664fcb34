import { hashPassword, seedDemoCases, seedDemoMarketplace, seedDemoResources } from '@liandong/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ARCHIVIST_EMAIL, seedDemoArchives } from '../../server/src/demo/archives.ts'
import { seedDemoStewardship } from '../../server/src/demo/stewardship.ts'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { orgIdOf } from '../support/volunteer-fixtures.ts'

// The demo archive: the closed demo records filed, a file out on loan, a destruction waiting for
// its second approval (which the demo archivist can give), a tombstone and a pending transfer.

let t: TestApp
const body = (res: { body: string }) => JSON.parse(res.body)
const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } })

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  const now = t.clock.now()
  await seedDemoResources(t.database.db, now)
  await seedDemoMarketplace(t.database.db, { dataKeys: t.config.dataKeys, responseHours: 48, now })
  await seedDemoStewardship(t.database.db, { dataKeys: t.config.dataKeys, now })
  await seedDemoCases(t.database.db, { dataKeys: t.config.dataKeys, now })
  const options = { config: t.config, hashPassword, now }
  expect(await seedDemoArchives(t.database.db, options)).toBeGreaterThanOrEqual(6)
  expect(await seedDemoArchives(t.database.db, options)).toBe(0)
})
afterAll(() => t.close())

describe('demo archives', () => {
  it('shows every state of the register, and the second approval works', async () => {
    const agency = await orgIdOf(t.database.db, 'cd-agency')
    const gs = await orgIdOf(t.database.db, 'gs-agency')
    const supervisor = await signIn(t.app, 'supervisor.cd@demo.liandong.cn')
    const list = body(await get(supervisor, `/api/orgs/${agency}/archives?limit=100`))
    expect(new Set(list.items.map((i: { recordType: string }) => i.recordType))).toEqual(
      new Set(['case', 'complaint', 'incident']),
    )
    expect(list.counts).toMatchObject({ destroyed: 1, borrowed: 1, outgoing: 1 })
    expect(list.counts.due).toBeGreaterThanOrEqual(1)
    const incoming = body(
      await get(
        await signIn(t.app, 'supervisor.gs@demo.liandong.cn'),
        `/api/orgs/${gs}/archives?transfer=incoming`,
      ),
    )
    expect(incoming.items).toHaveLength(1)

    const worker = await signIn(t.app, 'worker.cd@demo.liandong.cn')
    const [loan] = body(await get(worker, '/api/archives/borrowings/mine'))
    expect(loan).toMatchObject({ status: 'approved', readable: true, recordType: 'case' })
    expect((await get(worker, `/api/cases/${loan.subjectId}`)).statusCode).toBe(200)

    const waiting = list.items.find((i: { destructionPending: boolean }) => i.destructionPending)
    const detail = body(await get(supervisor, `/api/archives/${waiting.id}`))
    const d = detail.destructions[0]
    expect(d).toMatchObject({ status: 'pending', secondApproverId: null })
    expect(d.firstApproverId).toBeTruthy()
    const archivist = await signIn(t.app, DEMO_ARCHIVIST_EMAIL)
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/archives/${waiting.id}/destructions/${d.id}/approve`,
      headers: { cookie: archivist },
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(body(res).status).toBe('destroyed')
  })
})
