import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'

let t: TestApp
const cookies: Record<string, string> = {}
const orgOf: Record<string, string> = {}
const body = (res: { body: string }) => JSON.parse(res.body)

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  await t.app.searchReady()
  for (const who of ['partner.cd', 'partner.gs', 'worker.cd', 'worker.gs', 'volunteer']) {
    cookies[who] = await signIn(t.app, `${who}@demo.liandong.cn`)
    const me = body(await t.app.inject({ url: '/api/me', headers: { cookie: cookies[who] } }))
    if (me.memberships[0]) orgOf[who] = me.memberships[0].orgId
  }
})
afterAll(() => t.close())

const drain = async () => {
  while ((await t.app.jobs.outbox.drainOnce()).claimed > 0) {}
}
const search = (who: string, query: string) =>
  t.app.inject({ url: `/api/search/resources?${query}`, headers: { cookie: cookies[who]! } })

const rehab = {
  name: '退役军人康复训练中心',
  description: '为伤残退役军人提供肢体康复训练、理疗和辅具适配。',
  resourceType: 'human',
  needCategories: ['rehabilitation', 'medical'],
  recipientCategories: ['demobilized', 'youfu_hospital'],
  ageMin: 18,
  ageMax: 90,
  districtCodes: ['510104'],
  capacityTotal: 12,
  locations: [
    { address: '成都市锦江区东大街 99 号', districtCode: '510104', latitude: 30.657, longitude: 104.083 },
  ],
}

