import type { AddressInfo } from 'node:net'
import { schema } from '@liandong/db'
import { moveNeedForReferral } from '@liandong/server'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ReconnectingClient } from '../realtime/reconnecting-client.ts'
import { signIn, type TestApp, testApp } from '../support/app.ts'

let t: TestApp
const cookies: Record<string, string> = {}
const orgOf: Record<string, string> = {}
const body = (res: { body: string }) => JSON.parse(res.body)
const who = [
  'worker.cd',
  'supervisor.cd',
  'worker.gs',
  'partner.cd',
  'partner.jobs',
  'partner.gs',
  'volunteer',
] as const
type Who = (typeof who)[number]

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  await t.app.searchReady()
  for (const w of who) {
    cookies[w] = await signIn(t.app, `${w}@demo.liandong.cn`)
    const me = body(await t.app.inject({ url: '/api/me', headers: { cookie: cookies[w] } }))
    if (me.memberships[0]) orgOf[w] = me.memberships[0].orgId
  }
})
afterAll(() => t.close())

const as = (w: Who, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { cookie: cookies[w]! },
    ...(payload === undefined ? {} : { payload: payload as object }),
  })
const drain = async () => {
  while ((await t.app.jobs.outbox.drainOnce()).claimed > 0) {}
}
const searchNeeds = async (w: Who, query: string) => body(await as(w, 'GET', `/api/search/needs?${query}`))
const ids = (result: { hits: { id: string }[] }) => result.hits.map((h) => h.id)

async function recipient(w: Who, input: Record<string, unknown>) {
  const res = await as(w, 'POST', `/api/organizations/${orgOf[w]}/recipients`, input)
  expect(res.statusCode, res.body).toBe(201)
  return body(res) as { id: string }
}

const rehabNeed = {
  title: '王大爷腿伤康复',
  categories: ['rehabilitation'],
  privateDescription: '2019 年车祸致左腿骨折，独居，儿子在外地。',
  publicSummary: '退役老兵腿部旧伤，需要每周两次康复训练，行动不便希望就近。',
  urgency: 'high',
  quantity: 1,
}

