import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { caseDocs, makeStaff } from '../support/case-fixtures.ts'
import { makeRecipient } from '../support/marketplace-fixtures.ts'
import { orgIdOf } from '../support/volunteer-fixtures.ts'

// Who sees a case: its workers and the agency's supervisors, nobody else; hand-overs are
// two-phase; every opening goes on the who-viewed log that supervisors and auditors read.

let t: TestApp
let agency: string
let caseId: string
let recipientId: string
const cookies: Record<string, string> = {}
const body = (res: { body: string }) => JSON.parse(res.body)
const as = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    headers: { cookie: cookies[who]! },
    ...(payload === undefined ? {} : { payload }),
  })
const demo = [
  'worker.cd',
  'supervisor.cd',
  'orgadmin.cd',
  'worker.gs',
  'supervisor.gs',
  'partner.cd',
  'volunteer',
  'auditor',
]
let colleague: { userId: string; name: string }

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  agency = await orgIdOf(t.database.db, 'cd-agency')
  for (const who of demo) cookies[who] = await signIn(t.app, `${who}@demo.liandong.cn`)
  const staff = await makeStaff(t.database.db, agency, 'social_worker', '周社工', t.clock.now())
  cookies.colleague = staff.cookie
  colleague = staff
  recipientId = (await makeRecipient(t, agency)).id
  caseId = body(await as('worker.cd', 'POST', `/api/recipients/${recipientId}/cases`, {})).id
  await as('worker.cd', 'POST', `/api/cases/${caseId}/intake`, caseDocs(t.clock.now()).intake)
})
afterAll(() => t.close())

