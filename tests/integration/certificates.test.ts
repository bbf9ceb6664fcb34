import { schema } from '@liandong/db'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { makeOpportunity, makeVolunteer, orgIdOf, type TestVolunteer } from '../support/volunteer-fixtures.ts'

let t: TestApp
let agency: string
let gsAgency: string
let worker: string
let supervisor: string
let orgAdmin: string
let partner: string
let gsWorker: string
const body = (res: { body: string }) => JSON.parse(res.body)
const db = () => t.database.db

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  agency = await orgIdOf(db(), 'cd-agency')
  gsAgency = await orgIdOf(db(), 'gs-agency')
  worker = await signIn(t.app, 'worker.cd@demo.liandong.cn')
  supervisor = await signIn(t.app, 'supervisor.cd@demo.liandong.cn')
  orgAdmin = await signIn(t.app, 'orgadmin.cd@demo.liandong.cn')
  partner = await signIn(t.app, 'partner.cd@demo.liandong.cn')
  gsWorker = await signIn(t.app, 'worker.gs@demo.liandong.cn')
})
afterAll(() => t.close())

const req = (method: 'GET' | 'POST', url: string, cookie?: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    ...(payload ? { payload: payload as object } : {}),
  })

/** A service record written straight into the table (the review flow has its own suite). */
async function record(
  v: TestVolunteer,
  orgId: string,
  serviceDate: string,
  minutes: number,
  status: 'approved' | 'pending' | 'rejected' = 'approved',
  activityName = '社区陪伴服务',
) {
  const opp = await makeOpportunity(db(), { orgId, title: activityName })
  await db().insert(schema.serviceRecords).values({
    userId: v.userId,
    orgId,
    opportunityId: opp.id,
    source: 'attendance',
    activityName,
    serviceDate,
    place: '成都市锦江区书院街 1 号',
    recipientGroup: '社区独居老人',
    content: '陪伴聊天',
    minutes,
    status,
  })
}

async function pdfText(bytes: Buffer) {
  const doc = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false })
    .promise
  let text = ''
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent()
    text += content.items.map((item) => ('str' in item ? item.str : '')).join('')
  }
  return { pages: doc.numPages, text: text.replace(/\s+/g, '') }
}

