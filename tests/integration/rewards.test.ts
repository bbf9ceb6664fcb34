import { schema } from '@liandong/db'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { makeVolunteer, orgIdOf, type TestVolunteer } from '../support/volunteer-fixtures.ts'

let t: TestApp
let agency: string
let rehab: string
let coordinator: string
let partner: string
let otherPartner: string
const body = (res: { body: string }) => JSON.parse(res.body)

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000', SESSION_IDLE_HOURS: '720', SESSION_DAYS: '90' } })
  agency = await orgIdOf(t.database.db, 'cd-agency')
  rehab = await orgIdOf(t.database.db, 'cd-rehab')
  coordinator = await signIn(t.app, 'worker.cd@demo.liandong.cn')
  partner = await signIn(t.app, 'partner.cd@demo.liandong.cn')
  otherPartner = await signIn(t.app, 'partner.gs@demo.liandong.cn')
})
afterAll(() => t.close())

const db = () => t.database.db
const req = (
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  cookie: string,
  payload?: unknown,
  headers = {},
) =>
  t.app.inject({
    method,
    url,
    headers: { cookie, ...headers },
    ...(payload ? { payload: payload as object } : {}),
  })

/** Self-reported hours approved through the API, so points, stars and badges follow the real path. */
async function approvedHours(v: TestVolunteer, minutes: number, count = 1) {
  for (let i = 0; i < count; i++) {
    const res = await req('POST', '/api/me/service-records', v.cookie, {
      orgId: agency,
      activityName: '社区助老',
      serviceDate: '2026-01-05',
      place: '锦江区书院街社区',
      recipientGroup: '老年人',
      content: '陪伴与家务协助',
      minutes,
      evidence: '社区盖章证明',
    })
    expect(res.statusCode).toBe(201)
    const ok = await req('POST', `/api/service-records/${body(res).id}/review`, coordinator, {
      decision: 'approve',
    })
    expect(ok.statusCode).toBe(200)
  }
}

describe('points, stars and badges', () => {
  it('earns 10 points per approved hour and a star at 100 h (default region), with milestone badges', async () => {
    const v = await makeVolunteer(db(), { districtCodes: ['510104'] }, t.clock.now())
    await approvedHours(v, 600)
    let totals = body(await req('GET', '/api/me/totals', v.cookie))
    expect(totals).toMatchObject({
      label: 'platform_record',
      approvedMinutes: 600,
      points: 100,
      starLevel: 0,
      nextThresholdHours: 100,
      region: 'default',
      thresholdsHours: [100, 300, 600, 1000, 1500],
    })
    expect(totals.badges.map((b: { badge: string }) => b.badge)).toEqual(['hours_10'])
    await approvedHours(v, 1440, 4)
    totals = body(await req('GET', '/api/me/totals', v.cookie))
    expect(totals.approvedMinutes).toBe(600 + 4 * 1440)
    expect(totals.starLevel).toBe(1)
    expect(totals.nextThresholdHours).toBe(300)
    expect(totals.points).toBe(1060)
    expect(totals.badges.map((b: { badge: string }) => b.badge).sort()).toEqual([
      'hours_10',
      'hours_100',
      'hours_50',
    ])
  })

  it('uses the region of the first district when it has its own settings', async () => {
    await db()
      .insert(schema.regionSettings)
      .values({ region: '62', starThresholdsHours: [5, 20, 50, 100, 200], pointsPerHour: 20 })
    const v = await makeVolunteer(db(), { districtCodes: ['620102', '510104'] }, t.clock.now())
    await approvedHours(v, 360)
    expect(body(await req('GET', '/api/me/totals', v.cookie))).toMatchObject({
      region: '62',
      starLevel: 1,
      points: 120,
    })
  })
})

describe('leaderboard', () => {
  it('lists only volunteers who opted in, by approved hours, named as each chose', async () => {
    const full = await makeVolunteer(
      db(),
      { realName: '陈一鸣', nameDisplay: 'full', leaderboardOptIn: true },
      t.clock.now(),
    )
    const surname = await makeVolunteer(
      db(),
      { realName: '林小雨', nameDisplay: 'surname', leaderboardOptIn: true },
      t.clock.now(),
    )
    const anon = await makeVolunteer(
      db(),
      { realName: '王五', nameDisplay: 'anonymous', leaderboardOptIn: true },
      t.clock.now(),
    )
    const hidden = await makeVolunteer(db(), { realName: '赵六', leaderboardOptIn: false }, t.clock.now())
    await approvedHours(full, 1400)
    await approvedHours(surname, 1300)
    await approvedHours(anon, 1200)
    await approvedHours(hidden, 1440)
    // Pending hours do not count.
    await req('POST', '/api/me/service-records', anon.cookie, {
      orgId: agency,
      activityName: '待审核',
      serviceDate: '2026-01-06',
      place: '社区',
      recipientGroup: '老年人',
      content: '待审核的服务',
      minutes: 1440,
      evidence: '证明材料',
    })
    const board = body(await req('GET', '/api/leaderboard?limit=100', surname.cookie)).items as Array<{
      name: string
      approvedMinutes: number
      isMe: boolean
    }>
    const names = board.map((r) => r.name)
    const i = names.indexOf('陈一鸣')
    expect(names.slice(i, i + 3)).toEqual(['陈一鸣', '林**', `志愿者${anon.volunteerNumber.slice(-4)}`])
    expect(board[i + 2]!.approvedMinutes).toBe(1200)
    expect(board[i + 1]!.isMe).toBe(true)
    expect(names.join()).not.toContain('赵')
    expect(names.join()).not.toContain('王五')
  })
})