describe('case scope', () => {
  it("shows a case to its worker and the agency's supervisors only", async () => {
    expect((await as('worker.cd', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(200)
    expect((await as('supervisor.cd', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(200)
    // Another worker of the same agency, and the other agency's staff: as if it did not exist.
    for (const who of ['colleague', 'worker.gs', 'supervisor.gs'])
      expect((await as(who, 'GET', `/api/cases/${caseId}`)).statusCode, who).toBe(404)
    // Partners, volunteers, the org admin and the auditor hold no case grant.
    for (const who of ['partner.cd', 'volunteer', 'orgadmin.cd', 'auditor'])
      expect((await as(who, 'GET', `/api/cases/${caseId}`)).statusCode, who).toBe(403)
    for (const who of ['partner.cd', 'volunteer'])
      expect((await as(who, 'GET', `/api/organizations/${agency}/cases`)).statusCode, who).toBe(403)
  })

  it("lists a worker's own cases, and all of them to supervisors", async () => {
    const other = (await makeRecipient(t, agency)).id
    await as('supervisor.cd', 'POST', `/api/recipients/${other}/cases`, { leadWorkerId: colleague.userId })
    const mine = body(await as('worker.cd', 'GET', `/api/organizations/${agency}/cases`))
    expect(mine.items.map((c: { id: string }) => c.id)).toEqual([caseId])
    expect(body(await as('colleague', 'GET', `/api/organizations/${agency}/cases`)).total).toBe(1)
    expect(body(await as('supervisor.cd', 'GET', `/api/organizations/${agency}/cases`)).total).toBe(2)
    expect(
      body(await as('supervisor.cd', 'GET', `/api/organizations/${agency}/cases?stage=assessment`)).total,
    ).toBe(1)
    expect((await as('worker.gs', 'GET', `/api/organizations/${agency}/cases`)).statusCode).toBe(404)
    expect(body(await as('colleague', 'GET', `/api/recipients/${recipientId}/cases`))).toEqual([])
    expect(body(await as('worker.cd', 'GET', `/api/recipients/${recipientId}/cases`))).toHaveLength(1)
  })

  it('lets a supervisor read but not write a case they do not work', async () => {
    const res = await as('supervisor.cd', 'PUT', `/api/cases/${caseId}/assessment`, {
      content: caseDocs(t.clock.now()).assessment,
    })
    expect(res.statusCode).toBe(403)
    expect(body(res).error.code).toBe('case.not_yours')
    const d = body(await as('supervisor.cd', 'GET', `/api/cases/${caseId}`))
    expect(d.can).toMatchObject({ write: false, approve: true, transfer: true, viewLog: true })
  })
})

describe('two-phase transfer', () => {
  it('hands the case over only when the receiver accepts', async () => {
    const stranger = await as('worker.cd', 'POST', `/api/cases/${caseId}/transfer`, { toUserId: caseId })
    expect(stranger.statusCode).toBe(422)
    expect(body(stranger).error.details[0].field).toBe('body.toUserId')
    expect(
      (await as('worker.cd', 'POST', `/api/cases/${caseId}/transfer`, { toUserId: colleague.userId }))
        .statusCode,
    ).toBe(200)
    const twice = await as('worker.cd', 'POST', `/api/cases/${caseId}/transfer`, {
      toUserId: colleague.userId,
    })
    expect(body(twice).error.code).toBe('case.transfer_pending')
    // The receiver sees the case (to decide) and finds it in their list, but cannot write yet.
    const seen = body(await as('colleague', 'GET', `/api/cases/${caseId}`))
    expect(seen).toMatchObject({ transferTo: colleague.userId, can: { answerTransfer: true, write: false } })
    expect(body(await as('colleague', 'GET', `/api/organizations/${agency}/cases`)).total).toBe(2)
    const early = await as('colleague', 'PUT', `/api/cases/${caseId}/assessment`, {
      content: caseDocs(t.clock.now()).assessment,
    })
    expect(early.statusCode).toBe(403)
    // Only the receiver answers.
    expect(body(await as('worker.cd', 'POST', `/api/cases/${caseId}/transfer/accept`)).error.code).toBe(
      'case.no_transfer',
    )
    expect((await as('colleague', 'POST', `/api/cases/${caseId}/transfer/decline`)).statusCode).toBe(200)
    expect(body(await as('worker.cd', 'GET', `/api/cases/${caseId}`))).toMatchObject({
      leadWorkerName: '张晓燕',
      transferTo: null,
    })
    expect((await as('colleague', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(404)

    // A supervisor asks, the worker withdraws it; then asked again and accepted.
    await as('supervisor.cd', 'POST', `/api/cases/${caseId}/transfer`, { toUserId: colleague.userId })
    expect((await as('worker.cd', 'POST', `/api/cases/${caseId}/transfer/cancel`)).statusCode).toBe(200)
    await as('worker.cd', 'POST', `/api/cases/${caseId}/transfer`, { toUserId: colleague.userId })
    expect((await as('colleague', 'POST', `/api/cases/${caseId}/transfer/accept`)).statusCode).toBe(200)
    const after = body(await as('colleague', 'GET', `/api/cases/${caseId}`))
    expect(after).toMatchObject({ leadWorkerId: colleague.userId, transferTo: null, can: { write: true } })
    expect(after.workers).toEqual([expect.objectContaining({ userId: colleague.userId, role: 'lead' })])
    // The former lead has left the case.
    expect((await as('worker.cd', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(404)
    const put = await as('colleague', 'PUT', `/api/cases/${caseId}/assessment`, {
      content: caseDocs(t.clock.now()).assessment,
    })
    expect(put.statusCode).toBe(200)
    expect(after.events.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining([
        'transfer_requested',
        'transfer_declined',
        'transfer_cancelled',
        'transfer_accepted',
      ]),
    )
  })
})

describe('who viewed', () => {
  it('logs every opening, for supervisors and auditors to read', async () => {
    const before = body(await as('supervisor.cd', 'GET', `/api/cases/${caseId}/views?limit=100`)).total
    await as('colleague', 'GET', `/api/cases/${caseId}`)
    await as('supervisor.cd', 'GET', `/api/cases/${caseId}`)
    const log = body(await as('supervisor.cd', 'GET', `/api/cases/${caseId}/views?limit=100`))
    expect(log.total).toBe(before + 2)
    expect(log.items[0]).toMatchObject({ name: '李建国', what: 'case' })
    expect(log.items[1]).toMatchObject({ userId: colleague.userId, what: 'case' })
    // Refused openings are not views.
    await as('worker.gs', 'GET', `/api/cases/${caseId}`)
    const auditor = await as('auditor', 'GET', `/api/cases/${caseId}/views?limit=100`)
    expect(auditor.statusCode).toBe(200)
    expect(body(auditor).total).toBe(before + 2)
    for (const who of ['colleague', 'partner.cd', 'orgadmin.cd'])
      expect((await as(who, 'GET', `/api/cases/${caseId}/views`)).statusCode, who).toBe(403)
    expect((await as('supervisor.gs', 'GET', `/api/cases/${caseId}/views`)).statusCode).toBe(404)
  })
})
