import { createDb, type Database, schema } from '@liandong/db'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../support/app.ts'
import { testDbKind } from '../support/database.ts'
import {
  HOUR,
  makeOpportunity,
  makeShift,
  makeVolunteer,
  orgIdOf,
  runDueJobs,
  type TestVolunteer,
} from '../support/volunteer-fixtures.ts'

const JOB = 'signups.shift-reminders'
let t: TestApp
/** A second app on its own connection to the same database: a second worker process. */
let t2: TestApp
let second: Database | undefined
const db = () => t.database.db

beforeAll(async () => {
  t = await testApp()
  // PGlite is one process's database: the second worker shares it; PostgreSQL gets a new pool.
  second =
    testDbKind === 'postgres'
      ? await createDb({ url: (t.database as Database & { url?: string }).url! })
      : undefined
  t2 = await testApp({ database: second ?? t.database, seed: false })
})
afterAll(async () => {
  await t2.close()
  await second?.close()
  await t.close()
})

/** Runs the reminder job's handler as a worker would. */
const sweep = (app: TestApp) =>
  app.app.jobs.queue.handler(JOB)!({
    id: 'test',
    name: JOB,
    payload: {},
    attempt: 1,
    maxAttempts: 5,
    signal: new AbortController().signal,
    log: app.app.log,
  })

const kindsOf = async (v: TestVolunteer) =>
  (
    await db()
      .select({ kind: schema.notifications.kind, params: schema.notifications.params })
      .from(schema.notifications)
      .where(eq(schema.notifications.userId, v.userId))
  ).map((n) => n.kind)

async function signUp(v: TestVolunteer, shiftId: string, status = 'confirmed') {
  await db().insert(schema.signups).values({ shiftId, userId: v.userId, status })
}

describe('shift reminders 24 h and 2 h before', () => {
  it('sends each reminder once, also with two workers sweeping at the same time', async () => {
    const agency = await orgIdOf(db(), 'cd-agency')
    const opp = await makeOpportunity(db(), { orgId: agency, title: '社区图书角整理' })
    const now = t.clock.now().getTime()
    const at = (hours: number) =>
      makeShift(db(), { opportunityId: opp.id, startsAt: new Date(now + hours * HOUR) })
    const [in20h, in1h, in30h, cancelled, waitlistShift] = await Promise.all([
      at(20),
      at(1),
      at(30),
      at(10),
      at(20),
    ])
    await db().update(schema.shifts).set({ status: 'cancelled' }).where(eq(schema.shifts.id, cancelled.id))
    const [tomorrow, soon, later, nobody, waiting] = await Promise.all(
      ['明日', '马上', '后天', '取消', '候补'].map((n) => makeVolunteer(db(), { realName: `提醒${n}` })),
    )
    await signUp(tomorrow!, in20h.id)
    await signUp(soon!, in1h.id)
    await signUp(later!, in30h.id)
    await signUp(nobody!, cancelled.id)
    await signUp(waiting!, waitlistShift.id, 'waitlisted')

    await Promise.all([sweep(t), sweep(t2), sweep(t), sweep(t2)])
    expect(await kindsOf(tomorrow!)).toEqual(['shift_reminder_day'])
    // Signed up late: only the 2-hour reminder, and the 24-hour one is never sent after it.
    expect(await kindsOf(soon!)).toEqual(['shift_reminder_hours'])
    expect(await kindsOf(later!)).toEqual([])
    expect(await kindsOf(nobody!)).toEqual([])
    expect(await kindsOf(waiting!)).toEqual([])
    const [mark] = await db()
      .select()
      .from(schema.signups)
      .where(and(eq(schema.signups.userId, soon!.userId), eq(schema.signups.shiftId, in1h.id)))
    expect(mark!.remindedHoursAt).not.toBeNull()
    expect(mark!.remindedDayAt).not.toBeNull()

    // The e-mail copy (from whichever worker claimed it), with the start in Beijing time.
    const [user] = await db().select().from(schema.users).where(eq(schema.users.id, tomorrow!.userId))
    const mails = [...t.mailer.sent, ...t2.mailer.sent].filter((m) => m.to === user!.email)
    expect(mails).toHaveLength(1)
    const beijing = new Date(in20h.startsAt.getTime() + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ')
    expect(mails[0]!.subject).toContain('社区图书角整理')
    expect(mails[0]!.text).toContain(beijing)
    const list = JSON.parse(
      (await t.app.inject({ url: '/api/notifications', headers: { cookie: tomorrow!.cookie } })).body,
    )
    expect(list.items[0].message).toContain(beijing)

    // 19 hours on: the first shift is 1 hour away, the 30-hour one 11 hours away.
    t.clock.advance(19 * HOUR)
    t2.clock.advance(19 * HOUR)
    await Promise.all([sweep(t), sweep(t2)])
    expect((await kindsOf(tomorrow!)).sort()).toEqual(['shift_reminder_day', 'shift_reminder_hours'])
    expect(await kindsOf(later!)).toEqual(['shift_reminder_day'])
    // Started shifts get nothing more.
    expect(await kindsOf(soon!)).toEqual(['shift_reminder_hours'])
    await sweep(t)
    expect((await kindsOf(tomorrow!)).length).toBe(2)
  })

  it('is scheduled as a recurring job every five minutes', () => {
    const entry = t.app.jobs.scheduler.recurring.find((e) => e.name === JOB)
    expect(entry?.everyMs).toBe(5 * 60_000)
  })
})

describe('waitlist offers and their expiry reach the volunteer in the app and by e-mail', () => {
  it('tells the next in line of the offer and, when it lapses, that the place passed on', async () => {
    const agency = await orgIdOf(db(), 'cd-agency')
    const opp = await makeOpportunity(db(), { orgId: agency, title: '周日助老送餐' })
    const shift = await makeShift(db(), {
      opportunityId: opp.id,
      startsAt: new Date(t.clock.now().getTime() + 72 * HOUR),
      capacity: 1,
    })
    const first = await makeVolunteer(db(), {}, t.clock.now())
    const next = await makeVolunteer(db(), {}, t.clock.now())
    const signUp = (v: TestVolunteer) =>
      t.app.inject({
        method: 'POST',
        url: `/api/shifts/${shift.id}/signups`,
        headers: { cookie: v.cookie },
        payload: {},
      })
    const mine = JSON.parse((await signUp(first)).body)
    expect(mine.status).toBe('confirmed')
    expect(JSON.parse((await signUp(next)).body).status).toBe('waitlisted')
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/signups/${mine.id}/cancel`,
      headers: { cookie: first.cookie },
      payload: {},
    })
    expect(cancel.statusCode).toBe(200)
    const [user] = await db().select().from(schema.users).where(eq(schema.users.id, next.userId))
    const offer = t.mailer.lastTo(user!.email)
    expect(offer?.subject).toContain('周日助老送餐')
    // The deadline reads as Beijing time, not an ISO string.
    expect(offer?.text).toMatch(/保留至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/)

    t.clock.advance(73 * HOUR)
    expect(await runDueJobs(t, ['signup.offer_expire'])).toBeGreaterThan(0)
    expect((await kindsOf(next)).sort()).toEqual(['signup.offer_expired', 'signup.offered'])
    expect(t.mailer.lastTo(user!.email)?.subject).toContain('候补名额已过期')
  })
})
