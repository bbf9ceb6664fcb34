import { schema } from '@liandong/db'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import {
  completeCourse,
  HOUR,
  makeCourse,
  makeOpportunity,
  makeShift,
  makeVolunteer,
  orgIdOf,
  type TestVolunteer,
} from '../support/volunteer-fixtures.ts'

let t: TestApp
let agency: string
let gsAgency: string
let worker: string
let supervisor: string
let gsWorker: string
let partner: string
const body = (res: { body: string }) => JSON.parse(res.body)
const db = () => t.database.db
const get = (url: string, cookie: string, headers: Record<string, string> = {}) =>
  t.app.inject({ url, headers: { cookie, ...headers } })

let a: TestVolunteer
let b: TestVolunteer
let c: TestVolunteer
let d: TestVolunteer
let e: TestVolunteer
let oppX: { id: string }
let oppY: { id: string }
let courseId: string

async function record(
  v: TestVolunteer,
  orgId: string,
  opp: { id: string } | null,
  serviceDate: string,
  minutes: number,
  status = 'approved',
) {
  await db()
    .insert(schema.serviceRecords)
    .values({
      userId: v.userId,
      orgId,
      opportunityId: opp?.id ?? null,
      source: opp ? 'attendance' : 'self_report',
      activityName: opp ? '活动' : '自主组织的社区清洁',
      serviceDate,
      place: '成都市',
      recipientGroup: '社区居民',
      content: '服务',
      minutes,
      status,
      evidence: opp ? null : '照片',
    })
}

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  agency = await orgIdOf(db(), 'cd-agency')
  gsAgency = await orgIdOf(db(), 'gs-agency')
  worker = await signIn(t.app, 'worker.cd@demo.liandong.cn')
  supervisor = await signIn(t.app, 'supervisor.cd@demo.liandong.cn')
  gsWorker = await signIn(t.app, 'worker.gs@demo.liandong.cn')
  partner = await signIn(t.app, 'partner.cd@demo.liandong.cn')
  // Gansu counts its first star at 50 hours (regional thresholds are configuration).
  await db()
    .insert(schema.regionSettings)
    .values({ region: '62', starThresholdsHours: [50, 200, 400, 800, 1200], pointsPerHour: 10 })
    .onConflictDoNothing()

  oppX = await makeOpportunity(db(), { orgId: agency, title: '社区急救知识宣讲' })
  oppY = await makeOpportunity(db(), { orgId: agency, title: '助老送餐' })
  a = await makeVolunteer(db(), {
    realName: '甲报表',
    skills: ['first_aid', 'medical'],
    districtCodes: ['510104'],
  })
  b = await makeVolunteer(db(), { realName: '乙报表', skills: ['companionship'], districtCodes: ['620102'] })
  c = await makeVolunteer(db(), { realName: '丙报表', districtCodes: ['510105'] })
  d = await makeVolunteer(db(), { realName: '丁报表' })
  e = await makeVolunteer(db(), { realName: '=SUM(1,2)' })

  await record(a, agency, oppX, '2026-03-02', 6000)
  await record(a, agency, oppY, '2026-03-10', 120)
  await record(a, agency, null, '2026-03-15', 60)
  await record(a, agency, oppX, '2026-03-11', 600, 'pending')
  await record(a, agency, oppX, '2026-03-12', 300, 'rejected')
  await record(a, gsAgency, null, '2026-03-03', 300)
  await record(a, agency, oppX, '2026-04-02', 45)
  await record(b, agency, oppX, '2026-03-05', 3600)
  await record(e, agency, oppY, '2026-03-20', 30)
  await record(d, gsAgency, null, '2026-03-05', 90)
  // C only signed up at the agency.
  const shift = await makeShift(db(), { opportunityId: oppY.id, startsAt: new Date(Date.now() + 48 * HOUR) })
  await db().insert(schema.signups).values({ shiftId: shift.id, userId: c.userId, status: 'confirmed' })
  const course = await makeCourse(db(), agency, '急救培训')
  courseId = course.id
  await completeCourse(db(), b.userId, course.id, new Date(Date.now() + 200 * 24 * HOUR))
  await completeCourse(db(), c.userId, course.id, new Date(Date.now() - 24 * HOUR))
  // Ratings: the agency's of A show; the Gansu agency's do not.
  for (const [orgId, score] of [
    [agency, 5],
    [gsAgency, 1],
  ] as const) {
    const opp = await makeOpportunity(db(), { orgId })
    const s = await makeShift(db(), { opportunityId: opp.id, startsAt: new Date(Date.now() - 72 * HOUR) })
    await db().insert(schema.shiftEvaluations).values({
      shiftId: s.id,
      opportunityId: opp.id,
      orgId,
      volunteerId: a.userId,
      direction: 'of_volunteer',
      score,
      ratedBy: a.userId,
    })
  }
})
afterAll(() => t.close())

