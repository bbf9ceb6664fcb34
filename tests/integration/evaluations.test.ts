import { schema } from '@liandong/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import {
  HOUR,
  makeOpportunity,
  makeShift,
  makeVolunteer,
  orgIdOf,
  type TestVolunteer,
} from '../support/volunteer-fixtures.ts'

let t: TestApp
let agency: string
let gsAgency: string
let worker: string
let supervisor: string
let gsWorker: string
const body = (res: { body: string }) => JSON.parse(res.body)
const db = () => t.database.db

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  agency = await orgIdOf(db(), 'cd-agency')
  gsAgency = await orgIdOf(db(), 'gs-agency')
  worker = await signIn(t.app, 'worker.cd@demo.liandong.cn')
  supervisor = await signIn(t.app, 'supervisor.cd@demo.liandong.cn')
  gsWorker = await signIn(t.app, 'worker.gs@demo.liandong.cn')
})
afterAll(() => t.close())

const req = (method: 'GET' | 'PUT', url: string, cookie: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload: payload as object } : {}) })

/** A sign-up, and when `came`, the attendance (checked out unless `stillThere`). */
async function signedUp(
  v: TestVolunteer,
  shift: { id: string; startsAt: Date; endsAt: Date },
  came: boolean,
  stillThere = false,
) {
  const [signup] = await db()
    .insert(schema.signups)
    .values({ shiftId: shift.id, userId: v.userId, status: came ? 'attended' : 'confirmed' })
    .returning()
  if (came)
    await db()
      .insert(schema.attendance)
      .values({
        signupId: signup!.id,
        shiftId: shift.id,
        userId: v.userId,
        checkInAt: shift.startsAt,
        checkOutAt: stillThere ? null : shift.endsAt,
        method: 'roll_call',
      })
}

