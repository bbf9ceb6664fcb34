import { schema } from '@liandong/db'
import { seedDemoRights } from '@liandong/server'
import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { caseDocs, PNG_1x1 } from '../support/case-fixtures.ts'
import { makeResource } from '../support/marketplace-fixtures.ts'
import { userIdOf } from '../support/volunteer-fixtures.ts'

// A recipient's rights over their data (docs/rights.md): requests with due dates and reminders,
// the export, corrections, and deletion within the retention of filed records.

let t: TestApp
const cookies: Record<string, string> = {}
const orgOf: Record<string, string> = {}
const body = (res: { body: string }) => JSON.parse(res.body)
const who = ['worker.cd', 'supervisor.cd', 'worker.gs', 'partner.cd', 'volunteer'] as const
type Who = (typeof who)[number]
const DAY = 86_400_000

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  for (const w of who) {
    cookies[w] = await signIn(t.app, `${w}@demo.liandong.cn`)
    const me = body(await t.app.inject({ url: '/api/me', headers: { cookie: cookies[w] } }))
    if (me.memberships[0]) orgOf[w] = me.memberships[0].orgId
  }
})
afterAll(() => t.close())

const as = (w: Who, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, lang = 'zh-CN') =>
  t.app.inject({
    method,
    url,
    headers: { cookie: cookies[w]!, 'accept-language': lang },
    ...(payload === undefined ? {} : { payload: payload as object }),
  })

const db = () => t.database.db
let n = 0
/** A fresh recipient of the Chengdu agency with every sealed field filled. */
async function register(name = '王建军') {
  n++
  const res = await as('worker.cd', 'POST', `/api/organizations/${orgOf['worker.cd']}/recipients`, {
    name,
    gender: 'male',
    birthYear: 1958,
    categories: ['demobilized'],
    districtCode: '510104',
    phone: `1381234${String(5600 + n).padStart(4, '0')}`,
    address: `成都市锦江区书院南街 ${n} 号`,
    health: '髋关节术后，行走需拐杖',
    military: '1976 年入伍，1980 年退伍',
  })
  expect(res.statusCode, res.body).toBe(201)
  return body(res) as { id: string; code: string }
}

const recordRequest = async (id: string, kind: string, extra: object = {}) => {
  const res = await as('worker.cd', 'POST', `/api/recipients/${id}/requests`, {
    kind,
    channel: 'written',
    details: kind === 'deletion' ? '本人书面要求删除全部个人信息' : '请把我的电话改成新的号码',
    ...extra,
  })
  expect(res.statusCode, res.body).toBe(201)
  return body(res)
}

const row = async (id: string) =>
  (await db().select().from(schema.recipients).where(eq(schema.recipients.id, id)))[0]!
const requestRow = async (id: string) =>
  (await db().select().from(schema.recipientRequests).where(eq(schema.recipientRequests.id, id)))[0]!

/** Runs a job's handler as the worker would. */
const runJob = (name: string) =>
  t.app.jobs.queue.handler(name)!({
    id: 'test',
    name,
    payload: {},
    attempt: 1,
    maxAttempts: 3,
    signal: new AbortController().signal,
    log: t.app.log,
  })

async function openCase(recipientId: string) {
  const res = await as('worker.cd', 'POST', `/api/recipients/${recipientId}/cases`, {})
  expect(res.statusCode, res.body).toBe(201)
  const caseId = body(res).id as string
  const docs = caseDocs(t.clock.now())
  expect((await as('worker.cd', 'POST', `/api/cases/${caseId}/intake`, docs.intake)).statusCode).toBe(201)
  const file = await as('worker.cd', 'POST', `/api/cases/${caseId}/attachments`, {
    fileName: '协议签字页.png',
    contentType: 'image/png',
    content: PNG_1x1.toString('base64'),
  })
  expect(file.statusCode, file.body).toBe(201)
  return caseId
}

const closeCase = (caseId: string) =>
  db()
    .update(schema.cases)
    .set({ status: 'closed', stage: 'follow_up', closedAt: t.clock.now() })
    .where(eq(schema.cases.id, caseId))