describe('rewards catalogue', () => {
  it('lets partners stock items and volunteers redeem them with points, atomically and idempotently', async () => {
    const create = await req('POST', `/api/organizations/${rehab}/rewards`, partner, {
      title: '康复中心体检券',
      description: '基础体检一次',
      pointsCost: 100,
      stock: 2,
    })
    expect(create.statusCode).toBe(201)
    const item = body(create)
    expect(
      (
        await req('POST', `/api/organizations/${rehab}/rewards`, otherPartner, {
          title: '越权',
          pointsCost: 1,
          stock: 1,
        })
      ).statusCode,
    ).toBe(404)
    expect((await req('PATCH', `/api/rewards/${item.id}`, otherPartner, { stock: 100 })).statusCode).toBe(404)

    const rich = await makeVolunteer(db(), {}, t.clock.now())
    await approvedHours(rich, 1440, 2) // 480 points
    const poor = await makeVolunteer(db(), {}, t.clock.now())
    await approvedHours(poor, 300) // 50 points
    const catalogue = body(await req('GET', '/api/rewards', rich.cookie)).items
    expect(catalogue.map((i: { id: string }) => i.id)).toContain(item.id)

    const notEnough = await req('POST', `/api/rewards/${item.id}/redeem`, poor.cookie)
    expect(notEnough.statusCode).toBe(409)
    expect(body(notEnough).error.code).toBe('reward.not_enough_points')

    const key = '01890000-0000-7000-8000-00000000abcd'
    const first = await req('POST', `/api/rewards/${item.id}/redeem`, rich.cookie, undefined, {
      'idempotency-key': key,
    })
    expect(first.statusCode).toBe(201)
    const retry = await req('POST', `/api/rewards/${item.id}/redeem`, rich.cookie, undefined, {
      'idempotency-key': key,
    })
    expect(retry.statusCode).toBe(200)
    expect(body(retry).id).toBe(key)
    expect(body(await req('GET', '/api/me/totals', rich.cookie)).points).toBe(380)

    // Three simultaneous redemptions for the last item in stock: one wins, stock never goes below zero.
    const racers = await Promise.all([1, 2, 3].map(() => makeVolunteer(db(), {}, t.clock.now())))
    for (const r of racers) await approvedHours(r, 1440)
    const results = await Promise.all(
      racers.map((r) => req('POST', `/api/rewards/${item.id}/redeem`, r.cookie)),
    )
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409])
    const [stocked] = await db().select().from(schema.rewardItems).where(eq(schema.rewardItems.id, item.id))
    expect(stocked!.stock).toBe(0)
    const losers = racers.filter((_, i) => results[i]!.statusCode === 409)
    for (const l of losers) expect(body(await req('GET', '/api/me/totals', l.cookie)).points).toBe(240)
    expect(
      body(await req('GET', '/api/rewards', rich.cookie)).items.map((i: { id: string }) => i.id),
    ).not.toContain(item.id)

    // The partner sees the redemptions, hands one over and cancels the other (points and stock return).
    const list = body(await req('GET', `/api/organizations/${rehab}/redemptions`, partner)).items
    expect(list).toHaveLength(2)
    expect(
      (await req('POST', `/api/redemptions/${key}/settle`, partner, { outcome: 'fulfilled' })).statusCode,
    ).toBe(200)
    expect(
      (await req('POST', `/api/redemptions/${key}/settle`, partner, { outcome: 'cancelled' })).statusCode,
    ).toBe(409)
    const other = list.find((r: { redemption: { id: string } }) => r.redemption.id !== key).redemption
    expect(
      (await req('POST', `/api/redemptions/${other.id}/settle`, partner, { outcome: 'cancelled' }))
        .statusCode,
    ).toBe(200)
    const [restocked] = await db().select().from(schema.rewardItems).where(eq(schema.rewardItems.id, item.id))
    expect(restocked!.stock).toBe(1)
    const winner = racers.find((_, i) => results[i]!.statusCode === 201)!
    expect(body(await req('GET', '/api/me/totals', winner.cookie)).points).toBe(240)
  })
})
