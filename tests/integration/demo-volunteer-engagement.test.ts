import {
  hashPassword,
  seedDemoVolunteerActivity,
  seedDemoVolunteerEngagement,
  seedDemoVolunteers,
} from '@liandong/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { orgIdOf } from '../support/volunteer-fixtures.ts'

// The second half of the volunteer demo: reminders, a waitlist, ratings, rewards and certificates.
let t: TestApp
let lin: string
let worker: string
const body = (res: { body: string }) => JSON.parse(res.body)
const get = async (url: string, cookie: string) => body(await t.app.inject({ url, headers: { cookie } }))

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  const now = t.clock.now()
  await seedDemoVolunteers(t.database.db, { dataKeys: t.config.dataKeys, hashPassword, now })
  await seedDemoVolunteerActivity(t.database.db, now)
  expect(await seedDemoVolunteerEngagement(t.database.db, now)).toBe(true)
  expect(await seedDemoVolunteerEngagement(t.database.db, now)).toBe(false)
  lin = await signIn(t.app, 'volunteer@demo.liandong.cn')
  worker = await signIn(t.app, 'worker.cd@demo.liandong.cn')
})
afterAll(() => t.close())

describe('volunteer engagement demo', () => {
  it('shows an upcoming shift with its reminder sent and a waitlisted one', async () => {
    const signups = await get('/api/me/signups?limit=50', lin)
    const statuses = signups.items.map((s: { status: string }) => s.status)
    expect(statuses).toEqual(expect.arrayContaining(['confirmed', 'waitlisted', 'attended']))
    const notes = await get('/api/notifications', lin)
    const reminder = notes.items.find((n: { kind: string }) => n.kind === 'shift_reminder_day')
    expect(reminder.message).toContain('书院街社区退役军人家庭探访')
  })

  it('has certificates: one issued and verifiable, one revoked, one request in the agency queue', async () => {
    const mine = await get('/api/me/certificates', lin)
    const byStatus = Object.fromEntries(mine.items.map((c: { status: string }) => [c.status, c]))
    expect(Object.keys(byStatus).sort()).toEqual(['issued', 'revoked'])
    expect(byStatus.issued.minutes).toBeGreaterThan(0)
    const url = new URL(byStatus.revoked.verifyUrl)
    const check = body(
      await t.app.inject({ url: `/api/public/certificates/${url.pathname.split('/').pop()}${url.search}` }),
    )
    expect(check.status).toBe('revoked')
    const pdf = await t.app.inject({
      url: `/api/me/certificates/${byStatus.issued.id}/pdf`,
      headers: { cookie: lin },
    })
    expect(pdf.statusCode).toBe(200)
    const agency = await orgIdOf(t.database.db, 'cd-agency')
    const queue = await get(`/api/organizations/${agency}/certificates?status=requested`, worker)
    expect(queue.total).toBe(1)
  })

  it('has ratings both ways, a rewards catalogue with a redemption, and pending hours', async () => {
    const attended = await get('/api/me/attended-shifts', lin)
    expect(attended.items[0]).toMatchObject({ score: 5, canRate: true })
    const rating = await get(`/api/opportunities/${attended.items[0].opportunityId}/rating`, lin)
    expect(rating).toEqual({ average: 4.5, count: 2 })
    const rewards = await get('/api/rewards', lin)
    // The sold-out item is not offered; the other three are.
    expect(rewards.items.map((r: { title: string }) => r.title)).toEqual(
      expect.arrayContaining(['康复中心定制保温杯', '社区电影夜入场券（两张）', '爱心超市 50 元购物券']),
    )
    const redeemed = await get('/api/me/redemptions', lin)
    expect(redeemed.items[0].redemption).toMatchObject({ status: 'fulfilled' })
    const totals = await get('/api/me/totals', lin)
    expect(totals.starLevel).toBe(2)
    expect(totals.pendingMinutes).toBeGreaterThan(0)
    const agency = await orgIdOf(t.database.db, 'cd-agency')
    const queue = await get(`/api/organizations/${agency}/service-records?status=pending`, worker)
    expect(queue.total).toBeGreaterThanOrEqual(2)
    const directory = await get(`/api/organizations/${agency}/volunteer-directory`, worker)
    expect(directory.items.find((v: { realName: string }) => v.realName === '林小雨').rating).toEqual({
      average: 5,
      count: 1,
    })
  })
})