async function fileCase(caseId: string, recipientId: string, retainUntil: string) {
  const now = t.clock.now()
  const [archive] = await db()
    .insert(schema.archives)
    .values({
      orgId: orgOf['worker.cd']!,
      recordType: 'case',
      subjectId: caseId,
      recipientId,
      code: `A-T${++n}`,
      title: `case ${caseId}`,
      closedAt: now,
      archivedAt: now,
      retentionYears: 10,
      retainUntil,
    })
    .returning()
  return archive!
}

describe('requests register', () => {
  it('records a request with its due date, sealed, audited without values', async () => {
    const r = await register()
    const before = t.clock.now()
    const req = await recordRequest(r.id, 'access')
    expect(req).toMatchObject({ kind: 'access', status: 'open', channel: 'written', overdue: false })
    expect(req.details).toContain('电话')
    const due = new Date(req.dueAt).getTime() - new Date(req.receivedAt).getTime()
    expect(due).toBe(t.config.RIGHTS_RESPONSE_DAYS * DAY)
    expect(new Date(req.receivedAt).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000)
    const stored = await requestRow(req.id)
    expect(JSON.stringify(stored)).not.toContain('电话')
    const [audit] = await db()
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.targetType, 'recipient_request'), eq(schema.auditLog.targetId, req.id)))
    expect(audit?.details).toMatchObject({ recipientId: r.id, kind: 'access', channel: 'written' })
    expect(JSON.stringify(audit)).not.toContain('电话')

    // The agency's register: no details, open ones with due dates.
    const list = body(
      await as(
        'supervisor.cd',
        'GET',
        `/api/organizations/${orgOf['worker.cd']}/recipient-requests?status=open`,
      ),
    )
    const mine = list.items.find((i: { id: string }) => i.id === req.id)
    expect(mine).toMatchObject({ recipientCode: r.code, details: null, recordedByName: expect.any(String) })
    // The recipient's own list opens what was asked, and is audited as a read.
    const own = body(await as('worker.cd', 'GET', `/api/recipients/${r.id}/requests`))
    expect(own.items[0].details).toContain('电话')
  })

  it('refuses bad input with translated field details and writes nothing', async () => {
    const r = await register()
    const count = async () =>
      (
        await db()
          .select()
          .from(schema.recipientRequests)
          .where(eq(schema.recipientRequests.recipientId, r.id))
      ).length
    const bad = [
      { kind: 'forget_me', details: '删除全部信息' },
      { kind: 'access', details: 'x' },
      { kind: 'access', details: '查阅全部', channel: 'fax' },
      {
        kind: 'access',
        details: '查阅全部',
        receivedAt: new Date(t.clock.now().getTime() + DAY).toISOString(),
      },
      { kind: 'access', details: '查阅全部', receivedAt: 'yesterday' },
    ]
    for (const payload of bad) {
      const res = await as('worker.cd', 'POST', `/api/recipients/${r.id}/requests`, payload, 'en')
      expect(res.statusCode, JSON.stringify(payload)).toBe(422)
      expect(body(res).error.message).toMatch(/[a-z]/)
      expect(body(res).error.details.length).toBeGreaterThan(0)
    }
    const future = await as('worker.cd', 'POST', `/api/recipients/${r.id}/requests`, bad[3], 'en')
    expect(body(future).error.details[0]).toMatchObject({ field: 'body.receivedAt', code: 'field.in_future' })
    expect(await count()).toBe(0)
    // A second deletion request while one is open is refused.
    await recordRequest(r.id, 'deletion')
    const again = await as('worker.cd', 'POST', `/api/recipients/${r.id}/requests`, {
      kind: 'deletion',
      details: '再次要求删除',
    })
    expect(again.statusCode).toBe(409)
    expect(body(again).error.code).toBe('rights.deletion_pending')
    expect(await count()).toBe(1)
  })

  it('is the agency’s own: partners and volunteers are refused, other agencies do not see it', async () => {
    const r = await register()
    const payload = { kind: 'access', details: '查阅全部' }
    for (const outsider of ['partner.cd', 'volunteer'] as const) {
      expect((await as(outsider, 'POST', `/api/recipients/${r.id}/requests`, payload)).statusCode).toBe(403)
      expect((await as(outsider, 'GET', `/api/recipients/${r.id}/requests`)).statusCode).toBe(403)
    }
    expect((await as('worker.gs', 'POST', `/api/recipients/${r.id}/requests`, payload)).statusCode).toBe(404)
    expect(
      (await as('worker.gs', 'GET', `/api/organizations/${orgOf['worker.cd']}/recipient-requests`))
        .statusCode,
    ).toBe(404)
  })

  it('reminds the recorder and the supervisors once before the due date and once when overdue', async () => {
    const r = await register()
    const received = new Date(t.clock.now().getTime() - (t.config.RIGHTS_RESPONSE_DAYS - 2) * DAY)
    const req = await recordRequest(r.id, 'correction', { receivedAt: received.toISOString() })
    const worker = await userIdOf(db(), 'worker.cd@demo.liandong.cn')
    const supervisor = await userIdOf(db(), 'supervisor.cd@demo.liandong.cn')
    const notices = async (userId: string, kind: string) =>
      (
        await db()
          .select()
          .from(schema.notifications)
          .where(
            and(
              eq(schema.notifications.userId, userId),
              eq(schema.notifications.kind, kind),
              sql`${schema.notifications.params}->>'requestId' = ${req.id}`,
            ),
          )
      ).length
    expect(t.app.jobs.scheduler.recurring.map((e) => e.name)).toEqual(
      expect.arrayContaining(['rights.reminders', 'rights.erasures']),
    )
    await runJob('rights.reminders')
    await runJob('rights.reminders')
    expect(await notices(worker, 'rights.due_soon')).toBe(1)
    expect(await notices(supervisor, 'rights.due_soon')).toBe(1)
    expect(await notices(worker, 'rights.overdue')).toBe(0)
    // The e-mail copy names the file number and the due date, nothing about the person.
    const mail = t.mailer.lastTo('supervisor.cd@demo.liandong.cn')
    expect(mail?.text).toContain(r.code)
    expect(mail?.text).not.toContain('电话')

    t.clock.advance(3 * DAY)
    await runJob('rights.reminders')
    await runJob('rights.reminders')
    expect(await notices(worker, 'rights.overdue')).toBe(1)
    expect(await notices(supervisor, 'rights.overdue')).toBe(1)
    for (const w of who) cookies[w] = await signIn(t.app, `${w}@demo.liandong.cn`)
    const overdue = body(
      await as(
        'supervisor.cd',
        'GET',
        `/api/organizations/${orgOf['worker.cd']}/recipient-requests?overdue=true`,
      ),
    )
    expect(overdue.items.map((i: { id: string }) => i.id)).toContain(req.id)
    expect(overdue.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true)
    // An answered request is not reminded again.
    const answered = await as('worker.cd', 'POST', `/api/recipient-requests/${req.id}/answer`, {
      status: 'refused',
      outcome: '核实后信息无误，无需更正',
    })
    expect(answered.statusCode, answered.body).toBe(200)
    expect(body(answered)).toMatchObject({ status: 'refused', overdue: false })
  })
})

