import type { AddressInfo } from 'node:net'
import type { Database } from '@liandong/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { caseDocs, makeStaff } from '../support/case-fixtures.ts'
import { freshDatabase } from '../support/database.ts'
import { makeRecipient } from '../support/marketplace-fixtures.ts'
import { orgIdOf } from '../support/volunteer-fixtures.ts'
import { ReconnectingClient, type ServerMessage } from './reconnecting-client.ts'

// Co-workers share a case with its lead; only the lead or a supervisor adds or removes them, and
// a co-worker may leave. An open case page follows `case:<id>` and hears every change (ids only)
// made by anyone, so a decision or a note shows up without a reload.

let database: Database
let t: TestApp
let port = 0
let agency: string
let caseId: string
const cookies: Record<string, string> = {}
const people: Record<string, { userId: string }> = {}
const clients: ReconnectingClient[] = []
const body = (res: { body: string }) => JSON.parse(res.body)
const as = (who: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    headers: { cookie: cookies[who]! },
    ...(payload === undefined ? {} : { payload }),
  })
const is =
  (type: ServerMessage['type'], fields: Record<string, unknown> = {}) =>
  (m: ServerMessage) =>
    m.type === type && Object.entries(fields).every(([k, v]) => (m as Record<string, unknown>)[k] === v)
const client = (who: string) => {
  const c = new ReconnectingClient({
    url: `ws://127.0.0.1:${port}/ws`,
    cookie: cookies[who]!,
    minDelayMs: 100,
  })
  clients.push(c)
  return c
}

beforeAll(async () => {
  database = await freshDatabase()
  t = await testApp({ database, env: { AUTH_RATE_LIMIT: '10000' } })
  await t.app.listen({ host: '127.0.0.1', port: 0 })
  port = (t.app.server.address() as AddressInfo).port
  agency = await orgIdOf(t.database.db, 'cd-agency')
  for (const who of ['worker.cd', 'supervisor.cd', 'worker.gs', 'partner.cd'])
    cookies[who] = await signIn(t.app, `${who}@demo.liandong.cn`)
  for (const who of ['helper', 'other']) {
    const staff = await makeStaff(t.database.db, agency, 'social_worker', `${who}社工`, t.clock.now())
    cookies[who] = staff.cookie
    people[who] = staff
  }
  const recipientId = (await makeRecipient(t, agency)).id
  caseId = body(await as('worker.cd', 'POST', `/api/recipients/${recipientId}/cases`, {})).id
  await as('worker.cd', 'POST', `/api/cases/${caseId}/intake`, caseDocs(t.clock.now()).intake)
})

afterAll(async () => {
  for (const c of clients) c.stop()
  await t.close()
  await database.close()
})

