import { createHash } from 'node:crypto'
import { schema } from '@liandong/db'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { orgIdOf, runDueJobs, userIdOf } from '../support/volunteer-fixtures.ts'

let t: TestApp
let agency: string
const cookies: Record<string, string> = {}
const body = (res: { body: string }) => JSON.parse(res.body)
const DAY = 86_400_000

/** The browser's loop: a nonce whose SHA-256 with the challenge starts with `bits` zero bits. */
function solve(challenge: string, bits: number): string {
  for (let nonce = 0; ; nonce++) {
    const digest = createHash('sha256').update(`${challenge}:${nonce}`).digest()
    let zeros = 0
    for (const byte of digest) {
      if (byte === 0) {
        zeros += 8
        continue
      }
      zeros += Math.clz32(byte) - 24
      break
    }
    if (zeros >= bits) return String(nonce)
  }
}

async function solvedChallenge(app = t.app) {
  const res = await app.inject({ url: '/api/public/complaints/challenge' })
  expect(res.statusCode).toBe(200)
  const { challenge, bits } = body(res)
  return { challenge, nonce: solve(challenge, bits) }
}

const form = (extra: Record<string, unknown> = {}) => ({
  orgId: agency,
  kind: 'complaint',
  category: 'service_quality',
  subject: '上门服务迟到',
  body: '约好上午九点上门，社工十一点才到，也没有提前告知。',
  contact: '13900001111',
  ...extra,
})

const as = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) })

async function notificationsOf(email: string, kind: string, code?: string) {
  const userId = await userIdOf(t.database.db, email)
  const rows = await t.database.db
    .select()
    .from(schema.notifications)
    .where(and(eq(schema.notifications.userId, userId), eq(schema.notifications.kind, kind)))
  return code ? rows.filter((r) => (r.params as { code?: string }).code === code) : rows
}

beforeAll(async () => {
  t = await testApp({
    env: {
      AUTH_RATE_LIMIT: '10000',
      COMPLAINT_RATE_LIMIT: '10000',
      SESSION_IDLE_HOURS: '720',
      SESSION_DAYS: '90',
    },
  })
  agency = await orgIdOf(t.database.db, 'cd-agency')
  for (const who of ['supervisor.cd', 'worker.cd', 'orgadmin.cd', 'partner.cd', 'volunteer', 'admin'])
    cookies[who] = await signIn(t.app, `${who}@demo.liandong.cn`)
})
afterAll(() => t.close())

