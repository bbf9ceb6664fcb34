import { schema } from '@liandong/db'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { orgIdOf, runDueJobs, userIdOf } from '../support/volunteer-fixtures.ts'

let t: TestApp
let agency: string
let workerId: string
const cookies: Record<string, string> = {}
const body = (res: { body: string }) => JSON.parse(res.body)
const DAY = 86_400_000
const as = (who: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) })
const shanghaiDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
const inDays = (n: number) => shanghaiDay(new Date(t.clock.now().getTime() + n * DAY))

async function notices(email: string, kind: string) {
  const userId = await userIdOf(t.database.db, email)
  return t.database.db
    .select()
    .from(schema.notifications)
    .where(and(eq(schema.notifications.userId, userId), eq(schema.notifications.kind, kind)))
}

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000', SESSION_IDLE_HOURS: '720', SESSION_DAYS: '90' } })
  agency = await orgIdOf(t.database.db, 'cd-agency')
  workerId = await userIdOf(t.database.db, 'worker.cd@demo.liandong.cn')
  for (const who of ['worker.cd', 'supervisor.cd', 'orgadmin.cd', 'supervisor.gs', 'partner.cd', 'volunteer'])
    cookies[who] = await signIn(t.app, `${who}@demo.liandong.cn`)
})
afterAll(() => t.close())

describe('supervision records (Chengdu §9.1.3)', () => {
  const record = () => ({
    workerId,
    kind: 'supportive',
    format: 'individual',
    heldOn: inDays(-1),
    minutes: 60,
    topics: '个案中的情绪耗竭',
    notes: '讨论了近期高强度个案带来的压力，练习了情绪觉察。',
    agreedActions: '每周安排半天案头整理时间；两周后复盘。',
    nextOn: inDays(13),
  })

  it('a supervisor records a session for a worker of the agency, who is told and acknowledges it', async () => {
    const res = await as('supervisor.cd', 'POST', `/api/organizations/${agency}/supervision`, record())
    expect(res.statusCode).toBe(201)
    const created = body(res)
    expect(created).toMatchObject({
      kind: 'supportive',
      workerName: '张晓燕',
      supervisorName: '李建国',
      acknowledgedAt: null,
    })
    expect(await notices('worker.cd@demo.liandong.cn', 'supervision_recorded')).toHaveLength(1)

    const mine = body(await as('worker.cd', 'GET', '/api/supervision/mine'))
    expect(mine.records.map((r: { id: string }) => r.id)).toEqual([created.id])
    expect(
      (await as('supervisor.cd', 'POST', `/api/supervision/records/${created.id}/acknowledge`)).statusCode,
    ).toBe(404)
    expect(
      (await as('worker.cd', 'POST', `/api/supervision/records/${created.id}/acknowledge`)).statusCode,
    ).toBe(200)
    expect(
      (await as('worker.cd', 'POST', `/api/supervision/records/${created.id}/acknowledge`)).statusCode,
    ).toBe(409)
    expect(
      body(await as('worker.cd', 'GET', '/api/supervision/mine')).records[0].acknowledgedAt,
    ).not.toBeNull()
  })

  it('refuses what a supervisor may not record', async () => {
    const supervisorId = await userIdOf(t.database.db, 'supervisor.cd@demo.liandong.cn')
    const partnerId = await userIdOf(t.database.db, 'partner.cd@demo.liandong.cn')
    const post = (who: string, payload: object, org = agency) =>
      as(who, 'POST', `/api/organizations/${org}/supervision`, payload)
    expect((await post('supervisor.cd', { ...record(), workerId: supervisorId })).statusCode).toBe(422)
    expect((await post('supervisor.cd', { ...record(), workerId: partnerId })).statusCode).toBe(422)
    expect((await post('supervisor.cd', { ...record(), heldOn: inDays(3) })).statusCode).toBe(422)
    expect((await post('supervisor.cd', { ...record(), kind: 'therapeutic' })).statusCode).toBe(422)
    // Workers and admins do not write supervision; another agency's supervisor cannot see this one.
    expect((await post('worker.cd', record())).statusCode).toBe(403)
    expect((await post('orgadmin.cd', record())).statusCode).toBe(403)
    expect((await as('supervisor.gs', 'GET', `/api/organizations/${agency}/supervision`)).statusCode).toBe(
      404,
    )
    const listed = body(
      await as('supervisor.cd', 'GET', `/api/organizations/${agency}/supervision?workerId=${workerId}`),
    )
    expect(listed.items).toHaveLength(1)
  })
})