describe('co-workers', () => {
  it('the lead adds a colleague, who then reads and writes the case and is told', async () => {
    expect((await as('helper', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(404)
    const res = await as('worker.cd', 'GET', `/api/cases/${caseId}`)
    expect(res.statusCode, res.body).toBe(200)
    const detail = body(res)
    expect(detail.can.workers).toBe(true)
    expect(detail.candidates.map((p: { userId: string }) => p.userId)).toContain(people.helper!.userId)

    const added = await as('worker.cd', 'POST', `/api/cases/${caseId}/workers`, {
      userId: people.helper!.userId,
    })
    expect(added.statusCode).toBe(201)
    const seen = body(await as('helper', 'GET', `/api/cases/${caseId}`))
    expect(seen.can).toMatchObject({ write: true, workers: false, transfer: false })
    expect(seen.workers).toContainEqual(
      expect.objectContaining({ userId: people.helper!.userId, role: 'co_worker' }),
    )
    expect(seen.events).toContainEqual(
      expect.objectContaining({
        kind: 'worker_added',
        subjectName: expect.stringContaining('helper社工'),
        actorName: expect.any(String),
      }),
    )
    const saved = await as('helper', 'PUT', `/api/cases/${caseId}/assessment`, {
      content: caseDocs(t.clock.now()).assessment,
    })
    expect(saved.statusCode).toBe(200)
    const told = body(await as('helper', 'GET', '/api/notifications'))
    expect(JSON.stringify(told)).toContain('worker_added')
  })

  it('refuses what is not allowed, with a translated reason and nothing changed', async () => {
    // A co-worker does not add others; nor does a worker from elsewhere (the case does not exist for them).
    const byHelper = await as('helper', 'POST', `/api/cases/${caseId}/workers`, {
      userId: people.other!.userId,
    })
    expect(byHelper.statusCode).toBe(403)
    expect(body(byHelper).error.code).toBe('case.not_lead_workers')
    expect(
      (await as('worker.gs', 'POST', `/api/cases/${caseId}/workers`, { userId: people.other!.userId }))
        .statusCode,
    ).toBe(404)
    expect(
      (await as('partner.cd', 'POST', `/api/cases/${caseId}/workers`, { userId: people.other!.userId }))
        .statusCode,
    ).toBe(403)
    // Twice the same person, someone from another agency, a malformed id.
    const twice = await as('worker.cd', 'POST', `/api/cases/${caseId}/workers`, {
      userId: people.helper!.userId,
    })
    expect(twice.statusCode).toBe(409)
    expect(body(twice).error.message).toMatch(/already|已在/)
    const stranger = body(await as('worker.gs', 'GET', '/api/me')).id as string
    const outsider = await as('worker.cd', 'POST', `/api/cases/${caseId}/workers`, { userId: stranger })
    expect(outsider.statusCode).toBe(422)
    expect(body(outsider).error.details[0].field).toBe('body.userId')
    expect(
      (await as('worker.cd', 'POST', `/api/cases/${caseId}/workers`, { userId: 'nobody' })).statusCode,
    ).toBe(422)
    // The lead leaves only by a hand-over.
    const lead = body(await as('worker.cd', 'GET', '/api/me')).id as string
    const leadLeaves = await as('supervisor.cd', 'DELETE', `/api/cases/${caseId}/workers/${lead}`)
    expect(leadLeaves.statusCode).toBe(409)
    expect(body(leadLeaves).error.code).toBe('case.lead_stays')
    const workers = body(await as('worker.cd', 'GET', `/api/cases/${caseId}`)).workers
    expect(workers).toHaveLength(2)
  })

  it('a co-worker leaves; a supervisor removes one; either way they no longer see the case', async () => {
    await as('supervisor.cd', 'POST', `/api/cases/${caseId}/workers`, { userId: people.other!.userId })
    expect((await as('other', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(200)
    expect(
      (await as('supervisor.cd', 'DELETE', `/api/cases/${caseId}/workers/${people.other!.userId}`))
        .statusCode,
    ).toBe(200)
    expect((await as('other', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(404)

    expect(
      (await as('helper', 'DELETE', `/api/cases/${caseId}/workers/${people.helper!.userId}`)).statusCode,
    ).toBe(200)
    expect((await as('helper', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(404)
    const events = body(await as('worker.cd', 'GET', `/api/cases/${caseId}`)).events
    expect(events.filter((e: { kind: string }) => e.kind === 'worker_removed')).toHaveLength(2)
  })
})

describe('live case pages', () => {
  it("the worker's open page hears the supervisor's decision; nobody else may follow the case", async () => {
    const topic = `case:${caseId}`
    const worker = client('worker.cd')
    await worker.next(is('hello'))
    worker.subscribe(topic)
    await worker.next(is('subscribed', { topic }))
    for (const who of ['helper', 'worker.gs', 'partner.cd']) {
      const c = client(who)
      await c.next(is('hello'))
      c.subscribe(topic)
      expect(await c.next(is('error', { topic })), who).toMatchObject({ code: 'forbidden' })
    }

    const submitted = await as('worker.cd', 'PUT', `/api/cases/${caseId}/assessment`, {
      content: caseDocs(t.clock.now()).assessment,
      submit: true,
    })
    expect(submitted.statusCode).toBe(200)
    await worker.next(is('event', { topic, event: 'case.changed' }))
    const since = worker.received.length
    const approved = await as('supervisor.cd', 'POST', `/api/case-records/${body(submitted).id}/approve`, {
      comment: '同意，按计划推进。',
    })
    expect(approved.statusCode).toBe(200)
    const event = await worker.next(is('event', { topic, event: 'case.changed' }), 10_000, since)
    // Ids only: what changed is fetched, with the fetch on the who-viewed log.
    expect((event as { data: unknown }).data).toEqual({ id: caseId })
  })
})