describe('public complaint form', () => {
  let tracking: { trackingCode: string; secret: string; dueAt: string }
  let complaintId: string

  it('lists approved organizations and takes a complaint without an account', async () => {
    const orgs = body(await t.app.inject({ url: '/api/public/complaints/organizations' })).items
    expect(orgs.map((o: { id: string }) => o.id)).toContain(agency)
    expect(orgs.some((o: { name: string }) => o.name.includes('晨光'))).toBe(false)

    const before = Date.now()
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/complaints',
      payload: form(await solvedChallenge()),
    })
    expect(res.statusCode).toBe(201)
    tracking = body(res)
    expect(tracking.trackingCode).toMatch(/^TS-[0-9A-Z]{8}$/)
    expect(tracking.secret.length).toBeGreaterThanOrEqual(30)
    // Five working days: at least 7 calendar days (a weekend), ending at 23:59:59.999 in Shanghai.
    const due = new Date(tracking.dueAt)
    expect(due.getTime() - before).toBeGreaterThan(6 * DAY)
    expect(due.toISOString()).toMatch(/T15:59:59\.999Z$/)

    const [row] = await t.database.db
      .select()
      .from(schema.complaints)
      .where(eq(schema.complaints.trackingCode, tracking.trackingCode))
    complaintId = row!.id
    // Contact sealed at rest, the secret stored only as a hash.
    expect(row!.contactSealed).toMatch(/^v1\./)
    expect(row!.contactSealed).not.toContain('13900001111')
    expect(row!.secretHash).not.toBe(tracking.secret)
    expect(row).toMatchObject({ channel: 'public_form', submittedBy: null, status: 'open' })

    // Supervisors and admins hear of it.
    expect(await notificationsOf('supervisor.cd@demo.liandong.cn', 'complaint_received')).toHaveLength(1)
    expect(await notificationsOf('orgadmin.cd@demo.liandong.cn', 'complaint_received')).toHaveLength(1)
    expect(await notificationsOf('worker.cd@demo.liandong.cn', 'complaint_received')).toHaveLength(0)
  })

  it('refuses bots (honeypot), unsolved, replayed and forged challenges, unknown organizations', async () => {
    const count = async () => (await t.database.db.select().from(schema.complaints)).length
    const n = await count()
    const send = (payload: object) => t.app.inject({ method: 'POST', url: '/api/public/complaints', payload })
    const field = (res: { body: string }) => body(res).error.details[0].field

    const honeypot = await send(form({ ...(await solvedChallenge()), website: 'http://spam.example' }))
    expect(honeypot.statusCode).toBe(422)
    expect(field(honeypot)).toBe('body.website')

    const solved = await solvedChallenge()
    const wrongNonce = String((Number(solved.nonce) + 1) % 1000)
    const unsolved = await send(form({ ...solved, nonce: wrongNonce === solved.nonce ? '7' : wrongNonce }))
    // A neighbouring nonce solves a 15-bit challenge with probability 1/32768.
    expect(unsolved.statusCode).toBe(422)
    expect(body(unsolved).error.details[0]).toMatchObject({ field: 'body.nonce' })

    const forged = await send(form({ challenge: `${solved.challenge.slice(0, -2)}xx`, nonce: solved.nonce }))
    expect(forged.statusCode).toBe(422)

    const unknownOrg = await send(form({ ...solved, orgId: '01890000-0000-7000-8000-000000000000' }))
    expect(unknownOrg.statusCode).toBe(422)
    expect(field(unknownOrg)).toBe('body.orgId')

    expect((await send(form(solved))).statusCode).toBe(201)
    const replay = await send(form(solved))
    expect(replay.statusCode).toBe(422)
    expect(field(replay)).toBe('body.challenge')

    const tooShort = await send(form({ ...(await solvedChallenge()), body: 'x' }))
    expect(tooShort.statusCode).toBe(422)
    expect(await count()).toBe(n + 1)
  })

  it('shows the complaint on the tracking page only with the right secret', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/public/complaints/track',
      payload: { code: tracking.trackingCode, secret: 'x'.repeat(32) },
    })
    expect(wrong.statusCode).toBe(404)
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/complaints/track',
      payload: { code: tracking.trackingCode, secret: tracking.secret },
    })
    expect(res.statusCode).toBe(200)
    const view = body(res)
    expect(view).toMatchObject({ status: 'open', subject: '上门服务迟到', answer: null })
    expect(view.timeline.map((e: { kind: string }) => e.kind)).toEqual(['submitted'])
    // What the complainant sees names no staff and carries no contact details back.
    expect(JSON.stringify(view)).not.toContain('13900001111')
  })

  it('runs through the desk: assignment, scope, audited contact, answer', async () => {
    const desk = body(await as('supervisor.cd', 'GET', '/api/complaints?status=open'))
    expect(desk.items.map((c: { id: string }) => c.id)).toContain(complaintId)
    // A worker sees only what is assigned to them; another organization's staff not at all.
    expect(body(await as('worker.cd', 'GET', '/api/complaints')).items).toHaveLength(0)
    expect((await as('worker.cd', 'GET', `/api/complaints/${complaintId}`)).statusCode).toBe(403)
    expect((await as('partner.cd', 'GET', `/api/complaints/${complaintId}`)).statusCode).toBe(404)
    expect((await as('volunteer', 'GET', '/api/complaints')).statusCode).toBe(403)
    expect(
      (await as('worker.cd', 'POST', `/api/complaints/${complaintId}/assign`, { assigneeId: agency }))
        .statusCode,
    ).toBe(403)

    const partnerId = await userIdOf(t.database.db, 'partner.cd@demo.liandong.cn')
    const outsider = await as('supervisor.cd', 'POST', `/api/complaints/${complaintId}/assign`, {
      assigneeId: partnerId,
    })
    expect(outsider.statusCode).toBe(422)

    const workerId = await userIdOf(t.database.db, 'worker.cd@demo.liandong.cn')
    const assigned = await as('supervisor.cd', 'POST', `/api/complaints/${complaintId}/assign`, {
      assigneeId: workerId,
    })
    expect(assigned.statusCode).toBe(200)
    expect(body(assigned)).toMatchObject({ status: 'assigned', assigneeName: '张晓燕' })
    expect(await notificationsOf('worker.cd@demo.liandong.cn', 'complaint_assigned')).toHaveLength(1)
    expect(body(await as('worker.cd', 'GET', '/api/complaints')).items).toHaveLength(1)

    const contact = await as('worker.cd', 'GET', `/api/complaints/${complaintId}/contact`)
    expect(body(contact)).toEqual({ contact: '13900001111' })
    const reads = await t.database.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.targetId, complaintId), eq(schema.auditLog.action, 'complaint.handle')))
    expect(reads.some((r) => r.details?.field === 'contact')).toBe(true)

    // Rating before an answer is refused.
    const early = await t.app.inject({
      method: 'POST',
      url: '/api/public/complaints/rate',
      payload: { code: tracking.trackingCode, secret: tracking.secret, satisfaction: 5 },
    })
    expect(early.statusCode).toBe(409)

    const answered = await as('worker.cd', 'POST', `/api/complaints/${complaintId}/answer`, {
      answer: '已核实情况并向您致歉，今后上门时间变动会提前一天电话告知。',
    })
    expect(answered.statusCode).toBe(200)
    expect(body(answered).status).toBe('answered')
    expect(
      (await as('worker.cd', 'POST', `/api/complaints/${complaintId}/answer`, { answer: '再次答复内容' }))
        .statusCode,
    ).toBe(409)
  })

  it('closes with the anonymous complainant’s rating through the tracking link', async () => {
    const rate = (satisfaction: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/public/complaints/rate',
        payload: { code: tracking.trackingCode, secret: tracking.secret, satisfaction, note: '答复及时' },
      })
    expect((await rate(6)).statusCode).toBe(422)
    const res = await rate(4)
    expect(res.statusCode).toBe(200)
    const view = body(res)
    expect(view).toMatchObject({ status: 'closed', satisfaction: 4, satisfactionNote: '答复及时' })
    expect(view.answer).toContain('致歉')
    expect(view.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'submitted',
      'assigned',
      'answered',
      'rated',
    ])
    expect((await rate(5)).statusCode).toBe(409)
    expect(await notificationsOf('supervisor.cd@demo.liandong.cn', 'complaint_rated')).toHaveLength(1)
  })
})