describe('resources and their search', () => {
  let id: string

  it('creates a draft that search does not show, then publishes it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/organizations/${orgOf['partner.cd']}/resources`,
      headers: { cookie: cookies['partner.cd']! },
      payload: rehab,
    })
    expect(res.statusCode).toBe(201)
    const created = body(res)
    id = created.id
    expect(created).toMatchObject({
      status: 'draft',
      capacityAvailable: 12,
      stale: false,
      orgName: '锦江区康宁康复医院',
    })
    expect(created.locations[0]).toMatchObject({ districtCode: '510104' })
    await drain()
    expect(body(await search('volunteer', 'q=康复')).total).toBe(0)
    expect(
      (await t.app.inject({ url: `/api/resources/${id}`, headers: { cookie: cookies.volunteer! } }))
        .statusCode,
    ).toBe(404)

    const publish = await t.app.inject({
      method: 'POST',
      url: `/api/resources/${id}/status`,
      headers: { cookie: cookies['partner.cd']! },
      payload: { status: 'active' },
    })
    expect(publish.statusCode).toBe(200)
    await drain()
    for (const q of ['q=康复', 'q=康复训练', 'q=kangfu', 'q=kf', 'q=退役军人']) {
      const result = body(await search('volunteer', q))
      expect(
        result.hits.map((h: { id: string }) => h.id),
        q,
      ).toContain(id)
    }
    const hit = body(await search('volunteer', 'q=康复')).hits[0]
    expect(hit.highlights.title.some((p: { match: boolean }) => p.match)).toBe(true)
  })

  it('filters and counts facets', async () => {
    const inChengdu = body(await search('volunteer', 'district=510100&needCategory=rehabilitation'))
    expect(inChengdu.hits.map((h: { id: string }) => h.id)).toContain(id)
    expect(inChengdu.facets.needCategories.rehabilitation).toBeGreaterThanOrEqual(1)
    expect(body(await search('volunteer', 'district=620100&needCategory=rehabilitation')).total).toBe(0)
    expect(body(await search('volunteer', 'age=10&q=康复')).total).toBe(0)
    expect(
      body(await search('volunteer', 'near=30.66,104.08,2000')).hits.map((h: { id: string }) => h.id),
    ).toContain(id)
  })

  it('keeps an agency informal resource inside the agency', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/organizations/${orgOf['worker.cd']}/resources`,
      headers: { cookie: cookies['worker.cd']! },
      payload: {
        name: '邻居王阿姨的陪诊互助',
        resourceType: 'human',
        source: 'neighbourhood',
        visibility: 'org',
        needCategories: ['care'],
        capacityTotal: 1,
      },
    })
    expect(res.statusCode).toBe(201)
    const informal = body(res).id
    await t.app.inject({
      method: 'POST',
      url: `/api/resources/${informal}/status`,
      headers: { cookie: cookies['worker.cd']! },
      payload: { status: 'active' },
    })
    await drain()
    expect(body(await search('worker.cd', 'q=陪诊')).hits.map((h: { id: string }) => h.id)).toContain(
      informal,
    )
    for (const outsider of ['worker.gs', 'partner.cd', 'volunteer']) {
      expect(body(await search(outsider, 'q=陪诊')).total, outsider).toBe(0)
      const direct = await t.app.inject({
        url: `/api/resources/${informal}`,
        headers: { cookie: cookies[outsider]! },
      })
      expect(direct.statusCode, outsider).toBe(404)
    }
  })

  it('lets only the owner change a resource, with coherent values', async () => {
    const other = await t.app.inject({
      method: 'PATCH',
      url: `/api/resources/${id}`,
      headers: { cookie: cookies['partner.gs']! },
      payload: { capacityTotal: 1 },
    })
    expect(other.statusCode).toBe(403)
    const incoherent = await t.app.inject({
      method: 'PATCH',
      url: `/api/resources/${id}`,
      headers: { cookie: cookies['partner.cd']! },
      payload: { ageMin: 70, ageMax: 60 },
    })
    expect(incoherent.statusCode).toBe(422)
    expect(body(incoherent).error.details[0].field).toBe('body.ageMax')
    const overfull = await t.app.inject({
      method: 'PATCH',
      url: `/api/resources/${id}`,
      headers: { cookie: cookies['partner.cd']! },
      payload: { capacityAvailable: 50 },
    })
    expect(overfull.statusCode).toBe(422)
    const paused = await t.app.inject({
      method: 'POST',
      url: `/api/resources/${id}/status`,
      headers: { cookie: cookies['partner.cd']! },
      payload: { status: 'paused' },
    })
    expect(paused.statusCode).toBe(200)
    await drain()
    expect(body(await search('volunteer', 'q=康复训练')).hits.map((h: { id: string }) => h.id)).not.toContain(
      id,
    )
  })

  it('flags resources not verified for RESOURCE_STALE_DAYS', async () => {
    await t.app.inject({
      method: 'POST',
      url: `/api/resources/${id}/status`,
      headers: { cookie: cookies['partner.cd']! },
      payload: { status: 'active' },
    })
    t.clock.advance(181 * 86_400_000)
    // Half a year outlives any session: sign in again.
    cookies['partner.cd'] = await signIn(t.app, 'partner.cd@demo.liandong.cn')
    const stale = body(
      await t.app.inject({ url: `/api/resources/${id}`, headers: { cookie: cookies['partner.cd']! } }),
    )
    expect(stale.stale).toBe(true)
    const verified = body(
      await t.app.inject({
        method: 'POST',
        url: `/api/resources/${id}/verify`,
        headers: { cookie: cookies['partner.cd']! },
      }),
    )
    expect(verified.stale).toBe(false)
  })

  it('rebuilds the index on request without losing results', async () => {
    const admin = await signIn(t.app, 'admin@demo.liandong.cn')
    const before = body(await search('volunteer', 'q=康复')).total
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/search/reindex',
      headers: { cookie: admin },
      payload: { index: 'resources' },
    })
    expect(res.statusCode).toBe(200)
    expect(body(res).documents).toBeGreaterThanOrEqual(2)
    expect(body(await search('volunteer', 'q=康复')).total).toBe(before)
  })

  it('reports the search engine in /api/ready', async () => {
    const ready = body(await t.app.inject({ url: '/api/ready' }))
    expect(ready.checks.search).toMatchObject({ ok: true, detail: 'embedded' })
  })
})
