import { createDb, type Database, jobsRepo, schema } from '@liandong/db'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { freshDatabase } from '../support/database.ts'
import {
  completeCourse,
  HOUR,
  makeCourse,
  makeOpportunity,
  makeShift,
  makeVolunteer,
  orgIdOf,
  runDueJobs,
  type TestVolunteer,
} from '../support/volunteer-fixtures.ts'

let t: TestApp
let base: Database & { url?: string }
let database: Database
let agency: string
let coordinator: string
let otherCoordinator: string
const body = (res: { body: string }) => JSON.parse(res.body)

beforeAll(async () => {
  base = await freshDatabase()
  // On PostgreSQL the concurrency test needs more parallel connections than a test clone's 5.
  database = base.url ? await createDb({ url: base.url, maxConnections: 20 }) : base
  t = await testApp({
    database,
    env: {
      AUTH_RATE_LIMIT: '10000',
      SIGNUP_OFFER_HOURS: '12',
      SESSION_IDLE_HOURS: '720',
      SESSION_DAYS: '90',
    },
  })
  agency = await orgIdOf(t.database.db, 'cd-agency')
  coordinator = await signIn(t.app, 'worker.cd@demo.liandong.cn')
  otherCoordinator = await signIn(t.app, 'worker.gs@demo.liandong.cn')
})
afterAll(async () => {
  await t.close()
  if (database !== base) await database.close()
  await base.close()
})

const db = () => t.database.db
const volunteer = (options: Parameters<typeof makeVolunteer>[1] = {}) =>
  makeVolunteer(db(), options, t.clock.now())
