import { schema } from '@liandong/db'
import { materialiseSeries, volunteerEligibility } from '@liandong/server'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'

let t: TestApp
const cookies: Record<string, string> = {}
const ids: Record<string, string> = {}
const orgOf: Record<string, string> = {}
const body = (res: { body: string }) => JSON.parse(res.body)
const DAY = 86_400_000
// Shanghai wall time → ISO instant.
const sh = (local: string) => new Date(`${local}+08:00`).toISOString()

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  // Sunday 9 May 2027, 10:00 in Shanghai.
  t.clock.advance(Date.parse('2027-05-09T02:00:00Z') - t.clock.now().getTime())
  await t.app.searchReady()
  for (const who of ['volunteer', 'worker.cd', 'partner.cd', 'partner.gs', 'worker.gs']) {
    cookies[who] = await signIn(t.app, `${who}@demo.liandong.cn`)
    const me = body(await t.app.inject({ url: '/api/me', headers: { cookie: cookies[who] } }))
    ids[who] = me.id
    if (me.memberships[0]) orgOf[who] = me.memberships[0].orgId
  }
})
afterAll(() => t.close())

const as = (who: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) })
/** Moves the clock and signs everyone in again (sessions idle out after 12 hours). */
const advance = async (ms: number) => {
  t.clock.advance(ms)
  for (const who of Object.keys(cookies)) cookies[who] = await signIn(t.app, `${who}@demo.liandong.cn`)
}
const drain = async () => {
  while ((await t.app.jobs.outbox.drainOnce()).claimed > 0) {}
}
const search = async (who: string, query: string) =>
  body(await as(who, 'GET', `/api/search/opportunities?${query}`))
const hitIds = (result: { hits: { id: string }[] }) => result.hits.map((h) => h.id)

const visit = {
  title: '锦江区退役军人家庭探访',
  description: '陪伴独居老兵聊天、读报，协助整理家务。',
  needCategory: 'care',
  recipientGroup: '独居退役军人',
  skills: ['companionship'],
  minAge: 16,
  districtCode: '510104',
  address: '成都市锦江区书院街 1 号',
  latitude: 30.657,
  longitude: 104.083,
  contactName: '张晓燕',
  contactPhone: '028-86001234',
  shifts: [
    { startsAt: sh('2027-05-11T09:00:00'), endsAt: sh('2027-05-11T12:00:00'), capacity: 5 },
    { startsAt: sh('2027-05-18T09:00:00'), endsAt: sh('2027-05-18T12:00:00'), capacity: 5 },
  ],
}

