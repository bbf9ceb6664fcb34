import { schema } from '@liandong/db'
import {
  DEMO_TEEN_EMAIL,
  hashPassword,
  seedDemoVolunteerActivity,
  seedDemoVolunteers,
} from '@liandong/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'

// The demo a newcomer sees: registrations, courses, completions and opportunities, found by search.
let t: TestApp
const body = (res: { body: string }) => JSON.parse(res.body)

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  expect(
    await seedDemoVolunteers(t.database.db, {
      dataKeys: t.config.dataKeys,
      hashPassword,
      now: t.clock.now(),
    }),
  ).toBe(true)
  // A second start leaves it alone.
  expect(await seedDemoVolunteers(t.database.db, { dataKeys: t.config.dataKeys, hashPassword })).toBe(false)
  expect(await seedDemoVolunteerActivity(t.database.db, t.clock.now())).toBe(9)
  expect(await seedDemoVolunteerActivity(t.database.db, t.clock.now())).toBe(0)
  while ((await t.app.jobs.outbox.drainOnce()).claimed > 0) {}
})
afterAll(() => t.close())

describe('volunteer demo data', () => {
  it('shows volunteers at different star levels, with points, badges and pending hours', async () => {
    const lin = await signIn(t.app, 'volunteer@demo.liandong.cn')
    const totals = body(await t.app.inject({ url: '/api/me/totals', headers: { cookie: lin } }))
    expect(totals).toMatchObject({
      label: 'platform_record',
      approvedHours: 322,
      starLevel: 2,
      points: 3220,
      pendingMinutes: 180,
    })
    expect(totals.badges.map((b: { badge: string }) => b.badge)).toEqual(
      expect.arrayContaining(['hours_10', 'hours_100']),
    )
    const he = await signIn(t.app, 'volunteer.gs@demo.liandong.cn')
    expect(body(await t.app.inject({ url: '/api/me/totals', headers: { cookie: he } })).starLevel).toBe(1)
  })

  it('registers the demo volunteers, the 16-year-old with a guardian', async () => {
    const lin = await signIn(t.app, 'volunteer@demo.liandong.cn')
    const profile = body(await t.app.inject({ url: '/api/volunteer/profile', headers: { cookie: lin } }))
    expect(profile).toMatchObject({ realName: '林小雨', idNumberMasked: '••••1230', canSignUp: true })
    expect(profile.trainingMinutes).toBe(90 + 180 + 240)

    const teen = await signIn(t.app, DEMO_TEEN_EMAIL)
    const minor = body(await t.app.inject({ url: '/api/volunteer/profile', headers: { cookie: teen } }))
    expect(minor.age).toBe(16)
    expect(minor.guardianConsent).toMatchObject({ relation: '母亲' })
    expect(minor.canSignUp).toBe(true)

    const enrolments = body(
      await t.app.inject({ url: '/api/training/enrolments', headers: { cookie: lin } }),
    ).items
    const firstAid = enrolments.find((e: { courseTitle: string }) => e.courseTitle === '急救基础')
    const daysLeft = (Date.parse(firstAid.expiresAt) - t.clock.now().getTime()) / 86_400_000
    expect(daysLeft).toBeGreaterThan(0)
    expect(daysLeft).toBeLessThan(30)
  })

  it('has past and upcoming shifts in Chengdu and Lanzhou, found through search', async () => {
    const shifts = await t.database.db.select().from(schema.shifts)
    const now = t.clock.now().getTime()
    expect(shifts.some((s) => s.endsAt.getTime() < now)).toBe(true)
    expect(shifts.some((s) => s.startsAt.getTime() > now)).toBe(true)
    expect(shifts.filter((s) => s.recurrenceId).length).toBeGreaterThan(10)

    const cookie = await signIn(t.app, 'volunteer.gs@demo.liandong.cn')
    const found = body(await t.app.inject({ url: '/api/search/opportunities', headers: { cookie } }))
    expect(found.total).toBe(4)
    expect(found.facets.districtCode).toMatchObject({ '510104': 2, '620102': 2 })
    const lanzhou = body(
      await t.app.inject({ url: '/api/search/opportunities?district=620100&q=fudao', headers: { cookie } }),
    )
    expect(lanzhou.hits.map((h: { title: string }) => h.title)).toEqual(['低保家庭儿童课业辅导'])
  })
})