describe('access: the export', () => {
  let r: { id: string; code: string }
  let caseId: string

  beforeAll(async () => {
    r = await register('李秀英')
    const consent = await as('worker.cd', 'POST', `/api/recipients/${r.id}/consents`, {
      purpose: 'share_with_org',
      targetOrgId: orgOf['partner.cd'],
      scope: '姓名、电话',
      givenBy: 'guardian',
      guardianName: '李明',
      guardianRelation: '儿子',
    })
    expect(consent.statusCode, consent.body).toBe(201)
    const need = await as('worker.cd', 'POST', `/api/organizations/${orgOf['worker.cd']}/needs`, {
      recipientId: r.id,
      title: '李阿姨康复',
      categories: ['rehabilitation'],
      privateDescription: '2019 年摔伤，独居，女儿在外地。',
      publicSummary: '老人腿部旧伤，需要每周两次康复训练。',
      urgency: 'normal',
      quantity: 1,
    })
    expect(need.statusCode, need.body).toBe(201)
    caseId = await openCase(r.id)
    // A reveal before the export: it shows in the reading log, with its reason.
    expect(
      (
        await as('supervisor.cd', 'POST', `/api/recipients/${r.id}/reveal`, {
          field: 'phone',
          reason: '电话回访核对',
        })
      ).statusCode,
    ).toBe(200)
  })

  it('needs a reason, and is refused to partners, volunteers and other agencies', async () => {
    expect((await as('worker.cd', 'POST', `/api/recipients/${r.id}/export`, {})).statusCode).toBe(422)
    expect(
      (await as('worker.cd', 'POST', `/api/recipients/${r.id}/export`, { reason: 'x' })).statusCode,
    ).toBe(422)
    expect((await as('worker.cd', 'GET', `/api/recipients/${r.id}/export`)).statusCode).toBe(422)
    for (const outsider of ['partner.cd', 'volunteer'] as const)
      expect(
        (await as(outsider, 'POST', `/api/recipients/${r.id}/export`, { reason: '本人申请查阅' })).statusCode,
      ).toBe(403)
    expect(
      (await as('worker.gs', 'POST', `/api/recipients/${r.id}/export`, { reason: '本人申请查阅' }))
        .statusCode,
    ).toBe(404)
    const exports = await db()
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.targetId, r.id), sql`${schema.auditLog.details}->>'export' = 'true'`))
    expect(exports.filter((e) => e.result === 'ok')).toHaveLength(0)
  })

  it('holds everything opened, answers the access request, and is audited as one read', async () => {
    const req = await recordRequest(r.id, 'access', { details: '本人要求复制全部个人信息' })
    const res = await as('worker.cd', 'POST', `/api/recipients/${r.id}/export`, {
      reason: '本人书面申请查阅复制',
      requestId: req.id,
    })
    expect(res.statusCode, res.body).toBe(200)
    const data = body(res)
    expect(data).toMatchObject({
      format: 'liandong.recipient-export/1',
      erased: false,
      profile: {
        code: r.code,
        name: '李秀英',
        phone: expect.stringMatching(/^1381234\d{4}$/),
        address: expect.stringContaining('书院南街'),
        health: '髋关节术后，行走需拐杖',
        military: '1976 年入伍，1980 年退伍',
      },
    })
    expect(data.consents[0]).toMatchObject({
      purpose: 'share_with_org',
      guardianName: '李明',
      scope: '姓名、电话',
    })
    expect(data.needs[0]).toMatchObject({
      privateDescription: '2019 年摔伤，独居，女儿在外地。',
      publicSummary: '老人腿部旧伤，需要每周两次康复训练。',
    })
    const c = data.cases.find((x: { id: string }) => x.id === caseId)
    expect(c.documents[0]).toMatchObject({ kind: 'intake' })
    expect(c.documents[0].content.collectedInfo).toContain('独居退役军人')
    expect(c.attachments[0]).toMatchObject({
      fileName: '协议签字页.png',
      contentType: 'image/png',
      size: PNG_1x1.length,
    })
    expect(JSON.stringify(c.attachments)).not.toContain(PNG_1x1.toString('base64'))
    expect(data.requests.map((q: { id: string }) => q.id)).toContain(req.id)
    expect(data.reads).toEqual([expect.objectContaining({ what: 'reveal:phone', reason: '电话回访核对' })])
    expect((await requestRow(req.id)).status).toBe('done')

    // One audit row: the reason and ids, none of the values.
    const audits = await db()
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.targetId, r.id), sql`${schema.auditLog.details}->>'export' = 'true'`))
    expect(audits.filter((a) => a.result === 'ok')).toHaveLength(1)
    expect(audits[0]).toMatchObject({ action: 'recipient.rights', orgId: orgOf['worker.cd'] })
    expect(audits[0]!.details).toMatchObject({ reason: '本人书面申请查阅复制', requestId: req.id })
    for (const secret of ['李秀英', '书院南街', '髋关节', '摔伤'])
      expect(JSON.stringify(audits)).not.toContain(secret)
    // The case's who-viewed log notes the export's reading of it.
    const views = await db().select().from(schema.caseViews).where(eq(schema.caseViews.caseId, caseId))
    expect(views.length).toBeGreaterThan(0)

    // The request is answered: exporting for it again is refused, and nothing else changes.
    const again = await as('worker.cd', 'POST', `/api/recipients/${r.id}/export`, {
      reason: '本人书面申请查阅复制',
      requestId: req.id,
    })
    expect(again.statusCode).toBe(409)
    expect(body(again).error.code).toBe('rights.not_open')
  })

  it('downloads as a JSON file', async () => {
    const res = await as(
      'supervisor.cd',
      'GET',
      `/api/recipients/${r.id}/export?reason=${encodeURIComponent('本人来访索取')}`,
    )
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-disposition']).toBe(`attachment; filename="recipient-${r.code}-export.json"`)
    expect(res.headers['content-type']).toContain('application/json')
    expect(body(res).profile.name).toBe('李秀英')
    // The reading log now holds the earlier export and its reading of the case.
    expect(body(res).reads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ what: 'export', reason: '本人书面申请查阅复制' }),
        expect.objectContaining({ what: 'case' }),
        expect.objectContaining({ what: 'reveal:phone' }),
      ]),
    )
  })
})