const inDays = (days: number, hour = 9) => {
  const d = new Date(t.clock.now().getTime() + days * 24 * HOUR)
  d.setUTCHours(hour - 8, 0, 0, 0)
  return d
}
const signUp = (v: TestVolunteer | string, shiftId: string, payload: Record<string, unknown> = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/api/shifts/${shiftId}/signups`,
    headers: { cookie: typeof v === 'string' ? v : v.cookie },
    payload,
  })
const post = (cookie: string, url: string, payload: Record<string, unknown> = {}) =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, payload })
const shiftRow = async (id: string) =>
  (await db().select().from(schema.shifts).where(eq(schema.shifts.id, id)))[0]!

describe('sign-up gates', () => {
  it('reports every failing gate at once, with the shift date deciding training validity', async () => {
    const course = await makeCourse(db(), agency)
    const opp = await makeOpportunity(db(), {
      orgId: agency,
      minAge: 15,
      skills: ['first_aid'],
      requiredCourseIds: [course.id],
      insuranceRequired: true,
    })
    const shift = await makeShift(db(), { opportunityId: opp.id, startsAt: inDays(40) })

    const noProfile = await volunteer({ profile: false })
    const res0 = await signUp(noProfile, shift.id)
    expect(res0.statusCode).toBe(409)
    expect(body(res0).error.details.map((d: { field: string }) => d.field)).toEqual(['gate.profile'])

    // 15 years old on the shift day, no guardian consent, no skill, training expiring before the shift.
    const birth = new Date(inDays(40).getTime() - 15.5 * 365.25 * 24 * HOUR).toISOString().slice(0, 10)
    const minor = await volunteer({ birthDate: birth })
    await completeCourse(db(), minor.userId, course.id, inDays(20))
    const res = await signUp(minor, shift.id)
    expect(res.statusCode).toBe(409)
    expect(body(res).error.code).toBe('signup_ineligible')
    expect(
      body(res)
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['gate.guardian_consent', 'gate.insurance', 'gate.skills', 'gate.training'])
    expect(
      await db().select().from(schema.signups).where(eq(schema.signups.userId, minor.userId)),
    ).toHaveLength(0)

    const young = await volunteer({ birthDate: '2015-01-01', guardianConsent: true })
    const tooYoung = await signUp(young, shift.id)
    expect(body(tooYoung).error.details.map((d: { field: string }) => d.field)).toContain('gate.age')

    const ready = await volunteer({ skills: ['first_aid'] })
    await completeCourse(db(), ready.userId, course.id, inDays(60))
    const missingInsurance = await signUp(ready, shift.id)
    expect(body(missingInsurance).error.details.map((d: { field: string }) => d.field)).toEqual([
      'gate.insurance',
    ])
    // Acknowledging the insurance notice with the sign-up passes the last gate.
    const ok = await signUp(ready, shift.id, { insuranceAcknowledged: true })
    expect(ok.statusCode).toBe(201)
    expect(body(ok)).toMatchObject({ status: 'confirmed', headCount: 1 })
    // A retried request returns the same sign-up and takes no second place.
    const again = await signUp(ready, shift.id, { insuranceAcknowledged: true })
    expect(again.statusCode).toBe(200)
    expect(body(again).id).toBe(body(ok).id)
    expect((await shiftRow(shift.id)).confirmedCount).toBe(1)
  })

  it('refuses a shift that overlaps one the volunteer holds, and unknown or draft shifts', async () => {
    const opp = await makeOpportunity(db(), { orgId: agency })
    const a = await makeShift(db(), { opportunityId: opp.id, startsAt: inDays(10, 9), hours: 3 })
    const b = await makeShift(db(), { opportunityId: opp.id, startsAt: inDays(10, 11), hours: 3 })
    const c = await makeShift(db(), { opportunityId: opp.id, startsAt: inDays(10, 12), hours: 2 })
    const v = await volunteer()
    expect((await signUp(v, a.id)).statusCode).toBe(201)
    const clash = await signUp(v, b.id)
    expect(clash.statusCode).toBe(409)
    expect(body(clash).error.code).toBe('signup.clash')
    expect((await signUp(v, c.id)).statusCode).toBe(201)

    const draft = await makeOpportunity(db(), { orgId: agency, status: 'draft' })
    const hidden = await makeShift(db(), { opportunityId: draft.id, startsAt: inDays(12) })
    expect((await signUp(v, hidden.id)).statusCode).toBe(404)
    expect((await signUp(v, '01890000-0000-7000-8000-000000000000')).statusCode).toBe(404)
    expect((await signUp(coordinator, a.id)).statusCode).toBe(403)
  })
})

describe('capacity, waitlist and offers', () => {
  it('waitlists when full, offers a freed place for 12 h, passes it on when it expires or is declined', async () => {
    const opp = await makeOpportunity(db(), { orgId: agency, cancelCutoffHours: 24 })
    const shift = await makeShift(db(), { opportunityId: opp.id, startsAt: inDays(5), capacity: 2 })
    const [a, b, c, d, e] = await Promise.all(Array.from({ length: 5 }, () => volunteer()))
    const ids: Record<string, string> = {}
    for (const [name, v] of Object.entries({ a, b, c, d, e })) {
      const res = await signUp(v!, shift.id)
      expect(res.statusCode).toBe(201)
      ids[name] = body(res).id
    }
    const statuses = async () =>
      Object.fromEntries(
        await Promise.all(
          Object.entries(ids).map(async ([k, id]) => [
            k,
            (await db().select().from(schema.signups).where(eq(schema.signups.id, id)))[0]!.status,
          ]),
        ),
      )
    expect(await statuses()).toEqual({
      a: 'confirmed',
      b: 'confirmed',
      c: 'waitlisted',
      d: 'waitlisted',
      e: 'waitlisted',
    })

    // a cancels early (no reason needed): c is offered the place, held for 12 h.
    const cancel = await post(a!.cookie, `/api/signups/${ids.a}/cancel`)
    expect(cancel.statusCode).toBe(200)
    expect(body(cancel)).toMatchObject({ status: 'cancelled', lateCancel: false })
    const [offer] = await db().select().from(schema.signups).where(eq(schema.signups.id, ids.c!))
    expect(offer!.status).toBe('offered')
    expect(offer!.offerExpiresAt!.getTime() - t.clock.now().getTime()).toBeGreaterThan(11.9 * HOUR)
    expect((await shiftRow(shift.id)).confirmedCount).toBe(2)
    const job = await jobsRepo(db()).findByDedupeKey(`offer:${ids.c}:${offer!.offerExpiresAt!.getTime()}`)
    expect(job?.runAt.getTime()).toBe(offer!.offerExpiresAt!.getTime())
    const notices = await db()
      .select()
      .from(schema.notifications)
      .where(eq(schema.notifications.userId, c!.userId))
    expect(notices.map((n) => n.kind)).toContain('signup.offered')

    // A new volunteer cannot take the held place.
    const late = await volunteer()
    expect(body(await signUp(late, shift.id)).status).toBe('waitlisted')

    // Nothing runs before the offer is due; after 12 h the job passes the place to d.
    expect(await runDueJobs(t, ['signup.offer_expire'])).toBe(0)
    t.clock.advance(12 * HOUR + 1000)
    expect(await runDueJobs(t, ['signup.offer_expire'])).toBe(1)
    expect(await statuses()).toMatchObject({ c: 'declined', d: 'offered' })
    const accepted = await post(c!.cookie, `/api/signups/${ids.c}/accept`)
    expect(accepted.statusCode).toBe(409)

    // d declines: e is next.
    expect((await post(d!.cookie, `/api/signups/${ids.d}/decline`)).statusCode).toBe(200)
    expect(await statuses()).toMatchObject({ d: 'declined', e: 'offered' })
    const take = await post(e!.cookie, `/api/signups/${ids.e}/accept`)
    expect(take.statusCode).toBe(200)
    expect(body(take)).toMatchObject({ status: 'confirmed', offerExpiresAt: null })
    expect((await shiftRow(shift.id)).confirmedCount).toBe(2)
    // The old job for e's offer, if it runs anyway, changes nothing.
    t.clock.advance(13 * HOUR)
    await runDueJobs(t, ['signup.offer_expire'])
    expect(await statuses()).toMatchObject({ e: 'confirmed' })
  })

  it('needs a reason after the cut-off and flags the cancellation late', async () => {
    const opp = await makeOpportunity(db(), { orgId: agency, cancelCutoffHours: 48 })
    const shift = await makeShift(db(), { opportunityId: opp.id, startsAt: inDays(1), capacity: 3 })
    const v = await volunteer()
    const id = body(await signUp(v, shift.id)).id
    const noReason = await post(v.cookie, `/api/signups/${id}/cancel`)
    expect(noReason.statusCode).toBe(422)
    expect(body(noReason).error.details[0].field).toBe('body.reason')
    const withReason = await post(v.cookie, `/api/signups/${id}/cancel`, { reason: '家中临时有事' })
    expect(withReason.statusCode).toBe(200)
    expect(body(withReason)).toMatchObject({
      status: 'cancelled',
      lateCancel: true,
      cancelReason: '家中临时有事',
    })
    expect((await shiftRow(shift.id)).confirmedCount).toBe(0)
    // Someone else's sign-up is not there for a stranger.
    const stranger = await volunteer()
    expect((await post(stranger.cookie, `/api/signups/${id}/cancel`, { reason: 'x' })).statusCode).toBe(404)
  })

  it('refuses a full shift without a waitlist', async () => {
    const opp = await makeOpportunity(db(), { orgId: agency, waitlistEnabled: false })
    const shift = await makeShift(db(), { opportunityId: opp.id, startsAt: inDays(6), capacity: 1 })
    expect((await signUp(await volunteer(), shift.id)).statusCode).toBe(201)
    const full = await signUp(await volunteer(), shift.id)
    expect(full.statusCode).toBe(409)
    expect(body(full).error.code).toBe('signup.full')
  })

  it('takes a team head count of places', async () => {
    const opp = await makeOpportunity(db(), { orgId: agency })
    const shift = await makeShift(db(), { opportunityId: opp.id, startsAt: inDays(7), capacity: 5 })
    const leader = await volunteer()
    const team = await signUp(leader, shift.id, { headCount: 4, teamName: '川大青协' })
    expect(body(team)).toMatchObject({ status: 'confirmed', headCount: 4, teamName: '川大青协' })
    const second = await signUp(await volunteer(), shift.id, { headCount: 2 })
    expect(body(second).status).toBe('waitlisted')
    const tooBig = await signUp(await volunteer(), shift.id, { headCount: 6 })
    expect(tooBig.statusCode).toBe(422)
    expect((await shiftRow(shift.id)).confirmedCount).toBe(4)
    // Places left are in the opportunity's search document, refreshed through the outbox.
    const queued = await db()
      .select()
      .from(schema.outbox)
      .where(and(eq(schema.outbox.indexName, 'opportunities'), eq(schema.outbox.docId, opp.id)))
    expect(queued.length).toBeGreaterThanOrEqual(1)
  })
})

describe('coordinators', () => {
  it('approves sign-ups (taking the place then), marks no-shows after the start, and keeps the roster to the org', async () => {
    const opp = await makeOpportunity(db(), { orgId: agency, approvalRequired: true })
    const shift = await makeShift(db(), { opportunityId: opp.id, startsAt: inDays(2), capacity: 1 })
    const v1 = await volunteer()
    const v2 = await volunteer()
    const s1 = body(await signUp(v1, shift.id))
    const s2 = body(await signUp(v2, shift.id))
    expect([s1.status, s2.status]).toEqual(['pending_approval', 'pending_approval'])
    expect((await shiftRow(shift.id)).confirmedCount).toBe(0)

    expect((await post(v1.cookie, `/api/signups/${s1.id}/approve`)).statusCode).toBe(403)
    expect((await post(otherCoordinator, `/api/signups/${s1.id}/approve`)).statusCode).toBe(404)
    const ok = await post(coordinator, `/api/signups/${s1.id}/approve`)
    expect(ok.statusCode).toBe(200)
    expect(body(ok).status).toBe('confirmed')
    expect(body(await post(coordinator, `/api/signups/${s2.id}/approve`)).status).toBe('waitlisted')
    expect((await post(coordinator, `/api/signups/${s1.id}/approve`)).statusCode).toBe(409)

    const roster = await t.app.inject({
      url: `/api/shifts/${shift.id}/roster`,
      headers: { cookie: coordinator },
    })
    expect(roster.statusCode).toBe(200)
    expect(body(roster)).toMatchObject({ capacity: 1, confirmedCount: 1 })
    expect(body(roster).items.map((i: { status: string }) => i.status)).toEqual(['confirmed', 'waitlisted'])
    expect(
      (await t.app.inject({ url: `/api/shifts/${shift.id}/roster`, headers: { cookie: otherCoordinator } }))
        .statusCode,
    ).toBe(403)

    expect((await post(coordinator, `/api/signups/${s1.id}/no-show`)).statusCode).toBe(409)
    t.clock.advance(3 * 24 * HOUR)
    const noShow = await post(coordinator, `/api/signups/${s1.id}/no-show`)
    expect(body(noShow).status).toBe('no_show')
    const audit = await db().select().from(schema.auditLog).where(eq(schema.auditLog.targetId, s1.id))
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['signup.manage', 'signup.self']))
  })
})

describe('concurrency', () => {
  it('200 simultaneous sign-ups for a 20-place shift: exactly 20 confirmed and 180 waitlisted', async () => {
    const opp = await makeOpportunity(db(), { orgId: agency })
    const shift = await makeShift(db(), { opportunityId: opp.id, startsAt: inDays(30), capacity: 20 })
    const volunteers: TestVolunteer[] = []
    for (let i = 0; i < 200; i += 20)
      volunteers.push(...(await Promise.all(Array.from({ length: 20 }, () => volunteer()))))
    expect(new Set(volunteers.map((v) => v.userId)).size).toBe(200)

    const responses = await Promise.all(volunteers.map((v) => signUp(v, shift.id)))
    const codes = responses.map((r) => r.statusCode)
    expect(codes.filter((c) => c !== 201)).toEqual([])
    const statuses = responses.map((r) => body(r).status as string)
    const confirmed = statuses.filter((s) => s === 'confirmed').length
    const waitlisted = statuses.filter((s) => s === 'waitlisted').length
    console.info(
      `[${t.database.mode}] 200 simultaneous sign-ups: ${confirmed} confirmed, ${waitlisted} waitlisted`,
    )
    expect(confirmed).toBe(20)
    expect(waitlisted).toBe(180)
    const rows = await db().select().from(schema.signups).where(eq(schema.signups.shiftId, shift.id))
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(20)
    expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(180)
    expect((await shiftRow(shift.id)).confirmedCount).toBe(20)
  })
})
