import { schema } from '@liandong/db'
import { RESOURCE_KEYS } from '@liandong/search/fixture'
import { seedDemoResources } from '@liandong/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'

let t: TestApp
const cookies: Record<string, string> = {}
const orgOf: Record<string, string> = {}
const body = (res: { body: string }) => JSON.parse(res.body)
const who = ['worker.cd', 'worker.gs', 'partner.cd', 'partner.jobs', 'volunteer'] as const
type Who = (typeof who)[number]
const HOUR = 3_600_000

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  await t.app.searchReady()
  await seedDemoResources(t.database.db)
  for (const w of who) {
    cookies[w] = await signIn(t.app, `${w}@demo.liandong.cn`)
    const me = body(await t.app.inject({ url: '/api/me', headers: { cookie: cookies[w] } }))
    if (me.memberships[0]) orgOf[w] = me.memberships[0].orgId
  }
})
afterAll(() => t.close())

const as = (
  w: Who,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) =>
  t.app.inject({
    method,
    url,
    headers: { cookie: cookies[w]!, ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  })
const drain = async () => {
  while ((await t.app.jobs.outbox.drainOnce()).claimed > 0) {}
}
type MatchItem = {
  resource: { id: string; name: string; orgId: string; stale: boolean }
  score: number
  eligible: boolean
  failures: { rule: string; label: string }[]
  reasons: Record<string, Record<string, unknown>>
}
const key = (m: MatchItem) => RESOURCE_KEYS.get(m.resource.id) ?? m.resource.name

async function postNeed(w: Who, recipient: Record<string, unknown>, need: Record<string, unknown>) {
  const r = await as(w, 'POST', `/api/organizations/${orgOf[w]}/recipients`, {
    name: '测试对象',
    ...recipient,
  })
  expect(r.statusCode, r.body).toBe(201)
  const n = await as(w, 'POST', `/api/organizations/${orgOf[w]}/needs`, {
    recipientId: body(r).id,
    title: '测试需求',
    ...need,
  })
  expect(n.statusCode, n.body).toBe(201)
  return body(n).id as string
}

async function activeResource(w: Who, input: Record<string, unknown>) {
  const res = await as(w, 'POST', `/api/organizations/${orgOf[w]}/resources`, {
    resourceType: 'human',
    ...input,
  })
  expect(res.statusCode, res.body).toBe(201)
  const id = body(res).id as string
  await as(w, 'POST', `/api/resources/${id}/status`, { status: 'active' })
  return id
}

describe('matches for a need', () => {
  let rehabNeed: string

  beforeAll(async () => {
    await drain()
    rehabNeed = await postNeed(
      'worker.cd',
      {
        birthYear: t.clock.now().getUTCFullYear() - 56,
        categories: ['youfu_hospital', 'demobilized'],
        districtCode: '510104',
      },
      { categories: ['rehabilitation'], publicSummary: '伤残退役军人腿部旧伤，需要长期康复训练和理疗。' },
    )
  })

  it('ranks eligible resources first, each with its reasons', async () => {
    const res = await as('worker.cd', 'GET', `/api/needs/${rehabNeed}/matches?limit=50`)
    expect(res.statusCode, res.body).toBe(200)
    const result = body(res)
    expect(result.textMeasured).toBe(true)
    const items = result.items as MatchItem[]
    // Both take the recipient: R040 in the same district, R042 (伤残军人康复治疗) next door.
    expect(items.slice(0, 2).map(key).sort()).toEqual(['R040', 'R042'])
    const best = items.find((m) => key(m) === 'R040')!
    expect(best.eligible).toBe(true)
    expect(best.reasons).toMatchObject({
      category: { matched: ['rehabilitation'] },
      eligibility: { recipientCategories: 'matched', matched: ['youfu_hospital'], age: 'open' },
      area: { level: 'same_district' },
      capacity: { needed: 1 },
      responsiveness: { score: 0.5, referrals: 0, acceptanceRate: null },
    })
    expect(best.reasons.text!.score).toBeGreaterThan(0)
    expect(items.find((m) => key(m) === 'R042')!.reasons.area!.level).toBe('neighbouring')
    // Every eligible one comes before every flagged one.
    const firstFlagged = items.findIndex((m) => !m.eligible)
    expect(items.slice(firstFlagged).every((m) => !m.eligible)).toBe(true)
    // A draft never takes part.
    expect(items.map(key)).not.toContain('R130')
  })

  it('flags hard rules with their labels, in the caller’s language', async () => {
    const items = body(await as('worker.cd', 'GET', `/api/needs/${rehabNeed}/matches?limit=50`))
      .items as MatchItem[]
    const community = items.find((m) => key(m) === 'R045')!
    expect(community.eligible).toBe(false)
    expect(community.failures).toEqual([{ rule: 'not_eligible', label: '不符合条件' }])
    const lanzhou = items.find((m) => key(m) === 'R044')!
    expect(lanzhou.failures.map((f) => f.rule)).toEqual(['not_eligible', 'out_of_area'])
    const en = body(
      await as('worker.cd', 'GET', `/api/needs/${rehabNeed}/matches?limit=50`, undefined, {
        'accept-language': 'en',
      }),
    ).items as MatchItem[]
    expect(en.find((m) => key(m) === 'R045')!.failures[0]!.label).toBe('Not eligible')
    const clean = body(await as('worker.cd', 'GET', `/api/needs/${rehabNeed}/matches?flagged=false&limit=50`))
      .items as MatchItem[]
    expect(clean.length).toBe(2)
    expect(clean.every((m) => m.eligible)).toBe(true)
  })

  it('flags a resource without room for the quantity', async () => {
    const need = await postNeed(
      'worker.cd',
      { birthYear: 1980, categories: ['youfu_hospital'], districtCode: '510104' },
      {
        categories: ['rehabilitation'],
        publicSummary: '三名伤残退役军人需要同时接受康复训练。',
        quantity: 8,
      },
    )
    const items = body(await as('worker.cd', 'GET', `/api/needs/${need}/matches?limit=50`))
      .items as MatchItem[]
    const small = items.find((m) => key(m) === 'R042')! // 6 places left
    expect(small.failures.map((f) => f.rule)).toContain('no_capacity')
    expect(small.reasons.capacity).toMatchObject({ available: 6, needed: 8, score: 0 })
    expect(items.find((m) => key(m) === 'R040')!.eligible).toBe(true) // 12 places
  })

  it("lets an agency's informal resources take part for its own needs only", async () => {
    const informal = await activeResource('worker.cd', {
      name: '邻居退休护士上门按摩',
      source: 'neighbourhood',
      visibility: 'org',
      needCategories: ['rehabilitation'],
      districtCodes: ['510104'],
      capacityTotal: 2,
    })
    const own = body(await as('worker.cd', 'GET', `/api/needs/${rehabNeed}/matches?limit=50`))
      .items as MatchItem[]
    expect(own.find((m) => m.resource.id === informal)).toMatchObject({
      eligible: true,
      resource: { visibility: 'org', stale: false },
    })
    const gsNeed = await postNeed(
      'worker.gs',
      { birthYear: 1980, categories: ['dibao'], districtCode: '620102' },
      { categories: ['rehabilitation', 'living'], publicSummary: '低保家庭成员需要康复和生活物资。' },
    )
    const other = body(await as('worker.gs', 'GET', `/api/needs/${gsNeed}/matches?limit=100`))
      .items as MatchItem[]
    expect(other.map((m) => m.resource.id)).not.toContain(informal)
    // Another agency's informal resource (R131 of 兰州同心) is not the demo agency's either.
    expect(other.map(key)).not.toContain('R131')
  })

  it("orders equal resources by the partner's responsiveness", async () => {
    const spec = {
      name: '退役军人上门康复指导',
      needCategories: ['rehabilitation'],
      recipientCategories: ['youfu_hospital'],
      districtCodes: ['510104'],
      capacityTotal: 30,
    }
    const slow = await activeResource('partner.jobs', spec)
    const quick = await activeResource('partner.cd', spec)
    await drain()
    const need = await postNeed(
      'worker.cd',
      { birthYear: 1970, categories: ['youfu_hospital'], districtCode: '510104' },
      { categories: ['rehabilitation'], publicSummary: '优抚对象需要上门康复指导。' },
    )
    const order = async () => {
      const items = body(await as('worker.cd', 'GET', `/api/needs/${need}/matches?limit=50`))
        .items as MatchItem[]
      return items.filter((m) => [slow, quick].includes(m.resource.id))
    }
    const gap = (items: MatchItem[]) =>
      items.find((m) => m.resource.id === quick)!.score - items.find((m) => m.resource.id === slow)!.score
    const before = await order()
    expect(before.map((m) => m.reasons.responsiveness!.score)).toEqual([0.5, 0.5])

    // History: the rehabilitation hospital accepted four referrals within two hours; the job
    // centre declined four after three days.
    const now = t.clock.now().getTime()
    for (const [resourceId, toOrgId, kind, hours] of [
      [quick, orgOf['partner.cd']!, 'accept', 2],
      [slow, orgOf['partner.jobs']!, 'decline', 72],
    ] as const) {
      for (let i = 0; i < 4; i++) {
        const sentAt = new Date(now - (10 + i) * 24 * HOUR)
        const respondedAt = new Date(sentAt.getTime() + hours * HOUR)
        const [referral] = await t.database.db
          .insert(schema.referrals)
          .values({
            needId: need,
            resourceId,
            fromOrgId: orgOf['worker.cd']!,
            toOrgId,
            status: kind === 'accept' ? 'accepted' : 'declined',
            sentAt,
            respondedAt,
          })
          .returning()
        await t.database.db
          .insert(schema.referralEvents)
          .values({ referralId: referral!.id, kind, fromStatus: 'sent', at: respondedAt })
      }
    }
    const after = await order()
    expect(after.map((m) => m.resource.id)).toEqual([quick, slow])
    // 7 % weight × (0.869 − 0.200): the smoothed rate and speed of each, and nothing else moved.
    expect(gap(after) - gap(before)).toBeCloseTo(4.7, 0)
    expect(after[0]!.reasons.responsiveness).toMatchObject({
      acceptanceRate: 1,
      medianResponseHours: 2,
      referrals: 4,
    })
    expect(after[1]!.reasons.responsiveness).toMatchObject({
      acceptanceRate: 0,
      medianResponseHours: 72,
      referrals: 4,
    })
  })

  it('is for the agency only', async () => {
    expect((await as('partner.cd', 'GET', `/api/needs/${rehabNeed}/matches`)).statusCode).toBe(403)
    expect((await as('volunteer', 'GET', `/api/needs/${rehabNeed}/matches`)).statusCode).toBe(403)
    expect((await as('worker.gs', 'GET', `/api/needs/${rehabNeed}/matches`)).statusCode).toBe(404)
  })
})

describe('the reverse view', () => {
  it('shows a partner the open needs its resources can take, de-identified', async () => {
    await activeResource('partner.cd', {
      name: '成都市康复理疗门诊',
      needCategories: ['rehabilitation', 'medical'],
      districtCodes: ['510100'],
      capacityTotal: 40,
    })
    const need = await postNeed(
      'worker.cd',
      { name: '赵卫国', birthYear: 1968, categories: ['demobilized'], districtCode: '510104' },
      { categories: ['rehabilitation'], publicSummary: '退役军人颈椎劳损，需要康复理疗。', urgency: 'high' },
    )
    const url = `/api/organizations/${orgOf['partner.cd']}/fitting-needs?limit=100`
    const res = await as('partner.cd', 'GET', url)
    expect(res.statusCode, res.body).toBe(200)
    const page = body(res)
    const fit = page.items.find((f: { need: { id: string } }) => f.need.id === need)
    expect(fit).toMatchObject({ pledged: false, need: { urgency: 'high', ageBand: 'adult' } })
    expect(fit.resource.name).toBeTruthy()
    expect(JSON.stringify(fit)).not.toMatch(/赵|recipientId|title/)
    // Only needs one of the partner's resources can take: a job centre sees none of these.
    const jobs = body(
      await as('partner.jobs', 'GET', `/api/organizations/${orgOf['partner.jobs']}/fitting-needs?limit=100`),
    )
    expect(jobs.items.map((f: { need: { id: string } }) => f.need.id)).not.toContain(need)

    const pledged = await as('partner.cd', 'POST', `/api/needs/${need}/pledges`, {
      resourceId: fit.resource.id,
    })
    expect(pledged.statusCode, pledged.body).toBe(201)
    const again = body(await as('partner.cd', 'GET', url))
    expect(again.items.find((f: { need: { id: string } }) => f.need.id === need).pledged).toBe(true)

    await as('worker.cd', 'POST', `/api/needs/${need}/status`, { status: 'withdrawn' })
    const gone = body(await as('partner.cd', 'GET', url))
    expect(gone.items.map((f: { need: { id: string } }) => f.need.id)).not.toContain(need)

    expect(
      (await as('partner.cd', 'GET', `/api/organizations/${orgOf['partner.jobs']}/fitting-needs`)).statusCode,
    ).toBe(404)
    expect((await as('volunteer', 'GET', url)).statusCode).toBe(403)
  })
})
