import { schema } from '@liandong/db'
import { createSecretBox } from '@liandong/server'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { orgIdOf, userIdOf } from '../support/volunteer-fixtures.ts'

let t: TestApp
let agency: string
let otherAgency: string
let recipientId: string
let foreignRecipientId: string
let incidentId: string
const cookies: Record<string, string> = {}
const body = (res: { body: string }) => JSON.parse(res.body)
const as = (who: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) })

async function recipient(orgId: string, code: string, name: string) {
  const box = createSecretBox(t.config.dataKeys)
  const [row] = await t.database.db
    .insert(schema.recipients)
    .values({ orgId, code, nameSealed: box.seal(name), nameMasked: `${name[0]}**` })
    .returning()
  return row!.id
}

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  agency = await orgIdOf(t.database.db, 'cd-agency')
  otherAgency = await orgIdOf(t.database.db, 'gs-agency')
  recipientId = await recipient(agency, 'R2026-0901', '王秀英')
  foreignRecipientId = await recipient(otherAgency, 'R2026-0902', '马福海')
  for (const who of ['worker.cd', 'supervisor.cd', 'orgadmin.cd', 'partner.cd', 'worker.gs', 'volunteer'])
    cookies[who] = await signIn(t.app, `${who}@demo.liandong.cn`)
})
afterAll(() => t.close())

const report = (extra: Record<string, unknown> = {}) => ({
  orgId: agency,
  type: 'injury',
  severity: 'major',
  occurredAt: new Date(Date.now() - 30 * 60_000).toISOString(),
  place: '书院街社区活动中心二楼楼梯',
  summary: '活动结束下楼时服务对象踩空摔倒，右腿疼痛，已拨打 120。',
  people: [
    { role: 'recipient', recipientId },
    { role: 'public', note: '在场居民一名，约 60 岁' },
  ],
  ...extra,
})

describe('emergency incidents', () => {
  it('a report alerts the supervisors and admins at once and shows a recipient only by mask', async () => {
    const workerId = await userIdOf(t.database.db, 'worker.cd@demo.liandong.cn')
    const res = await as(
      'worker.cd',
      'POST',
      '/api/incidents',
      report({ people: [...report().people, { role: 'staff', userId: workerId }] }),
    )
    expect(res.statusCode).toBe(201)
    const incident = body(res)
    incidentId = incident.id
    expect(incident).toMatchObject({ status: 'open', severity: 'major', reporterName: '张晓燕' })
    expect(incident.people[0]).toMatchObject({
      role: 'recipient',
      recipientMask: '王**',
      recipientCode: 'R2026-0901',
    })
    expect(incident.people[2]).toMatchObject({ role: 'staff', userName: '张晓燕' })
    expect(res.body).not.toContain('王秀英')

    for (const [email, n] of [
      ['supervisor.cd@demo.liandong.cn', 1],
      ['orgadmin.cd@demo.liandong.cn', 1],
      ['worker.cd@demo.liandong.cn', 0],
    ] as const) {
      const userId = await userIdOf(t.database.db, email)
      const rows = await t.database.db
        .select()
        .from(schema.notifications)
        .where(
          and(eq(schema.notifications.userId, userId), eq(schema.notifications.kind, 'incident_reported')),
        )
      expect(rows).toHaveLength(n)
      if (n) expect(rows[0]!.link).toBe(`/incidents/${incidentId}`)
    }
    // …and by e-mail, in the recipient's language.
    expect(t.mailer.lastTo('supervisor.cd@demo.liandong.cn')?.subject).toContain('书院街社区活动中心')

    const audit = await t.database.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.targetId, incidentId))
    expect(audit[0]).toMatchObject({ action: 'incident.report', orgId: agency })
  })

  it('refuses bad reports and keeps incidents inside the organization', async () => {
    const bad = [
      report({ severity: 'apocalyptic' }),
      report({ occurredAt: new Date(Date.now() + 3_600_000).toISOString() }),
      report({ people: [{ role: 'recipient', recipientId: foreignRecipientId }] }),
      report({ place: '' }),
    ]
    for (const payload of bad)
      expect((await as('worker.cd', 'POST', '/api/incidents', payload)).statusCode).toBe(422)
    expect((await as('worker.gs', 'POST', '/api/incidents', report())).statusCode).toBe(404)
    expect((await as('volunteer', 'POST', '/api/incidents', report())).statusCode).toBe(403)
    expect((await as('partner.cd', 'GET', `/api/incidents/${incidentId}`)).statusCode).toBe(404)
    expect((await as('worker.gs', 'GET', `/api/incidents/${incidentId}`)).statusCode).toBe(404)
    expect(body(await as('worker.gs', 'GET', '/api/incidents')).total).toBe(0)
    expect(body(await as('worker.cd', 'GET', '/api/incidents')).total).toBe(1)
  })

  it('logs the response and closes with a review by a supervisor', async () => {
    expect(
      (
        await as('worker.cd', 'POST', `/api/incidents/${incidentId}/log`, {
          kind: 'contact',
          body: '已联系家属，家属正赶往医院。',
        })
      ).statusCode,
    ).toBe(200)
    const logged = await as('supervisor.cd', 'POST', `/api/incidents/${incidentId}/log`, {
      kind: 'action',
      body: '督导到场，陪同就医。',
    })
    expect(body(logged).log.map((l: { kind: string }) => l.kind)).toEqual(['contact', 'action'])

    const review = {
      reviewSummary: '服务对象右腿软组织挫伤，已处理，无骨折。',
      reviewCauses: '楼梯照明不足，未安排志愿者搀扶。',
      reviewLessons: '活动结束后由志愿者陪同下楼；已请社区更换楼梯灯。',
    }
    expect((await as('worker.cd', 'POST', `/api/incidents/${incidentId}/close`, review)).statusCode).toBe(403)
    expect(
      (
        await as('supervisor.cd', 'POST', `/api/incidents/${incidentId}/close`, {
          ...review,
          reviewCauses: '',
        })
      ).statusCode,
    ).toBe(422)
    const closed = await as('supervisor.cd', 'POST', `/api/incidents/${incidentId}/close`, review)
    expect(closed.statusCode).toBe(200)
    expect(body(closed)).toMatchObject({ status: 'closed', reviewLessons: review.reviewLessons })
    expect((await as('supervisor.cd', 'POST', `/api/incidents/${incidentId}/close`, review)).statusCode).toBe(
      409,
    )
    expect(
      (await as('worker.cd', 'POST', `/api/incidents/${incidentId}/log`, { kind: 'note', body: '补记' }))
        .statusCode,
    ).toBe(409)
  })
})

