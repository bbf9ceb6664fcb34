import { schema } from '@liandong/db'
import { createNotifier, REALTIME_CHANNEL, sendTrainingReminders } from '@liandong/server'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'

let t: TestApp
const cookies: Record<string, string> = {}
const ids: Record<string, string> = {}
let orgId: string
const body = (res: { body: string }) => JSON.parse(res.body)
const DAY = 86_400_000

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  for (const who of ['volunteer', 'volunteer.gs', 'worker.cd', 'partner.gs']) {
    cookies[who] = await signIn(t.app, `${who}@demo.liandong.cn`)
    const me = body(await t.app.inject({ url: '/api/me', headers: { cookie: cookies[who] } }))
    ids[who] = me.id
    if (who === 'worker.cd') orgId = me.memberships[0].orgId
  }
  const res = await t.app.inject({
    method: 'PUT',
    url: '/api/volunteer/profile',
    headers: { cookie: cookies.volunteer! },
    payload: {
      realName: '林小雨',
      phone: '13800001234',
      birthDate: '1996-03-07',
      privacyConsentVersion: '2026-01',
    },
  })
  expect(res.statusCode).toBe(201)
})
afterAll(() => t.close())

const as = (who: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) })

const general = {
  title: '志愿者通用培训',
  description: '志愿服务条例、服务礼仪与安全须知。',
  mode: 'online',
  minutes: 90,
  validityMonths: 12,
  modules: [
    { title: '志愿服务条例', minutes: 30 },
    { title: '服务礼仪', minutes: 30 },
    { title: '安全须知', minutes: 30 },
  ],
  quiz: [
    { question: '志愿服务记录由谁出具？', options: ['志愿者本人', '组织活动的志愿服务组织'], answer: 1 },
    { question: '服务时长是否包括路程时间？', options: ['包括', '不包括'], answer: 1 },
    { question: '未满多少周岁不能注册为志愿者？', options: ['14', '18', '16'], answer: 0 },
  ],
  passMark: 67,
}