describe('needs', () => {
  let veteran: { id: string }
  let needId: string

  beforeAll(async () => {
    veteran = await recipient('worker.cd', {
      name: '王德胜',
      birthYear: 1960,
      categories: ['demobilized'],
      districtCode: '510104',
      phone: '13912345678',
    })
  })

  it('posts a need with the recipient’s categories, age band and district', async () => {
    const res = await as('worker.cd', 'POST', `/api/organizations/${orgOf['worker.cd']}/needs`, {
      recipientId: veteran.id,
      ...rehabNeed,
    })
    expect(res.statusCode, res.body).toBe(201)
    const need = body(res)
    needId = need.id
    expect(need).toMatchObject({
      status: 'open',
      districtCode: '510104',
      recipientCategories: ['demobilized'],
      ageBand: 'senior',
      hasPrivateDescription: true,
      recipient: { nameMasked: '王**' },
    })
    expect(res.body).not.toContain('车祸')
    const detail = body(await as('supervisor.cd', 'GET', `/api/needs/${needId}`))
    expect(detail.privateDescription).toContain('车祸')
    const [audit] = await t.database.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.targetId, needId))
    expect(audit).toBeDefined()
    const [row] = await t.database.db.select().from(schema.needs).where(eq(schema.needs.id, needId))
    expect(JSON.stringify(row)).not.toContain('车祸')
  })

  it('refuses a public summary that identifies the person, and writes nothing', async () => {
    const before = (await t.database.db.select().from(schema.needs)).length
    for (const summary of ['王德胜需要康复训练', '联系电话 139 1234 5678，需要康复']) {
      const res = await as('worker.cd', 'POST', `/api/organizations/${orgOf['worker.cd']}/needs`, {
        recipientId: veteran.id,
        ...rehabNeed,
        publicSummary: summary,
      })
      expect(res.statusCode).toBe(422)
      expect(body(res).error.details[0]).toMatchObject({
        field: 'body.publicSummary',
        code: 'field.identifying',
      })
    }
    const foreign = await as('worker.gs', 'POST', `/api/organizations/${orgOf['worker.gs']}/needs`, {
      recipientId: veteran.id,
      ...rehabNeed,
    })
    expect(foreign.statusCode).toBe(422)
    expect(body(foreign).error.details[0].field).toBe('body.recipientId')
    expect((await t.database.db.select().from(schema.needs)).length).toBe(before)
  })

  it('shows partners the de-identified view only; volunteers not at all', async () => {
    const pub = await as('partner.cd', 'GET', `/api/needs/${needId}/public`)
    expect(pub.statusCode).toBe(200)
    const view = body(pub)
    expect(Object.keys(view).sort()).toEqual(
      [
        'ageBand',
        'categories',
        'createdAt',
        'districtCode',
        'dueDate',
        'id',
        'orgId',
        'orgName',
        'publicSummary',
        'quantity',
        'recipientCategories',
        'status',
        'urgency',
      ].sort(),
    )
    for (const secret of ['王', '车祸', veteran.id, '1960', '5678']) expect(pub.body).not.toContain(secret)
    expect((await as('partner.cd', 'GET', `/api/needs/${needId}`)).statusCode).toBe(403)
    expect((await as('worker.gs', 'GET', `/api/needs/${needId}`)).statusCode).toBe(404)
    expect((await as('volunteer', 'GET', `/api/needs/${needId}/public`)).statusCode).toBe(403)
    expect((await as('volunteer', 'GET', '/api/search/needs')).statusCode).toBe(403)
  })

  it('indexes de-identified needs and hides closed and withdrawn ones', async () => {
    await drain()
    const found = await searchNeeds('partner.cd', 'q=康复训练')
    expect(ids(found)).toContain(needId)
    const hit = found.hits.find((h: { id: string }) => h.id === needId)
    expect(hit).toMatchObject({ ageBand: 'senior', urgency: 'high', districtCode: '510104' })
    expect(JSON.stringify(hit)).not.toContain(veteran.id)
    expect(ids(await searchNeeds('partner.cd', 'q=kangfu'))).toContain(needId)
    expect(ids(await searchNeeds('partner.gs', 'district=510100&needCategory=rehabilitation'))).toContain(
      needId,
    )
    expect(ids(await searchNeeds('partner.gs', 'district=620100'))).not.toContain(needId)
    expect(
      (await searchNeeds('partner.cd', 'needCategory=rehabilitation')).facets.ageBand.senior,
    ).toBeGreaterThanOrEqual(1)
    // Nothing private reaches the engine.
    expect((await searchNeeds('partner.cd', 'q=车祸')).total).toBe(0)
    expect((await searchNeeds('worker.cd', 'q=王德胜')).total).toBe(0)

    const closed = await as('worker.cd', 'POST', `/api/needs/${needId}/status`, { status: 'closed' })
    expect(closed.statusCode).toBe(200)
    expect(body(closed).closedAt).not.toBeNull()
    await drain()
    expect(ids(await searchNeeds('partner.cd', 'q=康复训练'))).not.toContain(needId)
    expect(ids(await searchNeeds('worker.cd', 'q=康复训练'))).not.toContain(needId)
    expect((await as('partner.cd', 'GET', `/api/needs/${needId}/public`)).statusCode).toBe(404)

    const reopened = await as('worker.cd', 'POST', `/api/needs/${needId}/status`, { status: 'open' })
    expect(body(reopened)).toMatchObject({ status: 'open', closedAt: null })
    await drain()
    expect(ids(await searchNeeds('partner.cd', 'q=康复训练'))).toContain(needId)
  })

  it('edits a need, re-indexes it and keeps to the status rules', async () => {
    const edited = await as('worker.cd', 'PATCH', `/api/needs/${needId}`, {
      publicSummary: '退役老兵腿部旧伤，需要康复理疗和辅具评估。',
      urgency: 'urgent',
      privateDescription: null,
    })
    expect(edited.statusCode, edited.body).toBe(200)
    expect(body(edited)).toMatchObject({ urgency: 'urgent', hasPrivateDescription: false })
    await drain()
    expect(ids(await searchNeeds('partner.cd', 'q=辅具'))).toContain(needId)
    expect((await searchNeeds('partner.cd', 'sort=urgency')).hits[0].urgency).toBe('urgent')

    const toReferred = await as('worker.cd', 'POST', `/api/needs/${needId}/status`, { status: 'referred' })
    expect(toReferred.statusCode).toBe(422)
    // Referrals drive referred and met.
    await t.database.db.transaction((tx) =>
      moveNeedForReferral(tx, needId, 'referred', { now: t.clock.now() }),
    )
    const refused = await as('worker.cd', 'POST', `/api/needs/${needId}/status`, { status: 'withdrawn' })
    expect(refused.statusCode).toBe(409)
    expect(body(refused).error.code).toBe('need.wrong_status')
    await t.database.db.transaction((tx) => moveNeedForReferral(tx, needId, 'met', { now: t.clock.now() }))
    const met = body(await as('worker.cd', 'GET', `/api/needs/${needId}`))
    expect(met).toMatchObject({ status: 'met' })
    expect(met.closedAt).not.toBeNull()
    expect((await as('worker.cd', 'PATCH', `/api/needs/${needId}`, { urgency: 'low' })).statusCode).toBe(409)
    await expect(
      t.database.db.transaction((tx) => moveNeedForReferral(tx, needId, 'referred', { now: t.clock.now() })),
    ).rejects.toMatchObject({ code: 'need.wrong_status' })
    // A met need stays findable for its agency only.
    await drain()
    expect(ids(await searchNeeds('worker.cd', 'q=辅具'))).toContain(needId)
    expect(ids(await searchNeeds('partner.cd', 'q=辅具'))).not.toContain(needId)
    expect((await as('partner.cd', 'GET', `/api/needs/${needId}/public`)).statusCode).toBe(404)
  })

  it('rebuilds the needs index from the database', async () => {
    const admin = await signIn(t.app, 'admin@demo.liandong.cn')
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/search/reindex',
      headers: { cookie: admin },
      payload: { index: 'needs' },
    })
    expect(res.statusCode, res.body).toBe(200)
    const visible = (await t.database.db.select().from(schema.needs)).filter(
      (n) => !['closed', 'withdrawn'].includes(n.status),
    )
    expect(body(res).documents).toBe(visible.length)
    expect(ids(await searchNeeds('worker.cd', 'q=辅具'))).toContain(needId)
  })

  it('lists the agency’s needs by status and recipient', async () => {
    const list = body(
      await as(
        'supervisor.cd',
        'GET',
        `/api/organizations/${orgOf['worker.cd']}/needs?recipientId=${veteran.id}`,
      ),
    )
    expect(list.total).toBe(1)
    expect(list.items[0]).toMatchObject({ id: needId, status: 'met' })
    expect((await as('partner.cd', 'GET', `/api/organizations/${orgOf['worker.cd']}/needs`)).statusCode).toBe(
      403,
    )
    expect((await as('worker.gs', 'GET', `/api/organizations/${orgOf['worker.cd']}/needs`)).statusCode).toBe(
      404,
    )
  })
})

