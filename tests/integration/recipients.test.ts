import { schema } from '@liandong/db'
import { activeShareConsent } from '@liandong/server'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'

let t: TestApp
const cookies: Record<string, string> = {}
const orgOf: Record<string, string> = {}
const body = (res: { body: string }) => JSON.parse(res.body)
const who = ['worker.cd', 'supervisor.cd', 'orgadmin.cd', 'worker.gs', 'partner.cd', 'volunteer'] as const

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  for (const w of who) {
    cookies[w] = await signIn(t.app, `${w}@demo.liandong.cn`)
    const me = body(await t.app.inject({ url: '/api/me', headers: { cookie: cookies[w] } }))
    if (me.memberships[0]) orgOf[w] = me.memberships[0].orgId
  }
})
afterAll(() => t.close())

const as = (w: (typeof who)[number], method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { cookie: cookies[w]! },
    ...(payload === undefined ? {} : { payload: payload as object }),
  })

const veteran = {
  name: '王建军',
  gender: 'male',
  birthDate: '1958-03-07',
  categories: ['demobilized', 'low_income'],
  districtCode: '510104',
  phone: '138 1234 5678',
  idType: 'resident_id',
  idNumber: '510104195803070015',
  address: '成都市锦江区书院南街 3 号 2 单元 301',
}