describe('opportunities and shifts', () => {
  let oneOff: string
  let weekly: string

  it('refuses bad districts, unknown courses, bad rules and inverted shifts with field details', async () => {
    const res = await as('worker.cd', 'POST', `/api/organizations/${orgOf['worker.cd']}/opportunities`, {
      ...visit,
      districtCode: '110101',
      requiredCourseIds: ['01890000-0000-7000-8000-000000000000'],
      shifts: [{ startsAt: sh('2027-05-11T12:00:00'), endsAt: sh('2027-05-11T09:00:00'), capacity: 5 }],
    })
    expect(res.statusCode).toBe(422)
    expect(body(res).error.details.map((d: { field: string }) => d.field)).toEqual([
      'body.districtCode',
      'body.requiredCourseIds.0',
    ])
    const inverted = await as('worker.cd', 'POST', `/api/organizations/${orgOf['worker.cd']}/opportunities`, {
      ...visit,
      shifts: [{ startsAt: sh('2027-05-11T12:00:00'), endsAt: sh('2027-05-11T09:00:00'), capacity: 5 }],
    })
    expect(body(inverted).error.details[0].field).toBe('body.shifts.0.endsAt')
    const badRule = await as('worker.cd', 'POST', `/api/organizations/${orgOf['worker.cd']}/opportunities`, {
      ...visit,
      shifts: undefined,
      recurrence: {
        rrule: 'FREQ=MONTHLY;BYMONTHDAY=1',
        firstStartsAt: sh('2027-05-15T09:00:00'),
        firstEndsAt: sh('2027-05-15T11:00:00'),
        capacity: 10,
      },
    })
    expect(body(badRule).error.details[0]).toMatchObject({
      field: 'body.recurrence.rrule',
      code: 'field.rrule',
    })
    // Nothing was written by the refused requests.
    expect(await t.database.db.select().from(schema.opportunities)).toHaveLength(0)
  })

  it('creates a draft that only its organization sees, then publishes it into search', async () => {
    const res = await as('worker.cd', 'POST', `/api/organizations/${orgOf['worker.cd']}/opportunities`, visit)
    expect(res.statusCode).toBe(201)
    const created = body(res)
    oneOff = created.id
    expect(created).toMatchObject({ status: 'draft', rrule: null, orgName: '锦江区益民社会工作服务中心' })
    expect(created.shifts).toHaveLength(2)
    expect(created.shifts[0]).toMatchObject({
      capacity: 5,
      confirmedCount: 0,
      spotsLeft: 5,
      status: 'scheduled',
    })

    await drain()
    expect((await as('volunteer', 'GET', `/api/opportunities/${oneOff}`)).statusCode).toBe(404)
    expect(hitIds(await search('volunteer', 'q=探访'))).not.toContain(oneOff)
    // The organization finds its own draft.
    expect(hitIds(await search('worker.cd', 'q=探访'))).toContain(oneOff)
    expect(
      (await as('partner.gs', 'POST', `/api/opportunities/${oneOff}/status`, { status: 'published' }))
        .statusCode,
    ).toBe(404)

    const published = await as('worker.cd', 'POST', `/api/opportunities/${oneOff}/status`, {
      status: 'published',
    })
    expect(published.statusCode).toBe(200)
    await drain()
    for (const q of ['q=探访', 'q=tanfang', 'q=退役军人'])
      expect(hitIds(await search('volunteer', q)), q).toContain(oneOff)
    const shiftId = created.shifts[0].id
    const shift = body(await as('volunteer', 'GET', `/api/shifts/${shiftId}`))
    expect(shift).toMatchObject({ opportunityTitle: visit.title, spotsLeft: 5 })
  })

  it('materialises a weekly series 90 days ahead', async () => {
    const res = await as('partner.cd', 'POST', `/api/organizations/${orgOf['partner.cd']}/opportunities`, {
      ...visit,
      title: '康复医院周六助老陪护',
      description: '周六上午陪伴康复中的老人散步、做康复操。',
      needCategory: 'rehabilitation',
      skills: ['elder_care'],
      minAge: 18,
      insuranceRequired: true,
      shifts: undefined,
      recurrence: {
        rrule: 'FREQ=WEEKLY;BYDAY=SA',
        firstStartsAt: sh('2027-05-15T09:00:00'),
        firstEndsAt: sh('2027-05-15T11:30:00'),
        capacity: 8,
      },
    })
    expect(res.statusCode).toBe(201)
    const created = body(res)
    weekly = created.id
    expect(created.rrule).toBe('DTSTART;TZID=Asia/Shanghai:20270515T090000\nRRULE:FREQ=WEEKLY;BYDAY=SA')
    // Saturdays from 15 May to 7 August inclusive: 13 shifts, each 2.5 h, all with their recurrence id.
    expect(created.shifts).toHaveLength(13)
    expect(created.shifts.at(-1).startsAt).toBe(sh('2027-08-07T09:00:00'))
    for (const s of created.shifts) {
      expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBe(2.5 * 3_600_000)
      expect(s.recurrenceId).toBe(s.startsAt)
    }
    await as('partner.cd', 'POST', `/api/opportunities/${weekly}/status`, { status: 'published' })
    await drain()
  })

  it('finds opportunities by category, district, skill and date, with facets', async () => {
    const all = await search('volunteer', 'district=510100')
    expect(hitIds(all)).toEqual(expect.arrayContaining([oneOff, weekly]))
    expect(all.facets.needCategory).toMatchObject({ care: 1, rehabilitation: 1 })
    expect(all.facets.skills.elder_care).toBe(1)
    expect(all.facets.dates).toMatchObject({ next7Days: 2, later: 1 })
    expect(hitIds(await search('volunteer', 'needCategory=rehabilitation'))).toEqual([weekly])
    expect(hitIds(await search('volunteer', 'skill=companionship'))).toEqual([oneOff])
    expect((await search('volunteer', 'district=620100')).total).toBe(0)
    // The one-off ends on 18 May; in June only the weekly series runs.
    expect(hitIds(await search('volunteer', 'from=2027-06-01&to=2027-06-07'))).toEqual([weekly])
    expect(hitIds(await search('volunteer', 'age=17'))).toEqual([oneOff])
    const sorted = await search('volunteer', 'sort=spots')
    expect(sorted.hits[0].id).toBe(weekly)
    expect(
      (await as('volunteer', 'GET', '/api/search/opportunities?from=2027-06-07&to=2027-06-01')).statusCode,
    ).toBe(422)
  })

  it('edits one shift, or this and all following, and keeps materialising without duplicates', async () => {
    const before = body(await as('partner.cd', 'GET', `/api/opportunities/${weekly}`)).shifts
    // One shift: only its capacity changes.
    const one = body(
      await as('partner.cd', 'PATCH', `/api/shifts/${before[1].id}`, { scope: 'this', capacity: 3 }),
    )
    expect(one.shifts.map((s: { capacity: number }) => s.capacity).slice(0, 3)).toEqual([8, 3, 8])

    // From the third on: 14:00–16:00 instead of 09:00–11:30.
    const res = await as('partner.cd', 'PATCH', `/api/shifts/${before[2].id}`, {
      scope: 'following',
      startsAt: sh('2027-05-29T14:00:00'),
      endsAt: sh('2027-05-29T16:00:00'),
    })
    expect(res.statusCode).toBe(200)
    const moved = body(
      await as('partner.cd', 'GET', `/api/opportunities/${weekly}?to=${sh('2027-09-01T00:00:00')}`),
    )
    expect(moved.shifts[1].startsAt).toBe(sh('2027-05-22T09:00:00'))
    expect(moved.shifts[2]).toMatchObject({
      startsAt: sh('2027-05-29T14:00:00'),
      endsAt: sh('2027-05-29T16:00:00'),
    })
    expect(moved.shifts.at(-1).startsAt).toBe(sh('2027-08-07T14:00:00'))
    expect(moved.rrule).toBe('DTSTART;TZID=Asia/Shanghai:20270529T140000\nRRULE:FREQ=WEEKLY;BYDAY=SA')

    // A week and a day later the job adds the next Saturday, at the new time, once.
    await advance(8 * DAY)
    const job = await t.app.jobs.enqueue('opportunities.materialise', {}, { dedupeKey: 'test:materialise:1' })
    expect(job).toBeDefined()
    await t.app.jobs.start()
    const deadline = Date.now() + 10_000
    let shifts: { startsAt: string }[] = []
    while (Date.now() < deadline) {
      shifts = body(
        await as(
          'partner.cd',
          'GET',
          `/api/opportunities/${weekly}?from=${sh('2027-05-01T00:00:00')}&to=${sh('2027-09-01T00:00:00')}`,
        ),
      ).shifts
      if (shifts.length === 14) break
      await new Promise((r) => setTimeout(r, 100))
    }
    await t.app.jobs.stop()
    expect(shifts).toHaveLength(14)
    expect(shifts.at(-1)!.startsAt).toBe(sh('2027-08-14T14:00:00'))
    expect(new Set(shifts.map((s) => s.startsAt)).size).toBe(14)
  })

  it('refuses a capacity below the confirmed places; cancelling the rest ends the series', async () => {
    const shifts = body(await as('partner.cd', 'GET', `/api/opportunities/${weekly}`)).shifts
    const target = shifts[3]
    await t.database.db
      .update(schema.shifts)
      .set({ confirmedCount: 5 })
      .where(eq(schema.shifts.id, target.id))
    const res = await as('partner.cd', 'PATCH', `/api/shifts/${shifts[2].id}`, {
      scope: 'following',
      capacity: 4,
    })
    expect(res.statusCode).toBe(422)
    expect(body(res).error.details[0]).toMatchObject({
      field: 'body.capacity',
      code: 'field.capacity_below_confirmed',
    })
    const unchanged = body(await as('partner.cd', 'GET', `/api/opportunities/${weekly}`)).shifts
    expect(unchanged[2].capacity).toBe(8)

    const oneOffShift = body(await as('worker.cd', 'GET', `/api/opportunities/${oneOff}`)).shifts[0]
    const notSeries = await as('worker.cd', 'PATCH', `/api/shifts/${oneOffShift.id}`, {
      scope: 'following',
      capacity: 2,
    })
    expect(body(notSeries).error.code).toBe('opportunity.not_recurring')

    const last = shifts.at(-3)
    const cancelled = body(
      await as('partner.cd', 'PATCH', `/api/shifts/${last.id}`, { scope: 'following', status: 'cancelled' }),
    )
    expect(cancelled.shifts.slice(-3).map((s: { status: string }) => s.status)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
    ])
    expect(cancelled.rrule).toMatch(/;UNTIL=\d{8}T\d{6}Z$/)
    const monthLater = new Date(t.clock.now().getTime() + 30 * DAY)
    expect(await t.database.db.transaction((tx) => materialiseSeries(tx, weekly, monthLater))).toBe(0)
  })

  it('answers the sign-up gates: age, guardian, training valid on the day, skills, insurance', async () => {
    const shifts = body(await as('partner.cd', 'GET', `/api/opportunities/${weekly}`)).shifts
    const shiftId = shifts[4].id as string
    const before = await volunteerEligibility(t.database.db, ids.volunteer!, shiftId)
    expect(before).toMatchObject({ ok: false, age: null, failures: [{ gate: 'profile' }] })

    await as('volunteer', 'PUT', '/api/volunteer/profile', {
      realName: '林小雨',
      phone: '13800001234',
      birthDate: '2011-01-01',
      guardian: { name: '林大山', relation: '父亲', phone: '13900001111' },
      privacyConsentVersion: '2026-01',
    })
    // A course the opportunity requires, completed but expiring before the shift's day.
    const course = body(
      await as('partner.cd', 'POST', `/api/organizations/${orgOf['partner.cd']}/courses`, {
        title: '急救基础',
        mode: 'onsite',
        minutes: 240,
        validityMonths: 12,
        published: true,
      }),
    )
    await as('partner.cd', 'PATCH', `/api/opportunities/${weekly}`, { requiredCourseIds: [course.id] })
    await as('partner.cd', 'POST', `/api/training/courses/${course.id}/attendance`, {
      userIds: [ids.volunteer],
    })
    await t.database.db
      .update(schema.enrolments)
      .set({ expiresAt: new Date(Date.parse(shifts[4].startsAt) - DAY) })
      .where(eq(schema.enrolments.courseId, course.id))

    const gates = await volunteerEligibility(t.database.db, ids.volunteer!, shiftId)
    expect(gates.age).toBe(16)
    expect(gates.failures.map((f) => f.gate)).toEqual(['age', 'training', 'skills', 'insurance'])
    expect(gates.failures.find((f) => f.gate === 'training')).toMatchObject({ courseIds: [course.id] })

    // The one-off opportunity (minimum age 16, companionship) — once the profile has the skill.
    const oneOffShift = body(await as('worker.cd', 'GET', `/api/opportunities/${oneOff}`)).shifts[0]
    await as('volunteer', 'PUT', '/api/volunteer/profile', {
      realName: '林小雨',
      phone: '13800001234',
      birthDate: '2011-01-01',
      skills: ['companionship', 'elder_care'],
      privacyConsentVersion: '2026-01',
      acknowledgeInsurance: true,
    })
    expect(await volunteerEligibility(t.database.db, ids.volunteer!, oneOffShift.id)).toMatchObject({
      ok: true,
      failures: [],
    })
    // Still under 18 for the weekly one, and the training lapses before that Saturday.
    const again = await volunteerEligibility(t.database.db, ids.volunteer!, shiftId)
    expect(again.failures.map((f) => f.gate)).toEqual(['age', 'training'])
  })
})
