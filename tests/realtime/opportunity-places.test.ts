import type { AddressInfo } from 'node:net'
import type { Database } from '@liandong/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../support/app.ts'
import { freshDatabase } from '../support/database.ts'
import {
  HOUR,
  makeOpportunity,
  makeShift,
  makeVolunteer,
  orgIdOf,
  type TestVolunteer,
} from '../support/volunteer-fixtures.ts'
import { ReconnectingClient, type ServerMessage } from './reconnecting-client.ts'

// The opportunity page shows places left live: `opportunity:<id>` carries a count (nobody's
// name), followed by anyone who may see the opportunity — published, or a draft of one's own org.

let database: Database
let t: TestApp
let port = 0
const clients: ReconnectingClient[] = []
const is =
  (type: ServerMessage['type'], fields: Record<string, unknown> = {}) =>
  (m: ServerMessage) =>
    m.type === type && Object.entries(fields).every(([k, v]) => (m as Record<string, unknown>)[k] === v)
const client = (cookie: string) => {
  const c = new ReconnectingClient({
    url: `ws://127.0.0.1:${port}/ws`,
    cookie,
    minDelayMs: 100,
    maxDelayMs: 2_000,
  })
  clients.push(c)
  return c
}

let agency: string
let watcher: TestVolunteer
let signer: TestVolunteer

beforeAll(async () => {
  database = await freshDatabase()
  t = await testApp({ database })
  await t.app.listen({ host: '127.0.0.1', port: 0 })
  port = (t.app.server.address() as AddressInfo).port
  agency = await orgIdOf(t.database.db, 'cd-agency')
  watcher = await makeVolunteer(t.database.db, {}, t.clock.now())
  signer = await makeVolunteer(t.database.db, {}, t.clock.now())
})

afterAll(async () => {
  for (const c of clients) c.stop()
  await t.close()
  await database.close()
})

describe('places left on an opportunity, live', () => {
  it('a volunteer who has not signed up hears the count change when another signs up or cancels', async () => {
    const opportunity = await makeOpportunity(t.database.db, { orgId: agency, cancelCutoffHours: 0 })
    const shift = await makeShift(t.database.db, {
      opportunityId: opportunity.id,
      startsAt: new Date(t.clock.now().getTime() + 72 * HOUR),
      capacity: 3,
    })
    const c = client(watcher.cookie)
    await c.next(is('hello'))
    const topic = `opportunity:${opportunity.id}`
    c.subscribe(topic)
    await c.next(is('subscribed', { topic }))

    const res = await t.app.inject({
      method: 'POST',
      url: `/api/shifts/${shift.id}/signups`,
      headers: { cookie: signer.cookie },
      payload: {},
    })
    expect(res.statusCode).toBe(201)
    const event = await c.next(is('event', { topic, event: 'opportunity.places_changed' }))
    expect((event as { data: unknown }).data).toEqual({ shiftId: shift.id, free: 2 })

    const signupId = JSON.parse(res.body).id as string
    const since = c.received.length
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/signups/${signupId}/cancel`,
      headers: { cookie: signer.cookie },
      payload: { reason: '临时有事' },
    })
    expect(cancel.statusCode).toBe(200)
    const again = await c.next(is('event', { topic, event: 'opportunity.places_changed' }), 10_000, since)
    expect((again as { data: unknown }).data).toEqual({ shiftId: shift.id, free: 3 })
  })

  it("refuses a draft's topic to a volunteer and an unknown id", async () => {
    const draft = await makeOpportunity(t.database.db, { orgId: agency, status: 'draft' })
    const c = client(watcher.cookie)
    await c.next(is('hello'))
    for (const topic of [`opportunity:${draft.id}`, 'opportunity:01900000-0000-7000-8000-000000000000']) {
      c.subscribe(topic)
      expect(await c.next(is('error', { topic }))).toMatchObject({ code: 'forbidden' })
    }
  })
})