describe('correction', () => {
  it('links an edit to the request, keeps the fields changed, and closes it', async () => {
    const r = await register()
    const req = await recordRequest(r.id, 'correction')
    // Done before anything was corrected is refused; so is a refusal without a reason.
    const early = await as('worker.cd', 'POST', `/api/recipient-requests/${req.id}/answer`, {
      status: 'done',
    })
    expect(early.statusCode).toBe(409)
    expect(body(early).error.code).toBe('rights.nothing_corrected')
    const bare = await as('worker.cd', 'POST', `/api/recipient-requests/${req.id}/answer`, {
      status: 'refused',
    })
    expect(bare.statusCode).toBe(422)

    const before = await row(r.id)
    const badPhone = await as('worker.cd', 'PATCH', `/api/recipients/${r.id}?request=${req.id}`, {
      phone: '12345',
    })
    expect(badPhone.statusCode).toBe(422)
    expect(body(badPhone).error.details[0].field).toBe('body.phone')
    expect((await row(r.id)).phoneSealed).toBe(before.phoneSealed)
    expect((await requestRow(req.id)).outcomeSealed).toBeNull()

    const fixed = await as('worker.cd', 'PATCH', `/api/recipients/${r.id}?request=${req.id}`, {
      phone: '139 8765 4321',
      name: '王建君',
    })
    expect(fixed.statusCode, fixed.body).toBe(200)
    expect(body(fixed)).toMatchObject({ phoneLast4: '4321', nameMasked: '王**' })
    const health = await as('worker.cd', 'PATCH', `/api/recipients/${r.id}/sensitive?request=${req.id}`, {
      health: '髋关节术后已康复',
    })
    expect(health.statusCode, health.body).toBe(200)
    const revealed = await as('worker.cd', 'POST', `/api/recipients/${r.id}/reveal`, {
      field: 'phone',
      reason: '核对更正结果',
    })
    expect(body(revealed).value).toBe('13987654321')

    const done = await as('worker.cd', 'POST', `/api/recipient-requests/${req.id}/answer`, {
      status: 'done',
      outcome: '已按本人提供的户口本更正',
    })
    expect(done.statusCode, done.body).toBe(200)
    expect(body(done)).toMatchObject({ status: 'done', outcome: '已按本人提供的户口本更正' })
    expect(body(done).correctedFields.sort()).toEqual(['health', 'name', 'phone'])

    // History: the audit trail names the fields and the request, never the old or new values.
    const edits = await db()
      .select()
      .from(schema.auditLog)
      .where(
        and(
          eq(schema.auditLog.targetId, r.id),
          eq(schema.auditLog.action, 'recipient.manage'),
          sql`${schema.auditLog.details}->>'requestId' = ${req.id}`,
          eq(schema.auditLog.result, 'ok'),
        ),
      )
    expect(edits.map((e) => e.details?.fields).sort()).toEqual(['health', 'phone,name'])
    for (const secret of ['13987654321', '王建君', '王建军', '已康复'])
      expect(JSON.stringify(edits)).not.toContain(secret)

    // An answered request takes no more edits; an access request is not a correction.
    const late = await as('worker.cd', 'PATCH', `/api/recipients/${r.id}?request=${req.id}`, {
      gender: 'female',
    })
    expect(late.statusCode).toBe(409)
    expect((await row(r.id)).gender).toBe('male')
    const access = await recordRequest(r.id, 'access')
    const wrong = await as('worker.cd', 'PATCH', `/api/recipients/${r.id}?request=${access.id}`, {
      gender: 'female',
    })
    expect(wrong.statusCode).toBe(409)
    expect(body(wrong).error.code).toBe('rights.not_correction')
    const accessDone = await as('worker.cd', 'POST', `/api/recipient-requests/${access.id}/answer`, {
      status: 'done',
    })
    expect(body(accessDone).error.code).toBe('rights.export_to_answer')
  })

  it('checks the profile like a registration', async () => {
    const r = await register()
    const other = await register()
    await as('worker.cd', 'PATCH', `/api/recipients/${other.id}`, {
      idType: 'resident_id',
      idNumber: '510104195803070015',
    })
    const dup = await as('worker.cd', 'PATCH', `/api/recipients/${r.id}`, {
      idType: 'resident_id',
      idNumber: '510104195803070015',
    })
    expect(dup.statusCode).toBe(409)
    expect(body(dup).error.details[0].code).toBe('field.recipient_taken')
    const future = await as('worker.cd', 'PATCH', `/api/recipients/${r.id}`, { birthDate: '2999-01-01' })
    expect(future.statusCode).toBe(422)
    expect((await as('worker.cd', 'PATCH', `/api/recipients/${r.id}`, {})).statusCode).toBe(422)
    expect((await row(r.id)).idNumberSealed).toBeNull()
  })
})