describe('training', () => {
  let courseId: string
  let onsiteId: string

  it('lets coordinators create courses; volunteers never see the answers', async () => {
    const res = await as('worker.cd', 'POST', `/api/organizations/${orgId}/courses`, general)
    expect(res.statusCode).toBe(201)
    const course = body(res)
    courseId = course.id
    expect(course.quiz[0].answer).toBe(1)
    expect(course.modules.map((m: { position: number }) => m.position)).toEqual([0, 1, 2])

    // Drafts are unknown outside the organization.
    expect((await as('volunteer', 'GET', `/api/training/courses/${courseId}`)).statusCode).toBe(404)
    await as('worker.cd', 'PATCH', `/api/training/courses/${courseId}`, { published: true })
    const seen = await as('volunteer', 'GET', `/api/training/courses/${courseId}`)
    expect(seen.statusCode).toBe(200)
    expect(body(seen).quiz.every((q: object) => !('answer' in q))).toBe(true)
    expect(seen.body).not.toContain('"answer"')

    // Another organization's staff may read a published course but not change it.
    expect(
      (await as('partner.gs', 'PATCH', `/api/training/courses/${courseId}`, { minutes: 1 })).statusCode,
    ).toBe(404)
  })

  it('refuses a quiz without a pass mark and an answer outside the options', async () => {
    const res = await as('worker.cd', 'POST', `/api/organizations/${orgId}/courses`, {
      ...general,
      passMark: undefined,
      quiz: [{ question: 'q', options: ['a', 'b'], answer: 2 }],
    })
    expect(res.statusCode).toBe(422)
    expect(
      body(res)
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['body.passMark', 'body.quiz.0.answer'])
  })

  it('grades quiz answers: fail, then pass with expiry after the validity', async () => {
    expect(
      (await as('volunteer', 'POST', `/api/training/courses/${courseId}/complete`, { answers: [1, 1, 0] }))
        .statusCode,
    ).toBe(409)
    expect((await as('volunteer', 'POST', `/api/training/courses/${courseId}/enrol`)).statusCode).toBe(200)
    const wrongCount = await as('volunteer', 'POST', `/api/training/courses/${courseId}/complete`, {
      answers: [1],
    })
    expect(wrongCount.statusCode).toBe(422)

    const fail = body(
      await as('volunteer', 'POST', `/api/training/courses/${courseId}/complete`, { answers: [1, 0, 1] }),
    )
    expect(fail).toMatchObject({ passed: false, score: 33, passMark: 67 })
    expect(fail.enrolment).toMatchObject({ status: 'failed', valid: false })

    const twoOfThree = body(
      await as('volunteer', 'POST', `/api/training/courses/${courseId}/complete`, { answers: [1, 1, 2] }),
    )
    expect(twoOfThree).toMatchObject({ passed: false, score: 66 })
  })

  it('counts a pass at or above the mark, sets the expiry, and adds training minutes to the profile', async () => {
    const pass = body(
      await as('volunteer', 'POST', `/api/training/courses/${courseId}/complete`, { answers: [1, 1, 0] }),
    )
    expect(pass).toMatchObject({ passed: true, score: 100 })
    expect(pass.enrolment.status).toBe('completed')
    const months = (Date.parse(pass.enrolment.expiresAt) - Date.parse(pass.enrolment.completedAt)) / DAY
    expect(months).toBeGreaterThanOrEqual(365)
    expect(months).toBeLessThanOrEqual(366)
    const profile = body(await as('volunteer', 'GET', '/api/volunteer/profile'))
    expect(profile.trainingMinutes).toBe(90)

    // A failed retake leaves the valid completion in place.
    const retake = body(
      await as('volunteer', 'POST', `/api/training/courses/${courseId}/complete`, { answers: [0, 0, 1] }),
    )
    expect(retake.passed).toBe(false)
    expect(retake.enrolment).toMatchObject({ status: 'completed', valid: true })
    const mine = body(await as('volunteer', 'GET', '/api/training/enrolments')).items
    expect(mine[0]).toMatchObject({ courseTitle: '志愿者通用培训', valid: true, courseMinutes: 90 })
  })

  it('completes on-site courses only through a coordinator, all or nothing', async () => {
    const res = await as('worker.cd', 'POST', `/api/organizations/${orgId}/courses`, {
      title: '助老服务技能',
      mode: 'onsite',
      minutes: 180,
      published: true,
    })
    onsiteId = body(res).id
    await as('volunteer', 'POST', `/api/training/courses/${onsiteId}/enrol`)
    const self = await as('volunteer', 'POST', `/api/training/courses/${onsiteId}/complete`, {})
    expect(self.statusCode).toBe(409)
    expect(body(self).error.code).toBe('training.marked_by_coordinator')

    // volunteer.gs has no registration: nothing is written for anyone.
    const mixed = await as('worker.cd', 'POST', `/api/training/courses/${onsiteId}/attendance`, {
      userIds: [ids.volunteer, ids['volunteer.gs']],
    })
    expect(mixed.statusCode).toBe(422)
    const [still] = await t.database.db
      .select()
      .from(schema.enrolments)
      .where(eq(schema.enrolments.courseId, onsiteId))
    expect(still!.status).toBe('enrolled')

    const ok = await as('worker.cd', 'POST', `/api/training/courses/${onsiteId}/attendance`, {
      userIds: [ids.volunteer],
    })
    expect(ok.statusCode).toBe(200)
    expect(body(ok).items[0]).toMatchObject({
      status: 'completed',
      expiresAt: null,
      markedBy: ids['worker.cd'],
    })
    expect(body(await as('volunteer', 'GET', '/api/volunteer/profile')).trainingMinutes).toBe(270)

    const list = body(await as('worker.cd', 'GET', `/api/training/courses/${onsiteId}/enrolments`))
    expect(list.total).toBe(1)
    // Coordinators see whom they are marking: the registered name and volunteer number.
    const profile = body(await as('volunteer', 'GET', '/api/volunteer/profile'))
    expect(list.items[0]).toMatchObject({
      userId: ids.volunteer,
      volunteerName: profile.realName,
      volunteerNumber: profile.volunteerNumber,
    })
    expect(
      (
        await as('partner.gs', 'POST', `/api/training/courses/${onsiteId}/attendance`, {
          userIds: [ids.volunteer],
        })
      ).statusCode,
    ).toBe(404)
  })

  it('reminds once, 30 days before expiry, in the app, live and by e-mail', async () => {
    const events: string[] = []
    const stop = await t.database.listen(REALTIME_CHANNEL, (payload) => events.push(payload))
    const notify = createNotifier(t.app.infra, t.app.realtime)
    // Eleven months on, nothing is due yet; 335+ days on, the 12-month completion is within 30 days.
    t.clock.advance(300 * DAY)
    expect(await sendTrainingReminders(t.database, t.clock, notify)).toBe(0)
    t.clock.advance(40 * DAY)
    expect(await sendTrainingReminders(t.database, t.clock, notify)).toBe(1)
    expect(await sendTrainingReminders(t.database, t.clock, notify)).toBe(0)

    await new Promise((r) => setTimeout(r, 50))
    await stop()
    expect(events.some((e) => e.includes(`user:${ids.volunteer}`) && e.includes('training_expiring'))).toBe(
      true,
    )
    const mail = t.mailer.lastTo('volunteer@demo.liandong.cn')
    expect(mail?.subject).toContain('志愿者通用培训')
    cookies.volunteer = await signIn(t.app, 'volunteer@demo.liandong.cn')
    const list = body(
      await t.app.inject({
        url: '/api/notifications',
        headers: { cookie: cookies.volunteer!, 'accept-language': 'en' },
      }),
    )
    expect(list.unread).toBe(1)
    expect(list.items[0]).toMatchObject({
      kind: 'training_expiring',
      link: `/volunteer/training/${courseId}`,
    })
    expect(list.items[0].message).toContain('expires on')
    const read = await as('volunteer', 'POST', '/api/notifications/read', { ids: [list.items[0].id] })
    expect(body(read).updated).toBe(1)
    expect(body(await as('volunteer', 'GET', '/api/notifications?unread=true')).total).toBe(0)
  })
})
