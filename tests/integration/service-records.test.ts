import { schema } from '@liandong/db'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { HOUR, makeOpportunity, makeShift, makeVolunteer, orgIdOf } from '../support/volunteer-fixtures.ts'

let t: TestApp
let agency: string
let gsAgency: string
let coordinator: string
let otherCoordinator: string
const body = (res: { body: string }) => JSON.parse(res.body)

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000', SESSION_IDLE_HOURS: '720', SESSION_DAYS: '90' } })
  agency = await orgIdOf(t.database.db, 'cd-agency')
  gsAgency = await orgIdOf(t.database.db, 'gs-agency')
  coordinator = await signIn(t.app, 'worker.cd@demo.liandong.cn')
  otherCoordinator = await signIn(t.app, 'worker.gs@demo.liandong.cn')
})
afterAll(() => t.close())

const db = () => t.database.db
const req = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload: payload as object } : {}) })
const totals = async (cookie: string) => body(await req('GET', '/api/me/totals', cookie))

/** A volunteer who served a shift of `minutes` (roll call in and out), leaving a pending record. */
async function served(minutes: number, v?: Awaited<ReturnType<typeof makeVolunteer>>) {
  const who = v ?? (await makeVolunteer(db(), {}, t.clock.now()))
  const opp = await makeOpportunity(db(), { orgId: agency })
  const start = new Date(t.clock.now().getTime() - 4 * HOUR - Math.random() * HOUR)
  const shift = await makeShift(db(), { opportunityId: opp.id, startsAt: start, hours: 4 })
  const [signup] = await db()
    .insert(schema.signups)
    .values({ shiftId: shift.id, userId: who.userId, status: 'confirmed' })
    .returning()
  const roll = (action: string, at: Date) =>
    req('POST', `/api/shifts/${shift.id}/roll-call`, coordinator, {
      signupId: signup!.id,
      action,
      at: at.toISOString(),
    })
  expect((await roll('check_in', start)).statusCode).toBe(200)
  expect((await roll('check_out', new Date(start.getTime() + minutes * 60_000))).statusCode).toBe(200)
  const [record] = await db()
    .select()
    .from(schema.serviceRecords)
    .where(eq(schema.serviceRecords.shiftId, shift.id))
  return { v: who, record: record! }
}

describe('review by the organizing organization (谁组织谁记录)', () => {
  it('counts nothing until approved; only the organizing org approves; approval credits points', async () => {
    const { v, record } = await served(120)
    expect(await totals(v.cookie)).toMatchObject({
      label: 'platform_record',
      approvedMinutes: 0,
      pendingMinutes: 120,
      points: 0,
      starLevel: 0,
    })
    const review = (cookie: string, decision = 'approve') =>
      req('POST', `/api/service-records/${record.id}/review`, cookie, { decision })
    expect((await review(v.cookie)).statusCode).toBe(403)
    expect((await review(otherCoordinator)).statusCode).toBe(404)
    // A coordinator fills in the evaluation while it is pending; history keeps it.
    const patched = await req('PATCH', `/api/service-records/${record.id}`, coordinator, {
      evaluation: '认真负责',
    })
    expect(body(patched).evaluation).toBe('认真负责')

    const ok = await review(coordinator)
    expect(ok.statusCode).toBe(200)
    expect(body(ok)).toMatchObject({ status: 'approved', reviewedBy: expect.any(String) })
    expect((await review(coordinator)).statusCode).toBe(409)
    expect(await totals(v.cookie)).toMatchObject({
      approvedMinutes: 120,
      pendingMinutes: 0,
      points: 20,
      approvedShifts: 1,
    })
    const detail = body(await req('GET', `/api/me/service-records/${record.id}`, v.cookie))
    expect(detail.history.map((h: { action: string }) => h.action)).toEqual(['created', 'edited', 'approved'])
    // Approved: no more direct edits.
    expect(
      (await req('PATCH', `/api/service-records/${record.id}`, coordinator, { content: '改写服务内容' }))
        .statusCode,
    ).toBe(409)
  })

  it('approves in bulk, skipping what is not pending or not the org’s; a rejection counts nothing', async () => {
    const v = await makeVolunteer(db(), {}, t.clock.now())
    const one = await served(60, v)
    const two = await served(90, v)
    const three = await served(30, v)
    const rejected = await req('POST', `/api/service-records/${three.record.id}/review`, coordinator, {
      decision: 'reject',
      note: '未在现场',
    })
    expect(body(rejected).status).toBe('rejected')
    const bulk = await req('POST', `/api/organizations/${agency}/service-records/approve`, coordinator, {
      ids: [one.record.id, two.record.id, three.record.id],
    })
    expect(bulk.statusCode).toBe(200)
    expect(body(bulk)).toEqual({ approved: [one.record.id, two.record.id], skipped: [three.record.id] })
    expect(
      (
        await req('POST', `/api/organizations/${agency}/service-records/approve`, otherCoordinator, {
          ids: [one.record.id],
        })
      ).statusCode,
    ).toBe(404)
    expect(await totals(v.cookie)).toMatchObject({ approvedMinutes: 150, points: 25, pendingMinutes: 0 })
  })
})

