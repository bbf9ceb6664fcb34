import { createNotifier, sendStaleReminders } from '@liandong/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'

// Stale resources (not verified for RESOURCE_STALE_DAYS), the daily reminder, "mark verified",
// clearing optional fields with null, and the HSDS fields of organizations.

const DAY = 86_400_000
let t: TestApp
const cookies: Record<string, string> = {}
const orgOf: Record<string, string> = {}
const body = (res: { body: string }) => JSON.parse(res.body)

const who = ['partner.cd', 'partner.gs', 'orgadmin.cd', 'community.cd', 'worker.cd', 'volunteer'] as const
async function signInAll() {
  for (const w of who) {
    cookies[w] = await signIn(t.app, `${w}@demo.liandong.cn`)
    const me = body(await t.app.inject({ url: '/api/me', headers: { cookie: cookies[w] } }))
    if (me.memberships[0]) orgOf[w] = me.memberships[0].orgId
  }
}

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  await t.app.searchReady()
  await signInAll()
})
afterAll(() => t.close())

const as = (w: (typeof who)[number], method: string, url: string, payload?: unknown) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie: cookies[w]! },
    ...(payload ? { payload } : {}),
  })
const drain = async () => {
  while ((await t.app.jobs.outbox.drainOnce()).claimed > 0) {}
}

const resource = {
  name: '社区助餐点',
  description: '为高龄、独居老人提供午餐。',
  resourceType: 'material',
  needCategories: ['living'],
  recipientCategories: ['dibao', 'tekun'],
  ageMin: 60,
  keywords: ['助餐', '午餐'],
  districtCodes: ['510104'],
  capacityTotal: 40,
  capacityUnit: '份',
  contactPhone: '028-8888 6666',
  costFen: 500,
  locations: [{ address: '成都市锦江区书院街 8 号', districtCode: '510104' }],
}

describe('stale resources', () => {
  let id: string

  it('defaults RESOURCE_STALE_DAYS to 180', () => {
    expect(t.config.RESOURCE_STALE_DAYS).toBe(180)
  })

  it('flags a published resource after 180 days, in the API, the list filter and search hits', async () => {
    const created = await as(
      'partner.cd',
      'POST',
      `/api/organizations/${orgOf['partner.cd']}/resources`,
      resource,
    )
    expect(created.statusCode).toBe(201)
    id = body(created).id
    await as('partner.cd', 'POST', `/api/resources/${id}/status`, { status: 'active' })
    await drain()
    const fresh = body(await as('volunteer', 'GET', '/api/search/resources?q=助餐'))
    expect(fresh.hits[0]).toMatchObject({ id, stale: false, capacityUnit: '份' })
    expect(Date.parse(fresh.hits[0].lastVerifiedAt)).toBeGreaterThan(0)

    t.clock.advance(179 * DAY)
    await signInAll()
    expect(body(await as('partner.cd', 'GET', `/api/resources/${id}`)).stale).toBe(false)
    t.clock.advance(2 * DAY)
    await signInAll()
    expect(body(await as('partner.cd', 'GET', `/api/resources/${id}`)).stale).toBe(true)
    const hit = body(await as('volunteer', 'GET', '/api/search/resources?q=助餐')).hits[0]
    expect(hit).toMatchObject({ id, stale: true })

    const staleOnly = body(
      await as('partner.cd', 'GET', `/api/organizations/${orgOf['partner.cd']}/resources?stale=true`),
    )
    expect(staleOnly.items.map((r: { id: string }) => r.id)).toEqual([id])
    const fine = body(
      await as('partner.cd', 'GET', `/api/organizations/${orgOf['partner.cd']}/resources?stale=false`),
    )
    expect(fine.items.map((r: { id: string }) => r.id)).not.toContain(id)
  })

  it('reminds the creator once per staleness period, in the app and by e-mail', async () => {
    const notify = createNotifier(t.app.infra, t.app.realtime)
    const mails = t.mailer.sent.length
    expect(await sendStaleReminders(t.database, t.clock, notify, 180)).toBe(1)
    expect(await sendStaleReminders(t.database, t.clock, notify, 180)).toBe(0)
    const list = body(await as('partner.cd', 'GET', '/api/notifications'))
    const reminder = list.items.find((n: { kind: string }) => n.kind === 'resource_stale')
    expect(reminder.message).toContain('社区助餐点')
    expect(reminder.message).toContain('180')
    expect(reminder.link).toBe(`/organizations/${orgOf['partner.cd']}/resources?stale=true`)
    expect(t.mailer.sent.slice(mails).some((m) => m.subject.includes('请核实资源'))).toBe(true)

    // Still stale a period later: reminded again, once.
    t.clock.advance(181 * DAY)
    await signInAll()
    expect(await sendStaleReminders(t.database, t.clock, notify, 180)).toBe(1)
    expect(await sendStaleReminders(t.database, t.clock, notify, 180)).toBe(0)
  })

  it('"mark verified" clears the flag everywhere and restarts the period', async () => {
    const verified = await as('partner.cd', 'POST', `/api/resources/${id}/verify`)
    expect(verified.statusCode).toBe(200)
    expect(body(verified)).toMatchObject({ stale: false })
    expect(Date.parse(body(verified).lastVerifiedAt)).toBeGreaterThan(t.clock.now().getTime() - 60_000)
    await drain()
    expect(body(await as('volunteer', 'GET', '/api/search/resources?q=助餐')).hits[0]).toMatchObject({
      id,
      stale: false,
    })
    const notify = createNotifier(t.app.infra, t.app.realtime)
    expect(await sendStaleReminders(t.database, t.clock, notify, 180)).toBe(0)
    // Another organization's member may not verify it.
    expect((await as('partner.gs', 'POST', `/api/resources/${id}/verify`)).statusCode).toBe(403)
  })
})