describe('signed-in complainants', () => {
  it('are notified of the answer and rate from their own list', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/complaints',
      headers: { cookie: cookies.volunteer! },
      payload: form({ ...(await solvedChallenge()), kind: 'suggestion', contact: undefined }),
    })
    expect(res.statusCode).toBe(201)
    const { trackingCode } = body(res)
    const mine = body(await as('volunteer', 'GET', '/api/complaints/mine')).items
    expect(mine.map((c: { trackingCode: string }) => c.trackingCode)).toContain(trackingCode)
    expect((await as('worker.cd', 'GET', `/api/complaints/mine/${trackingCode}`)).statusCode).toBe(404)

    const [row] = await t.database.db
      .select()
      .from(schema.complaints)
      .where(eq(schema.complaints.trackingCode, trackingCode))
    expect(row).toMatchObject({ channel: 'account', contactSealed: null })
    // A desk member may answer an unassigned complaint directly, and so takes it.
    const answered = await as('orgadmin.cd', 'POST', `/api/complaints/${row!.id}/answer`, {
      answer: '感谢建议，已采纳。',
    })
    expect(body(answered)).toMatchObject({ status: 'answered', assigneeName: '刘敏' })
    expect(await notificationsOf('volunteer@demo.liandong.cn', 'complaint_answered')).toHaveLength(1)

    const rated = await as('volunteer', 'POST', `/api/complaints/mine/${trackingCode}/rate`, {
      satisfaction: 5,
    })
    expect(body(rated)).toMatchObject({ status: 'closed', satisfaction: 5 })
  })
})