describe('evaluations both ways', () => {
  let opp: { id: string }
  let past: Awaited<ReturnType<typeof makeShift>>
  let came: TestVolunteer
  let absent: TestVolunteer

  beforeAll(async () => {
    opp = await makeOpportunity(db(), { orgId: agency, title: '社区助老陪伴' })
    past = await makeShift(db(), {
      opportunityId: opp.id,
      startsAt: new Date(Date.now() - 30 * HOUR),
      hours: 3,
    })
    came = await makeVolunteer(db(), { realName: '周一' })
    absent = await makeVolunteer(db(), { realName: '吴二' })
    await signedUp(came, past, true)
    await signedUp(absent, past, false)
  })

  it('lets coordinators of the organization rate volunteers who came, once per shift', async () => {
    const rate = (cookie: string, userId: string, payload: object) =>
      req('PUT', `/api/shifts/${past.id}/evaluations/${userId}`, cookie, payload)
    const first = await rate(worker, came.userId, { score: 4, comment: '准时，耐心' })
    expect(first.statusCode).toBe(200)
    expect(body(first)).toMatchObject({ direction: 'of_volunteer', score: 4, comment: '准时，耐心' })
    const second = await rate(worker, came.userId, { score: 5, comment: '非常耐心' })
    expect(body(second)).toMatchObject({ id: body(first).id, score: 5 })

    expect((await rate(worker, absent.userId, { score: 3 })).statusCode).toBe(409)
    expect((await rate(gsWorker, came.userId, { score: 1 })).statusCode).toBe(404)
    expect((await rate(came.cookie, came.userId, { score: 5 })).statusCode).toBe(403)
    for (const score of [0, 6, 4.5, '5'])
      expect((await rate(worker, came.userId, { score })).statusCode, String(score)).toBe(422)

    const list = body(await req('GET', `/api/shifts/${past.id}/evaluations`, worker))
    expect(list.items).toHaveLength(1)
    expect(list.items[0]).toMatchObject({ volunteerName: '周一', score: 5 })
  })

  it('keeps the organization’s ratings of a volunteer to its own staff', async () => {
    const url = (org: string) => `/api/organizations/${org}/volunteers/${came.userId}/evaluations`
    const own = await req('GET', url(agency), supervisor)
    expect(own.statusCode).toBe(200)
    expect(body(own).rating).toEqual({ average: 5, count: 1 })
    expect(body(own).items[0]).toMatchObject({ opportunityTitle: '社区助老陪伴', comment: '非常耐心' })
    // The same average on the organization's view of the volunteer's profile.
    const profile = await req('GET', `/api/organizations/${agency}/volunteers/${came.userId}`, supervisor)
    expect(body(profile).orgRating).toEqual({ average: 5, count: 1 })
    // Another agency sees nothing: not its volunteer, not its organization.
    expect((await req('GET', url(gsAgency), gsWorker)).statusCode).toBe(404)
    expect((await req('GET', url(agency), gsWorker)).statusCode).toBe(404)
    // Nor does the volunteer (the ratings are the organization's).
    expect((await req('GET', url(agency), came.cookie)).statusCode).toBe(403)
  })

  it('lets volunteers rate the opportunity after attending; the average is public', async () => {
    const rate = (v: TestVolunteer, shiftId: string, payload: object) =>
      req('PUT', `/api/me/shifts/${shiftId}/evaluation`, v.cookie, payload)
    expect((await rate(came, past.id, { score: 4, comment: '组织有序' })).statusCode).toBe(200)
    expect((await rate(absent, past.id, { score: 1 })).statusCode).toBe(409)

    // Still on site: not yet.
    const now = await makeShift(db(), {
      opportunityId: opp.id,
      startsAt: new Date(Date.now() - HOUR),
      hours: 3,
    })
    const onSite = await makeVolunteer(db())
    await signedUp(onSite, now, true, true)
    const early = await rate(onSite, now.id, { score: 5 })
    expect(early.statusCode).toBe(409)
    expect(body(early).error.code).toBe('evaluation.too_early')

    const another = await makeVolunteer(db())
    const later = await makeShift(db(), { opportunityId: opp.id, startsAt: new Date(Date.now() - 50 * HOUR) })
    await signedUp(another, later, true)
    expect((await rate(another, later.id, { score: 5 })).statusCode).toBe(200)

    const rating = await req('GET', `/api/opportunities/${opp.id}/rating`, absent.cookie)
    expect(body(rating)).toEqual({ average: 4.5, count: 2 })
    const detail = body(await req('GET', `/api/opportunities/${opp.id}`, absent.cookie))
    expect(detail.rating).toEqual({ average: 4.5, count: 2 })

    // The comments go to the organization only.
    const feedback = await req('GET', `/api/opportunities/${opp.id}/evaluations`, worker)
    expect(body(feedback)).toMatchObject({ total: 2, rating: { average: 4.5, count: 2 } })
    expect(body(feedback).items.map((e: { comment: string | null }) => e.comment)).toContain('组织有序')
    expect((await req('GET', `/api/opportunities/${opp.id}/evaluations`, gsWorker)).statusCode).toBe(404)
    expect((await req('GET', `/api/opportunities/${opp.id}/evaluations`, came.cookie)).statusCode).toBe(403)

    const mine = body(await req('GET', '/api/me/attended-shifts', came.cookie))
    expect(mine.items[0]).toMatchObject({ shiftId: past.id, score: 4, comment: '组织有序', canRate: true })
    // The organization's rating of the volunteer is not in the volunteer's own list.
    expect(JSON.stringify(mine)).not.toContain('非常耐心')
  })

  it('shows an unrated opportunity as null with a zero count', async () => {
    const fresh = await makeOpportunity(db(), { orgId: agency })
    const res = await req('GET', `/api/opportunities/${fresh.id}/rating`, absent.cookie)
    expect(body(res)).toEqual({ average: null, count: 0 })
    const draft = await makeOpportunity(db(), { orgId: agency, status: 'draft' })
    expect((await req('GET', `/api/opportunities/${draft.id}/rating`, absent.cookie)).statusCode).toBe(404)
  })
})