describe('PATCH clears optional fields with null', () => {
  it('clears texts, numbers, lists and locations, and refuses null for required fields', async () => {
    const created = body(
      await as('partner.cd', 'POST', `/api/organizations/${orgOf['partner.cd']}/resources`, {
        ...resource,
        name: '可清空字段的资源',
        alternateName: '别名',
        eligibilityNote: '需持低保证',
        contactName: '王老师',
      }),
    )
    const res = await as('partner.cd', 'PATCH', `/api/resources/${created.id}`, {
      alternateName: null,
      description: null,
      keywords: null,
      ageMin: null,
      recipientCategories: null,
      districtCodes: null,
      eligibilityNote: null,
      costFen: null,
      contactName: null,
      contactPhone: null,
      locations: null,
    })
    expect(res.statusCode).toBe(200)
    expect(body(res)).toMatchObject({
      alternateName: null,
      description: '',
      keywords: [],
      ageMin: null,
      recipientCategories: [],
      districtCodes: [],
      eligibilityNote: null,
      costFen: null,
      contactName: null,
      contactPhone: null,
      locations: [],
      // Untouched fields stay.
      capacityUnit: '份',
      capacityTotal: 40,
    })
    for (const required of ['name', 'resourceType', 'needCategories', 'capacityTotal']) {
      const refused = await as('partner.cd', 'PATCH', `/api/resources/${created.id}`, { [required]: null })
      expect(refused.statusCode, required).toBe(422)
      expect(body(refused).error.details[0].field).toBe(`body.${required}`)
    }
  })
})

describe('organization HSDS fields', () => {
  const details = {
    alternateName: '康宁康复',
    email: 'info@kangning.example.cn',
    website: 'https://kangning.example.cn',
    legalStatus: '民办非企业单位',
    yearIncorporated: 2012,
    licenceNumber: '川民社证字第 0012 号',
    licenceExpiresOn: '2028-12-31',
  }

  it('are set at registration and shown', async () => {
    const res = await as('volunteer', 'POST', '/api/organizations', {
      name: '锦江区阳光社工服务中心',
      kind: 'agency',
      ...details,
    })
    expect(res.statusCode).toBe(201)
    expect(body(res)).toMatchObject(details)
  })

  it("are changed by the organization's admin, cleared with null, and refused to others", async () => {
    const org = orgOf['orgadmin.cd']!
    const res = await as('orgadmin.cd', 'PATCH', `/api/organizations/${org}`, details)
    expect(res.statusCode).toBe(200)
    expect(body(res)).toMatchObject(details)
    const cleared = body(
      await as('orgadmin.cd', 'PATCH', `/api/organizations/${org}`, {
        website: null,
        yearIncorporated: null,
      }),
    )
    expect(cleared).toMatchObject({ website: null, yearIncorporated: null, email: details.email })
    expect(body(await as('orgadmin.cd', 'GET', `/api/organizations/${org}`))).toMatchObject({ website: null })

    expect(
      (await as('worker.cd', 'PATCH', `/api/organizations/${org}`, { email: 'x@example.cn' })).statusCode,
    ).toBe(403)
    // Another organization's admin may not know it exists.
    expect(
      (await as('community.cd', 'PATCH', `/api/organizations/${org}`, { email: 'x@example.cn' })).statusCode,
    ).toBe(404)
    const bad = await as('orgadmin.cd', 'PATCH', `/api/organizations/${org}`, {
      website: 'not a url',
      yearIncorporated: 1800,
      licenceExpiresOn: '2028-13-40',
    })
    expect(bad.statusCode).toBe(422)
    const fields = new Set(body(bad).error.details.map((d: { field: string }) => d.field))
    expect([...fields].sort()).toEqual(['body.licenceExpiresOn', 'body.website', 'body.yearIncorporated'])
    // Nothing was changed by the refused request.
    expect(body(await as('orgadmin.cd', 'GET', `/api/organizations/${org}`)).yearIncorporated).toBeNull()
  })
})