describe('recipients', () => {
  let id: string

  it('registers a recipient with every identifying field sealed and masked', async () => {
    const res = await as('worker.cd', 'POST', `/api/organizations/${orgOf['worker.cd']}/recipients`, veteran)
    expect(res.statusCode, res.body).toBe(201)
    const r = body(res)
    id = r.id
    expect(r).toMatchObject({
      nameMasked: '王**',
      phoneLast4: '5678',
      idNumberMasked: '••••0015',
      birthYear: 1958,
      ageBand: 'senior',
      has: { birthDate: true, phone: true, idNumber: true, address: true },
      consents: [],
    })
    expect(r.code).toMatch(/^R\d{4}-0001$/)
    for (const secret of ['王建军', '13812345678', '510104195803070015', '书院南街', '1958-03-07'])
      expect(res.body).not.toContain(secret)
    // At rest: nothing readable in the row.
    const [row] = await t.database.db.select().from(schema.recipients).where(eq(schema.recipients.id, id))
    const stored = JSON.stringify(row)
    for (const secret of ['王建军', '13812345678', '510104195803070015', '书院南街', '1958-03-07'])
      expect(stored).not.toContain(secret)
  })

  it('refuses bad input with field details and writes nothing', async () => {
    const before = (await t.database.db.select().from(schema.recipients)).length
    const res = await as('worker.cd', 'POST', `/api/organizations/${orgOf['worker.cd']}/recipients`, {
      name: '李四',
      categories: ['dibao'],
      phone: '12345',
      idType: 'resident_id',
      idNumber: '510104195803070012',
      districtCode: '110101',
    })
    expect(res.statusCode).toBe(422)
    const fields = body(res)
      .error.details.map((d: { field: string }) => d.field)
      .sort()
    expect(fields).toEqual(['body.birthYear', 'body.districtCode', 'body.idNumber', 'body.phone'])
    const wrongType = await as('worker.cd', 'POST', `/api/organizations/${orgOf['worker.cd']}/recipients`, {
      name: 12,
      birthYear: 1990,
      categories: ['nobody'],
    })
    expect(wrongType.statusCode).toBe(422)
    expect((await t.database.db.select().from(schema.recipients)).length).toBe(before)
  })

  it('refuses the same ID number twice in one organization', async () => {
    const again = await as('supervisor.cd', 'POST', `/api/organizations/${orgOf['worker.cd']}/recipients`, {
      ...veteran,
      idNumber: '5101 0419 5803 0700 15',
    })
    expect(again.statusCode).toBe(409)
    expect(body(again).error.details[0]).toMatchObject({
      field: 'body.idNumber',
      code: 'field.recipient_taken',
    })
  })

  it('lists masked recipients to the agency only', async () => {
    const list = body(
      await as('supervisor.cd', 'GET', `/api/organizations/${orgOf['worker.cd']}/recipients?phoneLast4=5678`),
    )
    expect(list.total).toBe(1)
    expect(list.items[0]).toMatchObject({ id, nameMasked: '王**' })
    expect(JSON.stringify(list)).not.toContain('王建军')
    expect(
      (await as('worker.gs', 'GET', `/api/organizations/${orgOf['worker.cd']}/recipients`)).statusCode,
    ).toBe(404)
    expect((await as('worker.gs', 'GET', `/api/recipients/${id}`)).statusCode).toBe(404)
    for (const outsider of ['partner.cd', 'volunteer', 'orgadmin.cd'] as const)
      expect((await as(outsider, 'GET', `/api/recipients/${id}`)).statusCode, outsider).toBe(403)
  })

  it('reveals one field for a reason and audits the read without the value', async () => {
    const noReason = await as('worker.cd', 'POST', `/api/recipients/${id}/reveal`, { field: 'phone' })
    expect(noReason.statusCode).toBe(422)
    const res = await as('worker.cd', 'POST', `/api/recipients/${id}/reveal`, {
      field: 'phone',
      reason: '电话回访确认服务时间',
    })
    expect(res.statusCode).toBe(200)
    expect(body(res)).toEqual({ field: 'phone', value: '13812345678' })
    expect(
      body(
        await as('worker.cd', 'POST', `/api/recipients/${id}/reveal`, {
          field: 'name',
          reason: '核对身份信息',
        }),
      ).value,
    ).toBe('王建军')
    const rows = await t.database.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, 'recipient.reveal'), eq(schema.auditLog.targetId, id)))
    expect(rows).toHaveLength(2)
    expect(rows[0]!.details).toMatchObject({ reveal: 'phone', reason: '电话回访确认服务时间' })
    expect(JSON.stringify(rows)).not.toContain('13812345678')
    const foreign = await as('worker.gs', 'POST', `/api/recipients/${id}/reveal`, {
      field: 'phone',
      reason: '查看一下',
    })
    expect(foreign.statusCode).toBe(404)
  })

  it('records, lists and withdraws consents; activeShareConsent follows them', async () => {
    const rehab = orgOf['partner.cd']!
    expect(await activeShareConsent(t.database.db, id, rehab, t.clock.now())).toBeNull()
    const noTarget = await as('worker.cd', 'POST', `/api/recipients/${id}/consents`, {
      purpose: 'share_with_org',
    })
    expect(noTarget.statusCode).toBe(422)
    expect(body(noTarget).error.details[0].field).toBe('body.targetOrgId')
    const res = await as('worker.cd', 'POST', `/api/recipients/${id}/consents`, {
      purpose: 'share_with_org',
      targetOrgId: rehab,
      scope: '姓名、电话、需求摘要',
      method: 'paper',
    })
    expect(res.statusCode, res.body).toBe(201)
    const consent = body(res)
    expect(consent).toMatchObject({ active: true, targetOrgName: '锦江区康宁康复医院', givenBy: 'self' })
    expect((await activeShareConsent(t.database.db, id, rehab, t.clock.now()))?.id).toBe(consent.id)
    expect(await activeShareConsent(t.database.db, id, orgOf['worker.gs']!, t.clock.now())).toBeNull()

    const detail = body(await as('worker.cd', 'GET', `/api/recipients/${id}`))
    expect(detail.consents.map((c: { id: string }) => c.id)).toEqual([consent.id])

    const withdrawn = await as('worker.cd', 'POST', `/api/recipients/${id}/consents/${consent.id}/withdraw`, {
      reason: '本人要求撤回',
    })
    expect(withdrawn.statusCode).toBe(200)
    expect(body(withdrawn)).toMatchObject({ active: false, withdrawnReason: '本人要求撤回' })
    expect(await activeShareConsent(t.database.db, id, rehab, t.clock.now())).toBeNull()
    const twice = await as('worker.cd', 'POST', `/api/recipients/${id}/consents/${consent.id}/withdraw`, {})
    expect(twice.statusCode).toBe(409)
  })

  it('treats an expired consent as absent', async () => {
    const rehab = orgOf['partner.cd']!
    const now = t.clock.now()
    const res = await as('worker.cd', 'POST', `/api/recipients/${id}/consents`, {
      purpose: 'share_with_org',
      targetOrgId: rehab,
      expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
    })
    expect(res.statusCode).toBe(201)
    expect(await activeShareConsent(t.database.db, id, rehab, t.clock.now())).not.toBeNull()
    expect(
      await activeShareConsent(t.database.db, id, rehab, new Date(now.getTime() + 2 * 86_400_000)),
    ).toBeNull()
  })

  it('needs a guardian for a child under 14', async () => {
    const child = body(
      await as('worker.cd', 'POST', `/api/organizations/${orgOf['worker.cd']}/recipients`, {
        name: '刘小宝',
        birthDate: '2016-09-01',
        categories: ['martyr_family'],
        districtCode: '510106',
      }),
    )
    expect(child.ageBand).toBe('child')
    const self = await as('worker.cd', 'POST', `/api/recipients/${child.id}/consents`, { purpose: 'service' })
    expect(self.statusCode).toBe(422)
    expect(body(self).error.details.map((d: { field: string }) => d.field)).toContain('body.givenBy')
    const guardian = await as('worker.cd', 'POST', `/api/recipients/${child.id}/consents`, {
      purpose: 'service',
      givenBy: 'guardian',
      guardianName: '刘芳',
      guardianRelation: '母亲',
    })
    expect(guardian.statusCode).toBe(201)
    expect(body(guardian)).toMatchObject({
      givenBy: 'guardian',
      guardianNameMasked: '刘*',
      guardianRelation: '母亲',
    })
  })
})