describe('pledges', () => {
  let needId: string
  let resourceId: string

  beforeAll(async () => {
    const r = await recipient('worker.cd', {
      name: '张桂兰',
      birthYear: 1950,
      categories: ['demobilized'],
      districtCode: '510104',
    })
    needId = body(
      await as('worker.cd', 'POST', `/api/organizations/${orgOf['worker.cd']}/needs`, {
        recipientId: r.id,
        title: '张阿姨康复',
        categories: ['rehabilitation'],
        publicSummary: '高龄退役军人家属需要上门康复指导。',
      }),
    ).id
    const res = await as('partner.cd', 'POST', `/api/organizations/${orgOf['partner.cd']}/resources`, {
      name: '上门康复指导',
      resourceType: 'human',
      needCategories: ['rehabilitation'],
      districtCodes: ['510104'],
      capacityTotal: 5,
    })
    resourceId = body(res).id
    await as('partner.cd', 'POST', `/api/resources/${resourceId}/status`, { status: 'active' })
  })

  it('lets a partner offer help once, and the social worker accept it', async () => {
    const notYours = await as('partner.jobs', 'POST', `/api/needs/${needId}/pledges`, { resourceId })
    expect(notYours.statusCode).toBe(422)
    const offered = await as('partner.cd', 'POST', `/api/needs/${needId}/pledges`, {
      resourceId,
      message: '本周可安排康复师上门评估',
    })
    expect(offered.statusCode, offered.body).toBe(201)
    const pledge = body(offered)
    expect(pledge).toMatchObject({ status: 'offered', resourceName: '上门康复指导', referralId: null })
    const again = await as('partner.cd', 'POST', `/api/needs/${needId}/pledges`, { resourceId })
    expect(again.statusCode).toBe(409)
    expect(body(again).error.code).toBe('pledge.already_offered')

    const notices = await t.database.db
      .select()
      .from(schema.notifications)
      .where(eq(schema.notifications.kind, 'pledge.offered'))
    expect(notices.length).toBe(1)
    expect(body(await as('worker.cd', 'GET', `/api/needs/${needId}`)).pledgesOffered).toBe(1)
    expect(body(await as('partner.jobs', 'GET', `/api/needs/${needId}/pledges`))).toEqual([])

    expect((await as('partner.cd', 'POST', `/api/pledges/${pledge.id}/accept`)).statusCode).toBe(403)
    const accepted = await as('worker.cd', 'POST', `/api/pledges/${pledge.id}/accept`)
    expect(accepted.statusCode, accepted.body).toBe(200)
    expect(body(accepted)).toMatchObject({
      pledge: { status: 'accepted' },
      referralDraft: { needId, resourceId, toOrgId: orgOf['partner.cd'] },
    })
    expect(body(await as('worker.cd', 'GET', `/api/needs/${needId}`)).status).toBe('matched')
    expect((await as('partner.cd', 'POST', `/api/pledges/${pledge.id}/withdraw`)).statusCode).toBe(409)
  })

  it('keeps one waiting offer per organization when two arrive at once', async () => {
    const r = await recipient('worker.cd', {
      name: '周大勇',
      birthYear: 1966,
      categories: ['demobilized'],
      districtCode: '510104',
    })
    const need = body(
      await as('worker.cd', 'POST', `/api/organizations/${orgOf['worker.cd']}/needs`, {
        recipientId: r.id,
        title: '周先生康复',
        categories: ['rehabilitation'],
        publicSummary: '退役军人肩周炎，需要康复理疗。',
      }),
    ).id
    const answers = await Promise.all(
      [1, 2, 3].map(() => as('partner.cd', 'POST', `/api/needs/${need}/pledges`, { resourceId })),
    )
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409])
    const rows = await t.database.db
      .select()
      .from(schema.needPledges)
      .where(eq(schema.needPledges.needId, need))
    expect(rows).toHaveLength(1)
  })

  it('lets a partner withdraw a waiting offer, and closing a need declines the rest', async () => {
    const res = await as('partner.gs', 'POST', `/api/organizations/${orgOf['partner.gs']}/resources`, {
      name: '远程康复咨询',
      resourceType: 'human',
      needCategories: ['rehabilitation'],
      capacityTotal: 3,
    })
    const other = body(res).id
    await as('partner.gs', 'POST', `/api/resources/${other}/status`, { status: 'active' })
    const first = body(await as('partner.gs', 'POST', `/api/needs/${needId}/pledges`, { resourceId: other }))
    expect(body(await as('partner.gs', 'POST', `/api/pledges/${first.id}/withdraw`)).status).toBe('withdrawn')
    const second = body(await as('partner.gs', 'POST', `/api/needs/${needId}/pledges`, { resourceId: other }))
    expect(second.status).toBe('offered')
    expect(
      (await as('worker.cd', 'POST', `/api/needs/${needId}/status`, { status: 'withdrawn' })).statusCode,
    ).toBe(200)
    const all = body(await as('worker.cd', 'GET', `/api/needs/${needId}/pledges`))
    expect(all.find((p: { id: string }) => p.id === second.id).status).toBe('declined')
    const late = await as('partner.jobs', 'POST', `/api/needs/${needId}/pledges`, { resourceId: other })
    expect([404, 422]).toContain(late.statusCode)
  })
})