describe('deletion within retention rules', () => {
  it('is decided by a supervisor and refused while a case is open', async () => {
    const r = await register()
    const caseId = await openCase(r.id)
    const req = await recordRequest(r.id, 'deletion')
    const byWorker = await as('worker.cd', 'POST', `/api/recipient-requests/${req.id}/decide`, {
      decision: 'erase',
    })
    expect(byWorker.statusCode).toBe(403)
    const blocked = await as(
      'supervisor.cd',
      'POST',
      `/api/recipient-requests/${req.id}/decide`,
      { decision: 'erase' },
      'en',
    )
    expect(blocked.statusCode).toBe(409)
    expect(body(blocked).error).toMatchObject({ code: 'rights.erase_open_case' })
    expect(body(blocked).error.message).toContain('open case')
    expect((await requestRow(req.id)).status).toBe('open')
    expect((await row(r.id)).phoneSealed).not.toBeNull()

    // Closed and never filed: erased at once.
    await closeCase(caseId)
    const decided = await as('supervisor.cd', 'POST', `/api/recipient-requests/${req.id}/decide`, {
      decision: 'erase',
    })
    expect(decided.statusCode, decided.body).toBe(200)
    expect(body(decided)).toMatchObject({ status: 'done', decidedByName: expect.any(String) })
    const erased = await row(r.id)
    expect(erased).toMatchObject({
      status: 'erased',
      nameMasked: '已删除',
      phoneSealed: null,
      phoneLast4: null,
      addressSealed: null,
      healthSealed: null,
      militarySealed: null,
      birthYear: null,
      categories: [],
    })
    expect(
      await db().select().from(schema.caseRecords).where(eq(schema.caseRecords.caseId, caseId)),
    ).toHaveLength(0)
    expect(
      await db().select().from(schema.caseAttachments).where(eq(schema.caseAttachments.caseId, caseId)),
    ).toHaveLength(0)
    const [kept] = await db().select().from(schema.cases).where(eq(schema.cases.id, caseId))
    expect(kept?.code).toMatch(/^C/)
  })

  it('is refused while a referral is under way, and a refusal keeps its reason', async () => {
    const r = await register()
    const need = await as('worker.cd', 'POST', `/api/organizations/${orgOf['worker.cd']}/needs`, {
      recipientId: r.id,
      title: '康复',
      categories: ['rehabilitation'],
      publicSummary: '老人需要每周两次康复训练。',
      urgency: 'normal',
      quantity: 1,
    })
    expect(need.statusCode, need.body).toBe(201)
    const resource = await makeResource(db(), orgOf['partner.cd']!)
    await db()
      .insert(schema.referrals)
      .values({
        needId: body(need).id,
        resourceId: resource.id,
        fromOrgId: orgOf['worker.cd']!,
        toOrgId: resource.orgId,
        status: 'sent',
      })
    const req = await recordRequest(r.id, 'deletion')
    const blocked = await as('supervisor.cd', 'POST', `/api/recipient-requests/${req.id}/decide`, {
      decision: 'erase',
    })
    expect(blocked.statusCode).toBe(409)
    expect(body(blocked).error.code).toBe('rights.erase_active_referral')
    const noReason = await as('supervisor.cd', 'POST', `/api/recipient-requests/${req.id}/decide`, {
      decision: 'refuse',
    })
    expect(noReason.statusCode).toBe(422)
    const refused = await as('supervisor.cd', 'POST', `/api/recipient-requests/${req.id}/decide`, {
      decision: 'refuse',
      reason: '转介服务进行中，结束后再办理',
    })
    expect(refused.statusCode, refused.body).toBe(200)
    expect(body(refused)).toMatchObject({ status: 'refused', outcome: '转介服务进行中，结束后再办理' })
    expect((await row(r.id)).status).toBe('active')
  })

  it('with a filed case: contact details go at once, the rest when the last file is destroyed', async () => {
    const r = await register('赵德明')
    const caseId = await openCase(r.id)
    await closeCase(caseId)
    const archive = await fileCase(caseId, r.id, '2036-12-31')
    const req = await recordRequest(r.id, 'deletion')
    const res = await as('supervisor.cd', 'POST', `/api/recipient-requests/${req.id}/decide`, {
      decision: 'erase',
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(body(res).status).toBe('scheduled')
    expect(new Date(body(res).scheduledFor).toISOString()).toBe('2036-12-30T16:00:00.000Z')
    const waiting = await row(r.id)
    expect(waiting).toMatchObject({
      status: 'active',
      phoneSealed: null,
      phoneLast4: null,
      addressSealed: null,
    })
    expect(waiting.healthSealed).not.toBeNull()
    expect(
      await db().select().from(schema.caseRecords).where(eq(schema.caseRecords.caseId, caseId)),
    ).not.toHaveLength(0)

    // The sweep leaves it while the file is kept.
    await runJob('rights.erasures')
    expect((await requestRow(req.id)).status).toBe('scheduled')

    // The file is destroyed (by the archives module): the next sweep erases the rest.
    await db().update(schema.archives).set({ status: 'destroyed' }).where(eq(schema.archives.id, archive.id))
    await runJob('rights.erasures')
    expect((await requestRow(req.id)).status).toBe('done')
    expect(await row(r.id)).toMatchObject({ status: 'erased', healthSealed: null, nameMasked: '已删除' })
    const [jobAudit] = await db()
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.targetId, req.id), sql`${schema.auditLog.details}->>'job' is not null`))
    expect(jobAudit?.details).toMatchObject({ job: 'rights.erasures', recipientId: r.id })
  })

  it('leaves nothing readable: reveal, export, lists, edits, new requests, cases and needs', async () => {
    const r = await register('孙桂兰')
    const consent = await as('worker.cd', 'POST', `/api/recipients/${r.id}/consents`, {
      purpose: 'service',
      givenBy: 'guardian',
      guardianName: '孙强',
      guardianRelation: '儿子',
    })
    expect(consent.statusCode, consent.body).toBe(201)
    const need = await as('worker.cd', 'POST', `/api/organizations/${orgOf['worker.cd']}/needs`, {
      recipientId: r.id,
      title: '孙阿姨助餐',
      categories: ['living'],
      privateDescription: '独居，糖尿病',
      publicSummary: '老人需要每日送餐。',
      urgency: 'normal',
      quantity: 1,
    })
    const req = await recordRequest(r.id, 'deletion')
    expect(
      (await as('supervisor.cd', 'POST', `/api/recipient-requests/${req.id}/decide`, { decision: 'erase' }))
        .statusCode,
    ).toBe(200)

    const [n1] = await db()
      .select()
      .from(schema.needs)
      .where(eq(schema.needs.id, body(need).id))
    expect(n1).toMatchObject({ status: 'withdrawn', privateDescriptionSealed: null })
    const [c1] = await db()
      .select()
      .from(schema.recipientConsents)
      .where(eq(schema.recipientConsents.recipientId, r.id))
    expect(c1).toMatchObject({ guardianNameSealed: null, guardianRelation: null })
    expect((await requestRow(req.id)).detailsSealed).toBeNull()
    const everything = JSON.stringify(await row(r.id))
    expect(everything).not.toContain('孙')

    const reveal = await as(
      'worker.cd',
      'POST',
      `/api/recipients/${r.id}/reveal`,
      { field: 'name', reason: '核对身份信息' },
      'en',
    )
    expect(reveal.statusCode).toBe(409)
    expect(body(reveal).error).toMatchObject({ code: 'recipient.erased' })
    expect(body(reveal).error.message).toContain('erased')
    const tomb = body(
      await as('worker.cd', 'POST', `/api/recipients/${r.id}/export`, { reason: '本人再次申请查阅' }),
    )
    expect(tomb).toMatchObject({
      erased: true,
      profile: { code: r.code, status: 'erased', name: null },
      cases: [],
      needs: [],
    })
    const list = body(
      await as('worker.cd', 'GET', `/api/organizations/${orgOf['worker.cd']}/recipients?status=erased`),
    )
    expect(list.items.find((i: { id: string }) => i.id === r.id)).toMatchObject({
      nameMasked: '已删除',
      phoneLast4: null,
    })
    const detail = body(await as('worker.cd', 'GET', `/api/recipients/${r.id}`))
    expect(detail).toMatchObject({ status: 'erased', has: { phone: false, address: false, health: false } })
    for (const [method, url, payload] of [
      ['PATCH', `/api/recipients/${r.id}`, { gender: 'female' }],
      ['PATCH', `/api/recipients/${r.id}/sensitive`, { health: '新的健康信息' }],
      ['POST', `/api/recipients/${r.id}/consents`, { purpose: 'service' }],
      ['POST', `/api/recipients/${r.id}/requests`, { kind: 'access', details: '再次查阅' }],
    ] as const) {
      const res = await as('worker.cd', method, url, payload)
      expect(res.statusCode, url).toBe(409)
      expect(body(res).error.code).toBe('recipient.erased')
    }
    const newCase = await as('worker.cd', 'POST', `/api/recipients/${r.id}/cases`, {})
    expect(newCase.statusCode).toBe(409)
    const newNeed = await as('worker.cd', 'POST', `/api/organizations/${orgOf['worker.cd']}/needs`, {
      recipientId: r.id,
      title: '再次',
      categories: ['living'],
      publicSummary: '老人需要每日送餐。',
      urgency: 'normal',
      quantity: 1,
    })
    expect(newNeed.statusCode).toBe(409)
  })
})

describe('demo data', () => {
  it('shows requests open, due soon, overdue, refused and answered at the Chengdu agency, once', async () => {
    const now = t.clock.now()
    await db().delete(schema.recipientRequests)
    const options = { dataKeys: t.config.dataKeys, responseDays: t.config.RIGHTS_RESPONSE_DAYS, now }
    expect(await seedDemoRights(db(), options)).toBe(5)
    expect(await seedDemoRights(db(), options)).toBe(0)
    const list = body(
      await as(
        'supervisor.cd',
        'GET',
        `/api/organizations/${orgOf['worker.cd']}/recipient-requests?limit=50`,
      ),
    )
    expect(list.items.map((i: { status: string }) => i.status).sort()).toEqual([
      'done',
      'open',
      'open',
      'open',
      'refused',
    ])
    expect(list.items.filter((i: { overdue: boolean }) => i.overdue)).toHaveLength(1)
    const refused = list.items.find((i: { status: string }) => i.status === 'refused')
    const own = body(await as('worker.cd', 'GET', `/api/recipients/${refused.recipientId}/requests`))
    expect(own.items[0]).toMatchObject({ kind: 'deletion', outcome: expect.stringContaining('结案后') })
  })
})