describe('emergency plans and drills', () => {
  let planId: string
  it('supervisors and admins keep plans; staff read them', async () => {
    const plan = {
      title: '服务对象意外伤害应急预案',
      incidentTypes: ['injury', 'illness'],
      body: '一、应急指挥：督导任组长……二、处置流程：1. 立即拨打 120；2. 通知家属；3. 上报督导……',
      attachments: [{ name: '应急联络表.xlsx', mediaType: 'application/vnd.ms-excel', size: 18_432 }],
      reviewedOn: '2026-01-15',
    }
    expect(
      (await as('worker.cd', 'POST', `/api/organizations/${agency}/emergency-plans`, plan)).statusCode,
    ).toBe(403)
    expect(
      (
        await as('supervisor.cd', 'POST', `/api/organizations/${agency}/emergency-plans`, {
          ...plan,
          attachments: [{ name: 'x', size: -1 }],
        })
      ).statusCode,
    ).toBe(422)
    const created = await as('supervisor.cd', 'POST', `/api/organizations/${agency}/emergency-plans`, plan)
    expect(created.statusCode).toBe(201)
    planId = body(created).id
    expect(body(created)).toMatchObject({ version: 1, attachments: plan.attachments })

    const revised = await as('orgadmin.cd', 'PATCH', `/api/emergency-plans/${planId}`, {
      title: '意外伤害应急预案（2026 修订）',
    })
    expect(body(revised)).toMatchObject({
      version: 2,
      title: '意外伤害应急预案（2026 修订）',
      incidentTypes: ['injury', 'illness'],
    })
    const listed = body(await as('worker.cd', 'GET', `/api/organizations/${agency}/emergency-plans`)).items
    expect(listed).toHaveLength(1)
    expect((await as('worker.gs', 'GET', `/api/organizations/${agency}/emergency-plans`)).statusCode).toBe(
      404,
    )
    expect(
      (await as('supervisor.cd', 'PATCH', `/api/emergency-plans/${planId}`, { body: 'short' })).statusCode,
    ).toBe(422)
  })

  it('records drills with date, scenario, participants and lessons', async () => {
    const drill = {
      planId,
      heldOn: '2026-03-12',
      scenario: '社区活动中老人突发晕厥',
      participantCount: 12,
      participants: '社工 4 人，志愿者 8 人',
      lessons: 'AED 位置不清楚，需在活动中心门口张贴指示。',
    }
    expect(
      (await as('worker.cd', 'POST', `/api/organizations/${agency}/emergency-drills`, drill)).statusCode,
    ).toBe(403)
    expect(
      (
        await as('supervisor.cd', 'POST', `/api/organizations/${agency}/emergency-drills`, {
          ...drill,
          participantCount: 0,
        })
      ).statusCode,
    ).toBe(422)
    const created = await as('supervisor.cd', 'POST', `/api/organizations/${agency}/emergency-drills`, drill)
    expect(created.statusCode).toBe(201)
    const listed = body(await as('worker.cd', 'GET', `/api/organizations/${agency}/emergency-drills`)).items
    expect(listed[0]).toMatchObject({ heldOn: '2026-03-12', participantCount: 12, planId })
    // A plan of another organization cannot be named.
    const gsSupervisor = await signIn(t.app, 'supervisor.gs@demo.liandong.cn')
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/organizations/${otherAgency}/emergency-drills`,
      headers: { cookie: gsSupervisor },
      payload: drill,
    })
    expect(foreign.statusCode).toBe(422)
  })
})