describe('supervisors', () => {
  it('approve their agency’s service hours like its coordinators', async () => {
    const supervisor = await signIn(t.app, 'supervisor.cd@demo.liandong.cn')
    const { v, record } = await served(90)
    const ok = await req('POST', `/api/service-records/${record.id}/review`, supervisor, {
      decision: 'approve',
    })
    expect(ok.statusCode).toBe(200)
    expect(body(ok).status).toBe('approved')
    expect(await totals(v.cookie)).toMatchObject({ approvedMinutes: 90 })
  })
})

describe('self-reported hours and corrections', () => {
  it('sends off-platform hours with evidence to the named organization', async () => {
    const v = await makeVolunteer(db(), {}, t.clock.now())
    const report = {
      orgId: gsAgency,
      activityName: '社区义诊引导',
      serviceDate: '2026-01-10',
      place: '兰州市城关区雁滩路 1 号',
      recipientGroup: '社区居民',
      content: '引导居民排队、登记',
      minutes: 180,
      evidence: '活动签到表照片：https://example.org/sign-in.jpg',
    }
    const res = await req('POST', '/api/me/service-records', v.cookie, report)
    expect(res.statusCode).toBe(201)
    const record = body(res)
    expect(record).toMatchObject({ source: 'self_report', status: 'pending', orgId: gsAgency })
    expect(
      (await req('POST', '/api/me/service-records', v.cookie, { ...report, evidence: undefined })).statusCode,
    ).toBe(422)
    // The Chengdu agency did not organize it; the Lanzhou agency approves.
    expect(
      (await req('POST', `/api/service-records/${record.id}/review`, coordinator, { decision: 'approve' }))
        .statusCode,
    ).toBe(404)
    expect(
      (
        await req('POST', `/api/service-records/${record.id}/review`, otherCoordinator, {
          decision: 'approve',
        })
      ).statusCode,
    ).toBe(200)
    expect(await totals(v.cookie)).toMatchObject({ approvedMinutes: 180, approvedShifts: 0, points: 30 })
  })

  it('changes an approved record only through a reviewed correction, moving the points', async () => {
    const { v, record } = await served(120)
    const corr = (payload: unknown) =>
      req('POST', `/api/me/service-records/${record.id}/corrections`, v.cookie, payload)
    expect((await corr({ reason: '漏记', changes: { minutes: 180 } })).statusCode).toBe(409)
    await req('POST', `/api/service-records/${record.id}/review`, coordinator, { decision: 'approve' })
    expect((await corr({ changes: { minutes: 180 } })).statusCode).toBe(422)
    const asked = await corr({ reason: '签退时手机没电，实际服务到 16:00', changes: { minutes: 180 } })
    expect(asked.statusCode).toBe(201)
    expect((await corr({ reason: '再次申请', changes: { minutes: 200 } })).statusCode).toBe(409)
    const stranger = await makeVolunteer(db(), {}, t.clock.now())
    expect(
      (
        await req('POST', `/api/me/service-records/${record.id}/corrections`, stranger.cookie, {
          reason: '更正时长',
          changes: { minutes: 1 },
        })
      ).statusCode,
    ).toBe(404)

    const queue = body(
      await req('GET', `/api/organizations/${agency}/service-record-corrections`, coordinator),
    )
    expect(queue.items.map((c: { id: string }) => c.id)).toContain(body(asked).id)
    expect(
      (
        await req('POST', `/api/service-record-corrections/${body(asked).id}/review`, otherCoordinator, {
          decision: 'approve',
        })
      ).statusCode,
    ).toBe(404)
    const applied = await req(
      'POST',
      `/api/service-record-corrections/${body(asked).id}/review`,
      coordinator,
      {
        decision: 'approve',
      },
    )
    expect(body(applied).status).toBe('approved')
    expect(await totals(v.cookie)).toMatchObject({ approvedMinutes: 180, points: 30 })
    const ledger = body(await req('GET', '/api/me/points', v.cookie))
    expect(ledger.items.map((e: { reason: string; delta: number }) => [e.reason, e.delta]).sort()).toEqual([
      ['correction', 10],
      ['service', 20],
    ])
    const detail = body(await req('GET', `/api/service-records/${record.id}`, coordinator))
    const corrected = detail.history.find((h: { action: string }) => h.action === 'corrected')
    expect(corrected).toMatchObject({ before: { minutes: 120 }, after: { minutes: 180 } })
  })
})
