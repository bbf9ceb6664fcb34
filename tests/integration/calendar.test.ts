import { schema } from '@liandong/db'
import { eq } from 'drizzle-orm'
import ICAL from 'ical.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { HOUR, makeOpportunity, makeShift, makeVolunteer, orgIdOf } from '../support/volunteer-fixtures.ts'

let t: TestApp
let agency: string
const body = (res: { body: string }) => JSON.parse(res.body)
const db = () => t.database.db

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  agency = await orgIdOf(db(), 'cd-agency')
})
afterAll(() => t.close())

/** The events of an iCalendar text, read by ical.js (a full RFC 5545 parser). */
function parseFeed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  return {
    name: calendar.getFirstPropertyValue('x-wr-calname'),
    events: calendar.getAllSubcomponents('vevent').map((vevent) => {
      const event = new ICAL.Event(vevent)
      return {
        uid: event.uid,
        summary: event.summary,
        location: event.location,
        start: event.startDate,
        end: event.endDate,
        status: vevent.getFirstPropertyValue('status'),
        sequence: Number(vevent.getFirstPropertyValue('sequence')),
      }
    }),
  }
}

describe('private iCal feed of a volunteer’s shifts', () => {
  it('creates a tokenised URL, lists the shifts in UTC, marks cancelled ones, and rotation kills the old URL', async () => {
    const v = await makeVolunteer(db())
    const opp = await makeOpportunity(db(), { orgId: agency, title: '周末社区义诊引导' })
    const base = Math.floor(Date.now() / HOUR) * HOUR
    const upcoming = await makeShift(db(), {
      opportunityId: opp.id,
      startsAt: new Date(base + 48 * HOUR),
      hours: 3,
    })
    const cancelledShift = await makeShift(db(), {
      opportunityId: opp.id,
      startsAt: new Date(base + 72 * HOUR),
    })
    const past = await makeShift(db(), { opportunityId: opp.id, startsAt: new Date(base - 72 * HOUR) })
    const dropped = await makeShift(db(), { opportunityId: opp.id, startsAt: new Date(base + 96 * HOUR) })
    const waiting = await makeShift(db(), { opportunityId: opp.id, startsAt: new Date(base + 120 * HOUR) })
    const old = await makeShift(db(), { opportunityId: opp.id, startsAt: new Date(base - 90 * 24 * HOUR) })
    const signups = [
      [upcoming, 'confirmed'],
      [cancelledShift, 'confirmed'],
      [past, 'attended'],
      [dropped, 'cancelled'],
      [waiting, 'waitlisted'],
      [old, 'attended'],
    ] as const
    for (const [shift, status] of signups)
      await db().insert(schema.signups).values({ shiftId: shift.id, userId: v.userId, status })
    await db()
      .update(schema.shifts)
      .set({ status: 'cancelled' })
      .where(eq(schema.shifts.id, cancelledShift.id))

    const status = await t.app.inject({ url: '/api/me/calendar-feed', headers: { cookie: v.cookie } })
    expect(body(status)).toEqual({ active: false, createdAt: null })
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/me/calendar-feed',
      headers: { cookie: v.cookie },
      payload: {},
    })
    expect(made.statusCode).toBe(201)
    const feed = body(made)
    expect(feed.url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/)
    expect(feed.webcalUrl).toMatch(/^webcal:\/\//)
    // Only the hash is stored.
    const [row] = await db().select().from(schema.calendarFeeds)
    expect(feed.url).not.toContain(row!.tokenHash)
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/)

    const path = new URL(feed.url).pathname
    const res = await t.app.inject({ url: path })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/calendar')
    const parsed = parseFeed(res.body)
    expect(parsed.name).toBe('联动志愿服务班次')
    const byUid = new Map(parsed.events.map((e) => [e.uid, e]))
    expect(byUid.size).toBe(4)
    const first = byUid.get(`shift-${upcoming.id}@liandong`)!
    expect(first).toMatchObject({
      summary: '周末社区义诊引导',
      location: '成都市锦江区书院街 1 号',
      status: 'CONFIRMED',
    })
    expect(first.start.zone?.tzid).toBe('UTC')
    expect(first.start.toJSDate().getTime()).toBe(upcoming.startsAt.getTime())
    expect(first.end.toJSDate().getTime()).toBe(upcoming.endsAt.getTime())
    expect(byUid.get(`shift-${cancelledShift.id}@liandong`)).toMatchObject({ status: 'CANCELLED' })
    expect(byUid.get(`shift-${dropped.id}@liandong`)).toMatchObject({ status: 'CANCELLED' })
    expect(byUid.get(`shift-${past.id}@liandong`)).toMatchObject({ status: 'CONFIRMED' })
    // Waitlisted sign-ups and shifts long past are not in the feed.
    expect(byUid.has(`shift-${waiting.id}@liandong`)).toBe(false)
    expect(byUid.has(`shift-${old.id}@liandong`)).toBe(false)

    // Cancelling raises SEQUENCE, so subscribed clients take the new version.
    const before = byUid.get(`shift-${upcoming.id}@liandong`)!.sequence
    const [mine] = await db().select().from(schema.signups).where(eq(schema.signups.shiftId, upcoming.id))
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/signups/${mine!.id}/cancel`,
      headers: { cookie: v.cookie },
      payload: { reason: '临时有事' },
    })
    expect(cancel.statusCode).toBe(200)
    const after = parseFeed((await t.app.inject({ url: path })).body).events.find(
      (e) => e.uid === `shift-${upcoming.id}@liandong`,
    )!
    expect(after.status).toBe('CANCELLED')
    expect(after.sequence).toBeGreaterThan(before)

    const rotated = body(
      await t.app.inject({
        method: 'POST',
        url: '/api/me/calendar-feed',
        headers: { cookie: v.cookie },
        payload: {},
      }),
    )
    expect(rotated.url).not.toBe(feed.url)
    expect((await t.app.inject({ url: path })).statusCode).toBe(404)
    const newPath = new URL(rotated.url).pathname
    expect((await t.app.inject({ url: newPath })).statusCode).toBe(200)

    const off = await t.app.inject({
      method: 'DELETE',
      url: '/api/me/calendar-feed',
      headers: { cookie: v.cookie },
    })
    expect(off.statusCode).toBe(200)
    expect((await t.app.inject({ url: newPath })).statusCode).toBe(404)
    expect(
      body(await t.app.inject({ url: '/api/me/calendar-feed', headers: { cookie: v.cookie } })).active,
    ).toBe(false)
  })

  it('refuses malformed tokens and staff accounts', async () => {
    expect((await t.app.inject({ url: '/api/calendar/not-a-token.ics' })).statusCode).toBe(422)
    expect((await t.app.inject({ url: `/api/calendar/${'a'.repeat(43)}.ics` })).statusCode).toBe(404)
    const worker = await signIn(t.app, 'worker.cd@demo.liandong.cn')
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/me/calendar-feed',
      headers: { cookie: worker },
      payload: {},
    })
    expect(res.statusCode).toBe(403)
  })
})