describe('qualifications (Chengdu §5.1.1) and expiry reminders', () => {
  let certificateId: string

  it('admins and supervisors record qualifications with the fields each type needs', async () => {
    const post = (who: string, payload: object) =>
      as(who, 'POST', `/api/organizations/${agency}/qualifications`, payload)
    const certificate = {
      userId: workerId,
      type: 'national_certificate',
      level: 'assistant_social_worker',
      number: 'Z2023510100123',
      issuer: '人力资源和社会保障部 民政部',
      issuedOn: '2023-11-01',
      expiresOn: inDays(40),
    }
    expect((await post('worker.cd', certificate)).statusCode).toBe(403)
    expect((await post('orgadmin.cd', { ...certificate, level: 'bachelor' })).statusCode).toBe(422)
    expect((await post('orgadmin.cd', { ...certificate, level: undefined })).statusCode).toBe(422)
    expect((await post('orgadmin.cd', { ...certificate, expiresOn: '2023-01-01' })).statusCode).toBe(422)
    const created = await post('orgadmin.cd', certificate)
    expect(created.statusCode).toBe(201)
    certificateId = body(created).id
    expect(body(created)).toMatchObject({ state: 'expiring', verifiedAt: expect.any(String) })

    const degree = {
      userId: workerId,
      type: 'social_work_degree',
      level: 'bachelor',
      number: '1061412020000123',
      issuer: '西南财经大学',
    }
    expect((await post('supervisor.cd', { ...degree, expiresOn: inDays(100) })).statusCode).toBe(422)
    expect(body(await post('supervisor.cd', degree))).toMatchObject({ state: 'no_expiry' })

    const workers = body(await as('orgadmin.cd', 'GET', `/api/organizations/${agency}/workers`)).items
    const worker = workers.find((w: { userId: string }) => w.userId === workerId)
    expect(worker).toMatchObject({ qualified: true, supervisionCount: 1 })
    expect(worker.qualifications).toHaveLength(2)
    expect(body(await as('worker.cd', 'GET', '/api/supervision/mine')).qualifications).toHaveLength(2)
    expect((await as('supervisor.gs', 'GET', `/api/organizations/${agency}/workers`)).statusCode).toBe(404)
    expect((await as('partner.cd', 'GET', `/api/organizations/${agency}/workers`)).statusCode).toBe(403)
  })

  it('reminds the holder and the agency once before expiry, and again after a renewal', async () => {
    await t.app.jobs.scheduler.tick()
    expect(await runDueJobs(t, ['qualifications.expiry-reminders'])).toBe(1)
    expect(await notices('worker.cd@demo.liandong.cn', 'qualification_expiring')).toHaveLength(1)
    expect(await notices('supervisor.cd@demo.liandong.cn', 'qualification_expiring_staff')).toHaveLength(1)
    expect(await notices('orgadmin.cd@demo.liandong.cn', 'qualification_expiring_staff')).toHaveLength(1)
    expect(t.mailer.lastTo('worker.cd@demo.liandong.cn')?.text).toContain('Z2023510100123')

    // The next sweep (six hours later) sends nothing new.
    t.clock.advance(7 * 3_600_000)
    await t.app.jobs.scheduler.tick()
    await runDueJobs(t, ['qualifications.expiry-reminders'])
    expect(await notices('worker.cd@demo.liandong.cn', 'qualification_expiring')).toHaveLength(1)

    // Renewed for three years: no reminder until the new date comes near.
    const renewed = await as('supervisor.cd', 'PATCH', `/api/qualifications/${certificateId}`, {
      expiresOn: inDays(3 * 365),
    })
    expect(body(renewed)).toMatchObject({ state: 'valid' })
    t.clock.advance(DAY)
    await t.app.jobs.scheduler.tick()
    await runDueJobs(t, ['qualifications.expiry-reminders'])
    expect(await notices('worker.cd@demo.liandong.cn', 'qualification_expiring')).toHaveLength(1)

    t.clock.advance((3 * 365 - 50) * DAY)
    for (const who of Object.keys(cookies)) cookies[who] = await signIn(t.app, `${who}@demo.liandong.cn`)
    await t.app.jobs.scheduler.tick()
    await runDueJobs(t, ['qualifications.expiry-reminders'])
    expect(await notices('worker.cd@demo.liandong.cn', 'qualification_expiring')).toHaveLength(2)
  })
})