describe('volunteer directory', () => {
  const names = (res: { body: string }) => body(res).items.map((i: { realName: string }) => i.realName)
  const dir = (query = '', cookie = worker) =>
    get(`/api/organizations/${agency}/volunteer-directory${query}`, cookie)

  it('lists the volunteers related to the organization, with stars, hours and its own rating', async () => {
    const res = await dir()
    expect(res.statusCode).toBe(200)
    expect(body(res).total).toBe(4)
    expect(names(res)).toEqual(['甲报表', '乙报表', '=SUM(1,2)', '丙报表'])
    const first = body(res).items[0]
    expect(first).toMatchObject({
      volunteerNumber: a.volunteerNumber,
      skills: ['first_aid', 'medical'],
      starLevel: 1,
      orgHours: 103.8,
      approvedHours: 108.8,
      lastServiceDate: '2026-04-02',
      rating: { average: 5, count: 1 },
    })
    // 60 h in Gansu is one star there (50 h), none by the default thresholds (100 h).
    expect(body(res).items[1]).toMatchObject({
      starLevel: 1,
      orgHours: 60,
      rating: { average: null, count: 0 },
    })
    expect(names(res)).not.toContain('丁报表')
  })

  it('filters by skills, district, stars, valid training, activity and name', async () => {
    expect(names(await dir('?skills=first_aid'))).toEqual(['甲报表'])
    expect(names(await dir('?skills=first_aid&skills=companionship'))).toEqual([])
    expect(names(await dir('?districtCode=510100'))).toEqual(['甲报表', '=SUM(1,2)', '丙报表'])
    expect(names(await dir('?districtCode=620102'))).toEqual(['乙报表'])
    expect(names(await dir('?minStars=1'))).toEqual(['甲报表', '乙报表'])
    expect(names(await dir('?minStars=2'))).toEqual([])
    // C's completion has expired.
    expect(names(await dir(`?courseId=${courseId}`))).toEqual(['乙报表'])
    expect(names(await dir('?activeSince=2026-03-21'))).toEqual(['甲报表'])
    expect(names(await dir('?q=乙'))).toEqual(['乙报表'])
    expect(names(await dir(`?q=${b.volunteerNumber}`))).toEqual(['乙报表'])
    expect(names(await dir('?q=%25'))).toEqual([])
    const paged = await dir('?limit=2&offset=2')
    expect(body(paged)).toMatchObject({ total: 4, limit: 2, offset: 2 })
    expect(names(paged)).toEqual(['=SUM(1,2)', '丙报表'])
    expect(body(await dir('?offset=40'))).toMatchObject({ items: [], total: 4 })
    expect((await dir('?skills=juggling')).statusCode).toBe(422)
    expect((await dir('?minStars=0')).statusCode).toBe(422)
  })

  it('is for the organization’s staff only', async () => {
    expect((await dir('', gsWorker)).statusCode).toBe(404)
    expect((await dir('', partner)).statusCode).toBe(404)
    expect((await dir('', a.cookie)).statusCode).toBe(403)
    expect((await dir('', supervisor)).statusCode).toBe(200)
  })
})