describe('certificates: request, issue, PDF, public verification, revocation', () => {
  let v: TestVolunteer
  let issued: { id: string; number: string; verifyUrl: string }

  beforeAll(async () => {
    v = await makeVolunteer(db(), { realName: '王小明' })
    await record(v, agency, '2026-01-05', 120)
    await record(v, agency, '2026-01-20', 30, 'approved', '助老送餐')
    // None of these count: pending, rejected, another organization, outside the period.
    await record(v, agency, '2026-01-10', 600, 'pending')
    await record(v, agency, '2026-01-11', 240, 'rejected')
    await record(v, gsAgency, '2026-01-08', 90)
    await record(v, agency, '2025-12-20', 60)
  })

  it('offers the organizations that approved the volunteer’s service', async () => {
    const res = await req('GET', '/api/me/certificate-options', v.cookie)
    expect(res.statusCode).toBe(200)
    const items = body(res).items as Array<{ orgId: string; minutes: number; records: number }>
    expect(items.find((o) => o.orgId === agency)).toMatchObject({ minutes: 210, records: 3 })
    expect(items.find((o) => o.orgId === gsAgency)).toMatchObject({ minutes: 90, records: 1 })
  })

  it('refuses requests without approved service there, reversed or future periods', async () => {
    const rehab = await orgIdOf(db(), 'cd-rehab')
    const ask = (payload: object) => req('POST', '/api/me/certificates', v.cookie, payload)
    const none = await ask({ orgId: rehab, periodFrom: '2026-01-01', periodTo: '2026-01-31' })
    expect(none.statusCode).toBe(422)
    expect(body(none).error.details[0]).toMatchObject({
      field: 'body.orgId',
      code: 'certificate.no_approved_service',
    })
    // Only pending hours in the period: still nothing to certify.
    const pendingOnly = await ask({ orgId: agency, periodFrom: '2026-01-10', periodTo: '2026-01-11' })
    expect(pendingOnly.statusCode).toBe(422)
    expect((await ask({ orgId: agency, periodFrom: '2026-02-01', periodTo: '2026-01-01' })).statusCode).toBe(
      422,
    )
    expect((await ask({ orgId: agency, periodFrom: '2026-01-01', periodTo: '2099-01-01' })).statusCode).toBe(
      422,
    )
    expect((await ask({ orgId: agency, periodFrom: 'January', periodTo: '2026-01-31' })).statusCode).toBe(422)
    const mine = body(await req('GET', '/api/me/certificates', v.cookie))
    expect(mine.total).toBe(0)
  })

  it('issues with a number, copying only approved minutes of that period and organization', async () => {
    const res = await req('POST', '/api/me/certificates', v.cookie, {
      orgId: agency,
      periodFrom: '2026-01-01',
      periodTo: '2026-01-31',
      note: '用于学校社会实践证明',
    })
    expect(res.statusCode).toBe(201)
    const requested = body(res)
    expect(requested).toMatchObject({ status: 'requested', number: null, verifyUrl: null, orgId: agency })
    expect(
      (
        await req('POST', '/api/me/certificates', v.cookie, {
          orgId: agency,
          periodFrom: '2026-01-01',
          periodTo: '2026-01-31',
        })
      ).statusCode,
    ).toBe(409)

    // The organization's queue, with what it would certify.
    const queue = body(await req('GET', `/api/organizations/${agency}/certificates?status=requested`, worker))
    expect(queue.items.map((c: { id: string }) => c.id)).toContain(requested.id)
    // The issuer sees who asks: the registered name and volunteer number, before anything is copied.
    expect(queue.items.find((c: { id: string }) => c.id === requested.id)).toMatchObject({
      volunteerName: v.realName,
      volunteerNumber: v.volunteerNumber,
    })
    const review = body(await req('GET', `/api/certificates/${requested.id}`, worker))
    expect(review.preview).toMatchObject({ minutes: 150, records: 2, hours: 2.5 })
    expect(review.preview.content).toContain('社区陪伴服务')

    // Who may not issue: the volunteer, partner staff (no grant), another agency (cannot know it).
    const issue = (cookie: string, payload: object = {}) =>
      req('POST', `/api/certificates/${requested.id}/issue`, cookie, payload)
    expect((await issue(v.cookie)).statusCode).toBe(403)
    expect((await issue(partner)).statusCode).toBe(403)
    expect((await issue(gsWorker)).statusCode).toBe(404)
    expect((await req('GET', `/api/organizations/${agency}/certificates`, gsWorker)).statusCode).toBe(404)

    const ok = await issue(supervisor, {
      personInCharge: '陈主任',
      handlerName: '刘经办',
      issuerContact: '028-86000000',
    })
    expect(ok.statusCode).toBe(200)
    const cert = body(ok)
    expect(cert).toMatchObject({
      status: 'issued',
      minutes: 150,
      hours: 2.5,
      recordCount: 2,
      volunteerName: '王小明',
      volunteerNumber: v.volunteerNumber,
      personInCharge: '陈主任',
      handlerName: '刘经办',
      issuerContact: '028-86000000',
    })
    expect(cert.issuerName).toBe(review.preview.defaults.issuerName)
    expect(cert.number).toMatch(/^LD-\d{4}-[0-9A-F]{6}-0001$/)
    expect(cert).not.toHaveProperty('verifyCode')
    expect(cert.verifyUrl).toMatch(new RegExp(`/verify/${cert.number}\\?c=[A-Za-z0-9_-]{12}$`))
    expect((await issue(supervisor)).statusCode).toBe(409)
    issued = cert

    // The volunteer hears of it, in the app and by e-mail.
    const notes = body(await req('GET', '/api/notifications', v.cookie))
    expect(notes.items[0]).toMatchObject({ kind: 'certificate.issued' })
    expect(notes.items[0].message).toContain(cert.number)
  })

  it('renders a PDF that a PDF parser reads, with the hours and the number in Chinese text', async () => {
    const res = await req('GET', `/api/me/certificates/${issued.id}/pdf`, v.cookie)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['content-disposition']).toContain(`${issued.number}.pdf`)
    const bytes = res.rawPayload
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    // The CJK font is embedded as a subset, not the whole 10 MB file.
    expect(bytes.length).toBeLessThan(600_000)
    const { pages, text } = await pdfText(bytes)
    expect(pages).toBe(1)
    expect(text).toContain('志愿服务记录证明')
    expect(text).toContain('王小明')
    expect(text).toContain('累计服务时长2.5小时（150分钟）')
    expect(text).toContain(issued.number)
    expect(text).toContain('陈主任')

    // The organization downloads it too; another volunteer cannot.
    expect((await req('GET', `/api/certificates/${issued.id}/pdf`, orgAdmin)).statusCode).toBe(200)
    const other = await makeVolunteer(db())
    expect((await req('GET', `/api/me/certificates/${issued.id}/pdf`, other.cookie)).statusCode).toBe(404)
  })

  it('verifies publicly with the code: only number, masked name, hours, period, issuer and status', async () => {
    const url = new URL(issued.verifyUrl)
    const number = url.pathname.split('/').pop()!
    const code = url.searchParams.get('c')!
    const res = await req('GET', `/api/public/certificates/${number}?c=${code}`)
    expect(res.statusCode).toBe(200)
    const found = body(res)
    expect(Object.keys(found).sort()).toEqual(
      ['hours', 'issuerName', 'number', 'periodFrom', 'periodTo', 'status', 'volunteerName'].sort(),
    )
    expect(found).toMatchObject({
      number: issued.number,
      volunteerName: '王*明',
      hours: 2.5,
      periodFrom: '2026-01-01',
      periodTo: '2026-01-31',
      status: 'valid',
    })
    // Change the last character (to one it is not: a code may well end in x).
    const wrongCode = code.slice(0, -1) + (code.endsWith('x') ? 'y' : 'x')
    const wrong = await req('GET', `/api/public/certificates/${number}?c=${wrongCode}`)
    expect(wrong.statusCode).toBe(404)
    expect(body(wrong).error.code).toBe('not_found')
    expect((await req('GET', `/api/public/certificates/LD-2026-000000-0001?c=${code}`)).statusCode).toBe(404)
    expect((await req('GET', `/api/public/certificates/${number}`)).statusCode).toBe(422)
  })

  it('rejects a request with a reason and revokes an issued one; verification shows it revoked', async () => {
    await record(v, agency, '2026-02-03', 45)
    const feb = body(
      await req('POST', '/api/me/certificates', v.cookie, {
        orgId: agency,
        periodFrom: '2026-02-01',
        periodTo: '2026-02-28',
      }),
    )
    expect((await req('POST', `/api/certificates/${feb.id}/reject`, worker, { reason: '' })).statusCode).toBe(
      422,
    )
    const rejected = await req('POST', `/api/certificates/${feb.id}/reject`, worker, {
      reason: '请合并到季度证明',
    })
    expect(body(rejected)).toMatchObject({
      status: 'rejected',
      rejectedReason: '请合并到季度证明',
      number: null,
    })
    expect((await req('POST', `/api/certificates/${feb.id}/issue`, worker, {})).statusCode).toBe(409)

    const revoked = await req('POST', `/api/certificates/${issued.id}/revoke`, orgAdmin, {
      reason: '时长登记有误',
    })
    expect(revoked.statusCode).toBe(200)
    expect(body(revoked)).toMatchObject({
      status: 'revoked',
      revokedReason: '时长登记有误',
      number: issued.number,
    })
    expect(
      (await req('POST', `/api/certificates/${issued.id}/revoke`, orgAdmin, { reason: '再次' })).statusCode,
    ).toBe(409)
    const url = new URL(issued.verifyUrl)
    const check = await req('GET', `/api/public/certificates/${issued.number}?c=${url.searchParams.get('c')}`)
    expect(check.statusCode).toBe(200)
    expect(body(check)).toMatchObject({ number: issued.number, status: 'revoked' })
    expect((await req('GET', `/api/me/certificates/${issued.id}/pdf`, v.cookie)).statusCode).toBe(409)
    const kinds = body(await req('GET', '/api/notifications', v.cookie)).items.map(
      (n: { kind: string }) => n.kind,
    )
    expect(kinds).toEqual(expect.arrayContaining(['certificate.rejected', 'certificate.revoked']))
  })

  it('numbers certificates one after another, also when issued at the same moment', async () => {
    const requests: string[] = []
    for (const name of ['赵一', '钱二', '孙三']) {
      const other = await makeVolunteer(db(), { realName: name })
      await record(other, agency, '2026-03-02', 60)
      const res = await req('POST', '/api/me/certificates', other.cookie, {
        orgId: agency,
        periodFrom: '2026-03-01',
        periodTo: '2026-03-31',
      })
      requests.push(body(res).id)
    }
    const results = await Promise.all(
      requests.map((id) =>
        req('POST', `/api/certificates/${id}/issue`, worker, { personInCharge: '陈主任' }),
      ),
    )
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200])
    const numbers = results.map((r) => body(r).number as string).sort()
    const prefix = issued.number.slice(0, -4)
    expect(numbers).toEqual([`${prefix}0002`, `${prefix}0003`, `${prefix}0004`])
  })
})
