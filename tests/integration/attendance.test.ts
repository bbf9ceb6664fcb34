import { schema } from '@liandong/db'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import {
  HOUR,
  makeOpportunity,
  makeShift,
  makeVolunteer,
  orgIdOf,
  runDueJobs,
  type TestVolunteer,
  userIdOf,
} from '../support/volunteer-fixtures.ts'

let t: TestApp
let agency: string
let coordinator: string
let otherCoordinator: string
const body = (res: { body: string }) => JSON.parse(res.body)
const MIN = 60_000

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000', SESSION_IDLE_HOURS: '720', SESSION_DAYS: '90' } })
  agency = await orgIdOf(t.database.db, 'cd-agency')
  coordinator = await signIn(t.app, 'worker.cd@demo.liandong.cn')
  otherCoordinator = await signIn(t.app, 'worker.gs@demo.liandong.cn')
})
afterAll(() => t.close())

const db = () => t.database.db
const volunteer = () => makeVolunteer(db(), {}, t.clock.now())

/** A shift starting `inMinutes` from now, with these volunteers confirmed on it. */
async function shiftWith(inMinutes: number, people: TestVolunteer[], hours = 3) {
  const opp = await makeOpportunity(db(), { orgId: agency })
  const lead = await userIdOf(db(), 'worker.cd@demo.liandong.cn')
  const shift = await makeShift(db(), {
    opportunityId: opp.id,
    startsAt: new Date(t.clock.now().getTime() + inMinutes * MIN),
    hours,
    capacity: 10,
    leadUserId: lead,
  })
  const signups: string[] = []
  for (const p of people) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/shifts/${shift.id}/signups`,
      headers: { cookie: p.cookie },
      payload: {},
    })
    expect(res.statusCode).toBe(201)
    signups.push(body(res).id)
  }
  return { opp, shift, signups }
}
const codeFor = async (shiftId: string, cookie = coordinator) =>
  t.app.inject({ url: `/api/shifts/${shiftId}/checkin-code`, headers: { cookie } })
const check = (v: TestVolunteer, shiftId: string, code: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/shifts/${shiftId}/check`,
    headers: { cookie: v.cookie },
    payload: { code },
  })
const recordsOf = (userId: string) =>
  db().select().from(schema.serviceRecords).where(eq(schema.serviceRecords.userId, userId))

describe('QR check-in and out', () => {
  it('checks in on the first scan and out on the next, counting only time within the shift', async () => {
    const v = await volunteer()
    const { shift, opp } = await shiftWith(20, [v])
    const res = await codeFor(shift.id)
    expect(res.statusCode).toBe(200)
    const qr = body(res)
    expect(qr.url).toBe(`${t.config.publicUrl}/checkin/${shift.id}?code=${qr.code}`)
    expect(qr.svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/)
    expect(qr.refreshSeconds).toBe(30)
    expect((await codeFor(shift.id, otherCoordinator)).statusCode).toBe(403)
    expect((await codeFor(shift.id, v.cookie)).statusCode).toBe(403)

    const bad = await check(v, shift.id, 'not-the-code')
    expect(bad.statusCode).toBe(422)
    expect(body(bad).error.details[0].field).toBe('body.code')

    const first = await check(v, shift.id, qr.code)
    expect(first.statusCode).toBe(200)
    expect(body(first)).toMatchObject({ state: 'checked_in', changed: true, attendance: { method: 'qr' } })
    // The same scan again a moment later changes nothing.
    const repeat = await check(v, shift.id, qr.code)
    expect(body(repeat)).toMatchObject({ state: 'checked_in', changed: false })

    // 20 min early (clipped to the start) until 2 h 40 min into the shift: 160 minutes.
    t.clock.advance(3 * HOUR)
    const stale = await check(v, shift.id, qr.code)
    expect(stale.statusCode).toBe(422)
    const out = await check(v, shift.id, body(await codeFor(shift.id)).code)
    expect(body(out)).toMatchObject({ state: 'checked_out', changed: true })
    expect(body(out).attendance.minutes).toBe(160)

    const [record] = await recordsOf(v.userId)
    expect(record).toMatchObject({
      status: 'pending',
      source: 'attendance',
      minutes: 160,
      activityName: opp.title,
      place: opp.address,
      recipientGroup: '社区独居老人',
      activityLead: '张晓燕',
      orgId: agency,
    })
    // Scanning after check-out: a moment later is a no-op, later a conflict.
    const code = body(await codeFor(shift.id)).code
    expect(body(await check(v, shift.id, code))).toMatchObject({ state: 'checked_out', changed: false })
    t.clock.advance(MIN)
    expect((await check(v, shift.id, body(await codeFor(shift.id)).code)).statusCode).toBe(409)
    expect(await recordsOf(v.userId)).toHaveLength(1)
  })

  it('accepts the previous 30-second window only, and only inside the check-in window', async () => {
    const v = await volunteer()
    const { shift } = await shiftWith(10, [v])
    const code = body(await codeFor(shift.id)).code
    t.clock.advance(65_000)
    expect((await check(v, shift.id, code)).statusCode).toBe(422)
    expect((await check(v, shift.id, body(await codeFor(shift.id)).code)).statusCode).toBe(200)

    const early = await volunteer()
    const later = await shiftWith(2 * 24 * 60, [early])
    const tooEarly = await check(early, later.shift.id, body(await codeFor(later.shift.id)).code)
    expect(tooEarly.statusCode).toBe(409)
    expect(body(tooEarly).error.code).toBe('attendance.window_closed')

    const stranger = await volunteer()
    expect((await check(stranger, shift.id, body(await codeFor(shift.id)).code)).statusCode).toBe(404)
  })
})