describe('need events', () => {
  it("publishes need.changed on the agency's topic", async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = t.app.server.address() as AddressInfo
    const c = new ReconnectingClient({ url: `ws://127.0.0.1:${port}/ws`, cookie: cookies['supervisor.cd']! })
    try {
      await c.next((m) => m.type === 'hello')
      const topic = `org:${orgOf['worker.cd']}`
      c.subscribe(topic)
      await c.next((m) => m.type === 'subscribed' && m.topic === topic)
      const r = await recipient('worker.cd', {
        name: '李秀英',
        birthYear: 1975,
        categories: ['dibao'],
        districtCode: '510104',
      })
      const need = body(
        await as('worker.cd', 'POST', `/api/organizations/${orgOf['worker.cd']}/needs`, {
          recipientId: r.id,
          title: '李女士就业',
          categories: ['employment'],
          publicSummary: '四十多岁女性，希望找一份就近的保洁或家政工作。',
        }),
      )
      const event = await c.next(
        (m) => m.type === 'event' && m.event === 'need.changed' && (m.data as { id: string }).id === need.id,
      )
      expect(event).toMatchObject({ topic, data: { id: need.id, status: 'open' } })

      // A partner's offer reaches every worker who has the need open (here a supervisor, not the
      // worker who posted it) on need:<id>, with ids and a status only.
      const needTopic = `need:${need.id}`
      c.subscribe(needTopic)
      await c.next((m) => m.type === 'subscribed' && m.topic === needTopic)
      const resource = body(
        await as('partner.cd', 'POST', `/api/organizations/${orgOf['partner.cd']}/resources`, {
          name: '社区家政岗位推荐',
          resourceType: 'organizational',
          needCategories: ['employment'],
          districtCodes: ['510104'],
          capacityTotal: 3,
        }),
      )
      await as('partner.cd', 'POST', `/api/resources/${resource.id}/status`, { status: 'active' })
      const offered = await as('partner.cd', 'POST', `/api/needs/${need.id}/pledges`, {
        resourceId: resource.id,
      })
      expect(offered.statusCode, offered.body).toBe(201)
      const pledged = await c.next(
        (m) => m.type === 'event' && m.topic === needTopic && m.event === 'pledge.changed',
      )
      expect(pledged).toMatchObject({ data: { id: body(offered).id, needId: need.id, status: 'offered' } })
    } finally {
      c.stop()
    }
  })
})