describe('hours report', () => {
  const march = `from=2026-03-01&to=2026-03-31`
  const report = (query: string, cookie = worker, headers: Record<string, string> = {}) =>
    get(`/api/organizations/${agency}/reports/hours${query}`, cookie, headers)

  it('totals approved hours by person and by opportunity in the range', async () => {
    const res = await report(`?${march}`)
    expect(res.statusCode).toBe(200)
    const r = body(res)
    expect(r.total).toEqual({ minutes: 9810, hours: 163.5, records: 5, volunteers: 3 })
    expect(r.byPerson.map((p: { name: string; minutes: number }) => [p.name, p.minutes])).toEqual([
      ['甲报表', 6180],
      ['乙报表', 3600],
      ['=SUM(1,2)', 30],
    ])
    expect(r.byOpportunity).toEqual([
      {
        opportunityId: oppX.id,
        title: '社区急救知识宣讲',
        minutes: 9600,
        hours: 160,
        records: 2,
        volunteers: 2,
      },
      { opportunityId: oppY.id, title: '助老送餐', minutes: 150, hours: 2.5, records: 2, volunteers: 2 },
      { opportunityId: null, title: '自主组织的社区清洁', minutes: 60, hours: 1, records: 1, volunteers: 1 },
    ])
    expect(body(await report(`?${march}&userId=${a.userId}`)).total.minutes).toBe(6180)
    expect(body(await report(`?${march}&opportunityId=${oppX.id}`)).total).toMatchObject({ minutes: 9600 })
    expect(body(await report('?from=2026-05-01&to=2026-05-31')).total).toEqual({
      minutes: 0,
      hours: 0,
      records: 0,
      volunteers: 0,
    })
  })

  it('refuses bad ranges and other organizations', async () => {
    expect((await report('?from=2026-03-31&to=2026-03-01')).statusCode).toBe(422)
    expect((await report('?from=2020-01-01&to=2026-03-01')).statusCode).toBe(422)
    expect((await report('?to=2026-03-01')).statusCode).toBe(422)
    expect((await report(`?${march}`, gsWorker)).statusCode).toBe(404)
    expect((await report(`?${march}`, a.cookie)).statusCode).toBe(403)
    expect((await report(`?${march}`, supervisor)).statusCode).toBe(200)
  })

  it('exports an XLSX that reads back with the same numbers', async () => {
    const json = body(await report(`?${march}`))
    const res = await report(`/export?${march}&format=xlsx`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    expect(res.headers['content-disposition']).toContain('hours-2026-03-01-2026-03-31.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['按人员', '按活动', '服务记录明细'])
    const people = workbook.getWorksheet('按人员')!
    expect(people.getRow(1).values).toEqual([undefined, '姓名', '志愿者编号', '记录数', '分钟', '小时'])
    const rows: Array<[string, number, number]> = []
    people.eachRow((row, n) => {
      if (n > 1)
        rows.push([String(row.getCell(1).value), Number(row.getCell(4).value), Number(row.getCell(5).value)])
    })
    expect(rows).toEqual(
      json.byPerson.map((p: { name: string; minutes: number; hours: number }) => [
        p.name,
        p.minutes,
        p.hours,
      ]),
    )
    expect(rows.reduce((sum, [, minutes]) => sum + minutes, 0)).toBe(json.total.minutes)
    const records = workbook.getWorksheet('服务记录明细')!
    expect(records.rowCount - 1).toBe(json.total.records)
    let recordMinutes = 0
    records.eachRow((row, n) => {
      if (n > 1) recordMinutes += Number(row.getCell(7).value)
    })
    expect(recordMinutes).toBe(9810)
  })

  it('exports CSV in UTF-8 with a byte-order mark, formulas neutralised, headers in the caller’s language', async () => {
    const res = await report(`/export?${march}&format=csv`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    const bytes = res.rawPayload
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = bytes.subarray(3).toString('utf8').trim().split('\n')
    expect(lines[0]).toBe('姓名,志愿者编号,记录数,分钟,小时')
    expect(lines[1]).toBe(`甲报表,${a.volunteerNumber},3,6180,103`)
    // A name that Excel would run as a formula stays text.
    expect(lines[3]).toMatch(/^"?'=SUM\(1,2\)"?,/)
    const en = await report(`/export?${march}&format=csv&view=opportunity`, worker, {
      'accept-language': 'en',
    })
    const enLines = en.rawPayload.subarray(3).toString('utf8').trim().split('\n')
    expect(enLines[0]).toBe('Opportunity,Volunteers,Records,Minutes,Hours')
    expect(enLines[1]).toBe('社区急救知识宣讲,2,2,9600,160')
    expect((await report(`/export?${march}&format=pdf`)).statusCode).toBe(422)
  })
})