describe('coordinators', () => {
  it('runs a roll call, closes forgotten check-outs after the grace period, and overrides minutes with a reason', async () => {
    const [a, b] = [await volunteer(), await volunteer()]
    const { shift, signups } = await shiftWith(5, [a, b], 2)
    const roll = (signupId: string, action: string, at?: Date) =>
      t.app.inject({
        method: 'POST',
        url: `/api/shifts/${shift.id}/roll-call`,
        headers: { cookie: coordinator },
        payload: { signupId, action, ...(at ? { at: at.toISOString() } : {}) },
      })
    expect((await roll(signups[0]!, 'check_out')).statusCode).toBe(409)
    expect(body(await roll(signups[0]!, 'check_in'))).toMatchObject({
      state: 'checked_in',
      attendance: { method: 'roll_call' },
    })
    expect(body(await roll(signups[1]!, 'check_in')).state).toBe('checked_in')
    // Checking in twice is not a check-out.
    expect(body(await roll(signups[0]!, 'check_in'))).toMatchObject({ state: 'checked_in', changed: false })
    const forbidden = await t.app.inject({
      method: 'POST',
      url: `/api/shifts/${shift.id}/roll-call`,
      headers: { cookie: otherCoordinator },
      payload: { signupId: signups[0], action: 'check_out' },
    })
    expect(forbidden.statusCode).toBe(403)

    t.clock.advance(95 * MIN)
    const out = await roll(signups[0]!, 'check_out')
    expect(body(out).state).toBe('checked_out')
    const [recordA] = await recordsOf(a.userId)
    expect(recordA).toMatchObject({ minutes: 90, recorderName: '张晓燕', status: 'pending' })

    // b never checks out: the sweep closes it once the window (end + 2 h) has passed, at the shift's end.
    expect(await t.app.jobs.scheduler.tick()).toContain('attendance.autoclose')
    await runDueJobs(t, ['attendance.autoclose'])
    expect(await recordsOf(b.userId)).toHaveLength(0)
    t.clock.advance(2 * HOUR + 31 * MIN)
    await t.app.jobs.scheduler.tick()
    expect(await runDueJobs(t, ['attendance.autoclose'])).toBe(1)
    const [att] = await db()
      .select()
      .from(schema.attendance)
      .where(eq(schema.attendance.signupId, signups[1]!))
    expect(att).toMatchObject({ autoClosed: true, checkOutAt: shift.endsAt })
    const [recordB] = await recordsOf(b.userId)
    expect(recordB!.minutes).toBe(120)
    const listed = await t.app.inject({
      url: `/api/organizations/${agency}/service-records?status=pending&limit=100`,
      headers: { cookie: coordinator },
    })
    expect(body(listed).items.find((r: { id: string }) => r.id === recordB!.id).autoClosed).toBe(true)

    const override = (cookie: string, payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/attendance/${att!.id}/override`,
        headers: { cookie },
        payload,
      })
    expect((await override(coordinator, { minutes: 60 })).statusCode).toBe(422)
    expect((await override(otherCoordinator, { minutes: 60, reason: '中途离开' })).statusCode).toBe(403)
    const ok = await override(coordinator, { minutes: 60, reason: '中途离开一小时' })
    expect(ok.statusCode).toBe(200)
    expect(body(ok)).toMatchObject({ minutes: 60, overrideMinutes: 60, overrideReason: '中途离开一小时' })
    const history = await db()
      .select()
      .from(schema.serviceRecordHistory)
      .where(eq(schema.serviceRecordHistory.recordId, recordB!.id))
    expect(history.map((h) => h.action)).toEqual(['created', 'minutes_overridden'])
    expect((await recordsOf(b.userId))[0]!.minutes).toBe(60)
    const audit = await db().select().from(schema.auditLog).where(eq(schema.auditLog.targetId, att!.id))
    expect(audit.some((r) => r.action === 'attendance.manage' && r.result === 'ok')).toBe(true)
  })
})