describe('deadlines and escalation', () => {
  it('escalates an unanswered complaint once its working days have passed, once', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/complaints',
      payload: form(await solvedChallenge()),
    })
    const { trackingCode, dueAt } = body(res)

    // Not yet due: the sweep escalates nothing.
    await t.app.jobs.scheduler.tick()
    await runDueJobs(t, ['complaints.escalate'])
    expect(
      await notificationsOf('supervisor.cd@demo.liandong.cn', 'complaint_overdue', trackingCode),
    ).toHaveLength(0)

    t.clock.advance(new Date(dueAt).getTime() - t.clock.now().getTime() + 60_000)
    await t.app.jobs.scheduler.tick()
    expect(await runDueJobs(t, ['complaints.escalate'])).toBe(1)
    const [row] = await t.database.db
      .select()
      .from(schema.complaints)
      .where(eq(schema.complaints.trackingCode, trackingCode))
    expect(row!.escalatedAt).not.toBeNull()
    expect(
      await notificationsOf('supervisor.cd@demo.liandong.cn', 'complaint_overdue', trackingCode),
    ).toHaveLength(1)
    expect(
      await notificationsOf('orgadmin.cd@demo.liandong.cn', 'complaint_overdue', trackingCode),
    ).toHaveLength(1)
    // The overdue e-mail goes out in the recipient's language.
    expect(t.mailer.sent.some((m) => m.subject.includes(trackingCode))).toBe(true)

    const overdue = body(await as('supervisor.cd', 'GET', '/api/complaints?overdue=true'))
    expect(
      overdue.items.find((c: { trackingCode: string }) => c.trackingCode === trackingCode),
    ).toMatchObject({
      overdue: true,
    })

    // A later sweep does not escalate it again.
    t.clock.advance(DAY)
    await t.app.jobs.scheduler.tick()
    await runDueJobs(t, ['complaints.escalate'])
    expect(
      await notificationsOf('supervisor.cd@demo.liandong.cn', 'complaint_overdue', trackingCode),
    ).toHaveLength(1)
  })

  it('counts over the holiday calendar, which the platform admin extends', async () => {
    expect((await as('supervisor.cd', 'GET', '/api/holidays?year=2026')).statusCode).toBe(403)
    const y2026 = body(await as('admin', 'GET', '/api/holidays?year=2026')).items
    expect(y2026.find((d: { day: string }) => d.day === '2026-02-16')).toMatchObject({ kind: 'holiday' })
    expect(y2026.find((d: { day: string }) => d.day === '2026-02-14')).toMatchObject({ kind: 'workday' })

    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/holidays/2027-01-01',
      headers: { cookie: cookies.admin! },
      payload: { kind: 'holiday', name: '元旦' },
    })
    expect(put.statusCode).toBe(200)
    expect(body(await as('admin', 'GET', '/api/holidays?year=2027')).items).toEqual([
      { day: '2027-01-01', kind: 'holiday', name: '元旦' },
    ])
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/holidays/2027-13-01',
      headers: { cookie: cookies.admin! },
      payload: { kind: 'holiday', name: 'x' },
    })
    expect(bad.statusCode).toBe(422)
    const del = await t.app.inject({
      method: 'DELETE',
      url: '/api/holidays/2027-01-01',
      headers: { cookie: cookies.admin! },
    })
    expect(del.statusCode).toBe(200)
  })
})

describe('rate limit', () => {
  it('limits public submissions per address', async () => {
    const small = await testApp({ seed: false, env: { COMPLAINT_RATE_LIMIT: '2' } })
    try {
      const send = () =>
        small.app.inject({ method: 'POST', url: '/api/public/complaints', payload: { orgId: 'x' } })
      expect((await send()).statusCode).toBe(422)
      expect((await send()).statusCode).toBe(422)
      const limited = await send()
      expect(limited.statusCode).toBe(429)
      expect(body(limited).error.code).toBe('rate_limited')
    } finally {
      await small.close()
    }
  })
})
