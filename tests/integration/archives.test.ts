import { schema } from '@liandong/db'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { caseDocs, makeStaff } from '../support/case-fixtures.ts'
import { makeRecipient } from '../support/marketplace-fixtures.ts'
import { orgIdOf, userIdOf } from '../support/volunteer-fixtures.ts'

// Service archives (Chengdu §9.2.1) through the API: filing on closure of cases, complaints and
// incidents; retention; borrowing and the read access it grants; two-approval destruction with
// the purge and the tombstone; transfer between agencies; who may do what.

let t: TestApp
let agency: string
let otherAgency: string
let docs: ReturnType<typeof caseDocs>
const cookies: Record<string, string> = {}
const body = (res: { body: string }) => JSON.parse(res.body)
type Method = 'GET' | 'POST' | 'PUT'
const as = (who: string, method: Method, url: string, payload?: object, lang = 'en') =>
  t.app.inject({
    method,
    url,
    headers: { cookie: cookies[who]!, 'accept-language': lang },
    ...(payload === undefined ? {} : { payload }),
  })
const day = (offsetDays: number) =>
  new Date(t.clock.now().getTime() + offsetDays * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  agency = await orgIdOf(t.database.db, 'cd-agency')
  otherAgency = await orgIdOf(t.database.db, 'gs-agency')
  docs = caseDocs(t.clock.now())
  for (const who of [
    'worker.cd',
    'supervisor.cd',
    'orgadmin.cd',
    'auditor',
    'partner.cd',
    'volunteer',
    'supervisor.gs',
    'worker.gs',
  ])
    cookies[who] = await signIn(t.app, `${who}@demo.liandong.cn`)
  // A second social worker (the borrower) and a third keeper (the second approver).
  cookies.worker2 = (await makeStaff(t.database.db, agency, 'social_worker', '借阅社工')).cookie
  cookies.keeper3 = (await makeStaff(t.database.db, agency, 'supervisor', '档案员')).cookie
})
afterAll(() => t.close())

/** A case run through its stages by worker.cd and closed by supervisor.cd's approval. */
async function closedCase(name = '李卫国') {
  const recipient = await makeRecipient(t, agency, { name })
  const open = await as('worker.cd', 'POST', `/api/recipients/${recipient.id}/cases`, {})
  expect(open.statusCode, open.body).toBe(201)
  const caseId = body(open).id as string
  const step = async (who: string, method: Method, url: string, payload: object) => {
    const res = await as(who, method, url, payload)
    expect(res.statusCode, `${url} ${res.body}`).toBeLessThan(300)
    return body(res)
  }
  await step('worker.cd', 'POST', `/api/cases/${caseId}/intake`, docs.intake)
  for (const kind of ['assessment', 'plan'] as const) {
    const rec = await step('worker.cd', 'PUT', `/api/cases/${caseId}/${kind}`, {
      content: docs[kind],
      submit: true,
    })
    await step('supervisor.cd', 'POST', `/api/case-records/${rec.id}/approve`, { comment: '同意。' })
  }
  await step('worker.cd', 'POST', `/api/cases/${caseId}/notes`, docs.note)
  await step('worker.cd', 'POST', `/api/cases/${caseId}/advance`, { to: 'evaluation' })
  await step('worker.cd', 'POST', `/api/cases/${caseId}/evaluation`, docs.evaluation)
  const closure = await step('worker.cd', 'PUT', `/api/cases/${caseId}/closure`, {
    content: docs.closure,
    submit: true,
  })
  await step('supervisor.cd', 'POST', `/api/case-records/${closure.id}/approve`, { comment: '同意结案。' })
  return { caseId, recipient }
}

async function archiveOf(recordType: string, subjectId: string) {
  const [row] = await t.database.db
    .select()
    .from(schema.archives)
    .where(
      and(eq(schema.archives.recordType, recordType as 'case'), eq(schema.archives.subjectId, subjectId)),
    )
  return row
}

/** Runs a job's handler as a worker would. */
const runJob = (name: string) =>
  t.app.jobs.queue.handler(name)!({
    id: 'test',
    name,
    payload: {},
    attempt: 1,
    maxAttempts: 5,
    signal: new AbortController().signal,
    log: t.app.log,
  })

/** Moves a file's closing date back so its retention has ended (as if filed years ago). */
async function pastRetention(archiveId: string) {
  await t.database.db
    .update(schema.archives)
    .set({ closedAt: new Date('2010-01-01T00:00:00Z'), retainUntil: '2020-01-01' })
    .where(eq(schema.archives.id, archiveId))
}

async function answeredComplaint(subject: string) {
  const [row] = await t.database.db
    .insert(schema.complaints)
    .values({
      orgId: agency,
      trackingCode: `TS-ARC${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
      secretHash: 'x'.repeat(64),
      kind: 'complaint',
      category: 'service_quality',
      subject,
      body: '上门服务迟到了两次，希望改进。联系人：张先生 13900001111',
      channel: 'public_form',
      contactSealed: 'sealed-contact',
      status: 'answered',
      answer: '已与社工沟通，今后提前电话确认。',
      answeredAt: t.clock.now(),
      dueAt: new Date(t.clock.now().getTime() + 86_400_000),
    })
    .returning()
  return row!
}

async function openIncident() {
  const reporter = await userIdOf(t.database.db, 'worker.cd@demo.liandong.cn')
  const [row] = await t.database.db
    .insert(schema.incidents)
    .values({
      orgId: agency,
      type: 'injury',
      severity: 'general',
      occurredAt: new Date(t.clock.now().getTime() - 3_600_000),
      place: '锦江区书院南街 3 号服务对象家中',
      summary: '家访时服务对象王某跌倒，擦伤手臂。',
      reportedBy: reporter,
    } as typeof schema.incidents.$inferInsert)
    .returning()
  await t.database.db
    .insert(schema.incidentLogEntries)
    .values({ incidentId: row!.id, kind: 'action', body: '拨打 120，陪同就医。', actorId: reporter })
  await t.database.db
    .insert(schema.incidentPeople)
    .values({ incidentId: row!.id, role: 'public', note: '邻居，约 60 岁' })
  return row!
}

describe('filing on closure', () => {
  it('files a case when its closure is approved, with a code-only title, the recipient and the default retention', async () => {
    const { caseId, recipient } = await closedCase('赵建国')
    const a = await archiveOf('case', caseId)
    expect(a).toMatchObject({
      orgId: agency,
      recordType: 'case',
      recipientId: recipient.id,
      status: 'archived',
    })
    expect(a!.code).toMatch(/^A\d{4}-\d{4}$/)
    expect(a!.retentionYears).toBe(t.config.ARCHIVE_RETENTION_YEARS_CASE)
    const closedDay = new Date(a!.closedAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
    expect(a!.retainUntil).toBe(`${Number(closedDay.slice(0, 4)) + a!.retentionYears}${closedDay.slice(4)}`)
    expect(a!.title).toContain(recipient.code)
    expect(a!.title).not.toContain('赵')
    const events = await t.database.db
      .select()
      .from(schema.archiveEvents)
      .where(eq(schema.archiveEvents.archiveId, a!.id))
    expect(events.map((e) => e.kind)).toEqual(['filed'])
    const audit = await t.database.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, 'archive.file'), eq(schema.auditLog.targetId, a!.id)))
    expect(audit).toHaveLength(1)
    // The register shows it to supervisors, without personal data.
    const list = await as('supervisor.cd', 'GET', `/api/orgs/${agency}/archives?type=case`)
    expect(list.statusCode).toBe(200)
    expect(body(list).items.map((i: { id: string }) => i.id)).toContain(a!.id)
    expect(list.body).not.toContain('赵建国')
    expect(list.body).not.toContain('赵**')
  })

  it('files a complaint when the desk closes it, and an incident when its review closes it', async () => {
    const c = await answeredComplaint('服务迟到')
    const closed = await as('supervisor.cd', 'POST', `/api/complaints/${c.id}/close`, {
      note: '已回访，无异议。',
    })
    expect(closed.statusCode, closed.body).toBe(200)
    const ca = await archiveOf('complaint', c.id)
    expect(ca).toMatchObject({
      title: c.trackingCode,
      retentionYears: t.config.ARCHIVE_RETENTION_YEARS_COMPLAINT,
    })

    const i = await openIncident()
    const review = {
      reviewSummary: '服务对象跌倒擦伤，已就医。',
      reviewCauses: '地面湿滑',
      reviewLessons: '家访先查看居家安全',
    }
    const res = await as('supervisor.cd', 'POST', `/api/incidents/${i.id}/close`, review)
    expect(res.statusCode, res.body).toBe(200)
    const ia = await archiveOf('incident', i.id)
    expect(ia).toMatchObject({
      recordType: 'incident',
      retentionYears: t.config.ARCHIVE_RETENTION_YEARS_INCIDENT,
    })
    expect(ia!.title).not.toContain('王')
    // Closing again does not file twice.
    expect((await as('supervisor.cd', 'POST', `/api/incidents/${i.id}/close`, review)).statusCode).toBe(409)
    const rows = await t.database.db.select().from(schema.archives).where(eq(schema.archives.subjectId, i.id))
    expect(rows).toHaveLength(1)
  })
})

describe('retention periods', () => {
  it('shows the defaults, takes the agency’s own (1–100) and applies them to later filings only', async () => {
    const before = body(await as('orgadmin.cd', 'GET', `/api/orgs/${agency}/archive-retention`))
    expect(before).toContainEqual({ recordType: 'complaint', years: 5, isDefault: true, default: 5 })
    for (const years of [0, 101, 2.5])
      expect(
        (
          await as('orgadmin.cd', 'PUT', `/api/orgs/${agency}/archive-retention`, {
            items: [{ recordType: 'complaint', years }],
          })
        ).statusCode,
      ).toBe(422)
    const bad = await as(
      'orgadmin.cd',
      'PUT',
      `/api/orgs/${agency}/archive-retention`,
      { items: [{ recordType: 'complaint', years: 0 }] },
      'zh-CN',
    )
    expect(body(bad).error.details[0].field).toContain('years')
    expect(body(bad).error.message).toMatch(/[\u4e00-\u9fff]/)
    expect(body(await as('orgadmin.cd', 'GET', `/api/orgs/${agency}/archive-retention`))).toEqual(before)
    // The auditor reads them but may not change them; a worker may not even read them.
    expect((await as('auditor', 'GET', `/api/orgs/${agency}/archive-retention`)).statusCode).toBe(200)
    expect(
      (
        await as('auditor', 'PUT', `/api/orgs/${agency}/archive-retention`, {
          items: [{ recordType: 'case', years: 3 }],
        })
      ).statusCode,
    ).toBe(403)
    expect((await as('worker.cd', 'GET', `/api/orgs/${agency}/archive-retention`)).statusCode).toBe(403)

    const filedBefore = await answeredComplaint('旧规则')
    await as('supervisor.cd', 'POST', `/api/complaints/${filedBefore.id}/close`, { note: '结案。' })
    const put = await as('orgadmin.cd', 'PUT', `/api/orgs/${agency}/archive-retention`, {
      items: [{ recordType: 'complaint', years: 7 }],
    })
    expect(put.statusCode, put.body).toBe(200)
    expect(body(put)).toContainEqual({ recordType: 'complaint', years: 7, isDefault: false, default: 5 })
    const c = await answeredComplaint('新规则')
    await as('supervisor.cd', 'POST', `/api/complaints/${c.id}/close`, { note: '结案。' })
    expect((await archiveOf('complaint', c.id))!.retentionYears).toBe(7)
    expect((await archiveOf('complaint', filedBefore.id))!.retentionYears).toBe(5)
    // Another agency still has the default.
    const gs = body(await as('supervisor.gs', 'GET', `/api/orgs/${otherAgency}/archive-retention`))
    expect(gs).toContainEqual({ recordType: 'complaint', years: 5, isDefault: true, default: 5 })
  })
})

describe('borrowing', () => {
  let caseId: string
  let archiveId: string
  let code: string

  beforeAll(async () => {
    caseId = (await closedCase('钱振华')).caseId
    const a = (await archiveOf('case', caseId))!
    archiveId = a.id
    code = a.code
  })

  it('a worker finds the file by its number and asks with a purpose and a return date (not past, ≤ 30 days)', async () => {
    // Before any loan, a worker who did not work the case cannot read it.
    expect((await as('worker2', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(404)
    const found = await as('worker2', 'GET', `/api/orgs/${agency}/archives/find?code=${code}`)
    expect(found.statusCode, found.body).toBe(200)
    expect(body(found).id).toBe(archiveId)
    const past = await as('worker2', 'POST', `/api/archives/${archiveId}/borrowings`, {
      purpose: '同类个案参考',
      dueOn: day(-1),
    })
    expect(past.statusCode).toBe(422)
    expect(body(past).error.details[0]).toMatchObject({ field: 'body.dueOn', code: 'field.archive_due_past' })
    const far = await as('worker2', 'POST', `/api/archives/${archiveId}/borrowings`, {
      purpose: '参考',
      dueOn: day(45),
    })
    expect(body(far).error.details[0].code).toBe('field.archive_due_too_far')
    expect(body(far).error.details[0].message).toContain('30')
    const blank = await as('worker2', 'POST', `/api/archives/${archiveId}/borrowings`, {
      purpose: '  ',
      dueOn: day(5),
    })
    expect(blank.statusCode).toBe(422)
    const rows = await t.database.db
      .select()
      .from(schema.archiveBorrowings)
      .where(eq(schema.archiveBorrowings.archiveId, archiveId))
    expect(rows).toHaveLength(0)
  })

  it('a keeper other than the requester approves; the borrower then reads the case but cannot write it', async () => {
    const req = await as('worker2', 'POST', `/api/archives/${archiveId}/borrowings`, {
      purpose: '同类个案参考',
      dueOn: day(7),
    })
    expect(req.statusCode, req.body).toBe(201)
    const borrowingId = body(req).borrowingId
    // A second open request is refused.
    expect(
      body(
        await as('worker2', 'POST', `/api/archives/${archiveId}/borrowings`, {
          purpose: '再借',
          dueOn: day(7),
        }),
      ).error.code,
    ).toBe('archive.borrowing_open')
    // The borrower (a worker) may not decide; a keeper who asked for himself may not approve himself.
    expect(
      (
        await as('worker2', 'POST', `/api/archives/${archiveId}/borrowings/${borrowingId}/decision`, {
          decision: 'approve',
        })
      ).statusCode,
    ).toBe(403)
    const own = await as('supervisor.cd', 'POST', `/api/archives/${archiveId}/borrowings`, {
      purpose: '督导抽查',
      dueOn: day(3),
    })
    const ownId = body(own).borrowingId
    const self = await as(
      'supervisor.cd',
      'POST',
      `/api/archives/${archiveId}/borrowings/${ownId}/decision`,
      {
        decision: 'approve',
      },
    )
    expect(self.statusCode).toBe(403)
    expect(body(self).error.code).toBe('archive.own_request')
    expect(
      (
        await as('orgadmin.cd', 'POST', `/api/archives/${archiveId}/borrowings/${ownId}/decision`, {
          decision: 'reject',
        })
      ).statusCode,
    ).toBe(422)
    expect(
      (
        await as('orgadmin.cd', 'POST', `/api/archives/${archiveId}/borrowings/${ownId}/decision`, {
          decision: 'reject',
          note: '督导可直接阅读，无需借阅。',
        })
      ).statusCode,
    ).toBe(200)

    const ok = await as(
      'orgadmin.cd',
      'POST',
      `/api/archives/${archiveId}/borrowings/${borrowingId}/decision`,
      {
        decision: 'approve',
        note: '请按时归还。',
      },
    )
    expect(ok.statusCode, ok.body).toBe(200)
    expect(
      (
        await as('orgadmin.cd', 'POST', `/api/archives/${archiveId}/borrowings/${borrowingId}/decision`, {
          decision: 'approve',
        })
      ).body,
    ).toContain('archive.borrowing_not_pending')
    const read = await as('worker2', 'GET', `/api/cases/${caseId}`)
    expect(read.statusCode, read.body).toBe(200)
    const write = await as('worker2', 'POST', `/api/cases/${caseId}/follow-ups`, docs.followUp)
    expect([403, 404]).toContain(write.statusCode)
    const mine = body(await as('worker2', 'GET', '/api/archives/borrowings/mine'))
    expect(mine[0]).toMatchObject({ id: borrowingId, status: 'approved', readable: true, archiveCode: code })
    const notices = await t.database.db
      .select()
      .from(schema.notifications)
      .where(eq(schema.notifications.kind, 'archive.borrow_approved'))
    expect(notices.length).toBeGreaterThan(0)
    // A file out on loan is not transferred.
    const transfer = await as('supervisor.cd', 'POST', `/api/archives/${archiveId}/transfer`, {
      toOrgId: otherAgency,
      reason: '服务对象搬迁',
    })
    expect(body(transfer).error.code).toBe('archive.borrowed_out')
  })

  it('reading ends when the due date passes (the borrower is told once), and after the return', async () => {
    const [b] = await t.database.db
      .select()
      .from(schema.archiveBorrowings)
      .where(
        and(
          eq(schema.archiveBorrowings.archiveId, archiveId),
          eq(schema.archiveBorrowings.status, 'approved'),
        ),
      )
    await t.database.db
      .update(schema.archiveBorrowings)
      .set({ dueOn: day(-1) })
      .where(eq(schema.archiveBorrowings.id, b!.id))
    expect((await as('worker2', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(404)
    await Promise.all([runJob('archives.borrowing_overdue'), runJob('archives.borrowing_overdue')])
    await runJob('archives.borrowing_overdue')
    const told = await t.database.db
      .select()
      .from(schema.notifications)
      .where(eq(schema.notifications.kind, 'archive.borrow_overdue'))
    expect(told).toHaveLength(1)
    // Back within the date, then returned: reading ends again.
    await t.database.db
      .update(schema.archiveBorrowings)
      .set({ dueOn: day(2) })
      .where(eq(schema.archiveBorrowings.id, b!.id))
    expect((await as('worker2', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(200)
    const back = await as('worker2', 'POST', `/api/archives/${archiveId}/borrowings/${b!.id}/return`)
    expect(back.statusCode, back.body).toBe(200)
    expect((await as('worker2', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(404)
    expect(
      body(await as('worker2', 'POST', `/api/archives/${archiveId}/borrowings/${b!.id}/return`)).error.code,
    ).toBe('archive.borrowing_not_out')
    const d = body(await as('supervisor.cd', 'GET', `/api/archives/${archiveId}`))
    expect(d.events.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['filed', 'borrow_requested', 'borrow_approved', 'borrow_overdue', 'returned']),
    )
    expect(d.recordLink).toBe(`/cases/${caseId}`)
  })
})

describe('destruction', () => {
  let archiveId: string
  let caseId: string

  beforeAll(async () => {
    caseId = (await closedCase('孙立新')).caseId
    archiveId = (await archiveOf('case', caseId))!.id
    await t.database.db.insert(schema.caseAttachments).values({
      caseId,
      fileNameSealed: 'sealed',
      contentType: 'image/png',
      size: 1,
      sha256: 'x',
      dataSealed: 'sealed',
      uploadedBy: await userIdOf(t.database.db, 'worker.cd@demo.liandong.cn'),
    })
  })

  it('is refused before the retention ends, with a translated message and nothing written', async () => {
    const res = await as(
      'supervisor.cd',
      'POST',
      `/api/archives/${archiveId}/destructions`,
      { reason: '期满' },
      'zh-CN',
    )
    expect(res.statusCode).toBe(409)
    expect(body(res).error.code).toBe('archive.retention_not_passed')
    expect(body(res).error.message).toContain('保管期限')
    const rows = await t.database.db
      .select()
      .from(schema.archiveDestructions)
      .where(eq(schema.archiveDestructions.archiveId, archiveId))
    expect(rows).toHaveLength(0)
  })

  it('needs two approvals by two other keepers; the second purges the contents and leaves the tombstone', async () => {
    await pastRetention(archiveId)
    expect(
      (await as('worker.cd', 'POST', `/api/archives/${archiveId}/destructions`, { reason: '期满' }))
        .statusCode,
    ).toBe(403)
    const asked = await as('supervisor.cd', 'POST', `/api/archives/${archiveId}/destructions`, {
      reason: '保管期满，按制度销毁',
    })
    expect(asked.statusCode, asked.body).toBe(201)
    const destructionId = body(asked).destructionId
    const url = `/api/archives/${archiveId}/destructions/${destructionId}`
    expect(body(await as('supervisor.cd', 'POST', `${url}/approve`)).error.code).toBe('archive.own_request')
    expect((await as('auditor', 'POST', `${url}/approve`)).statusCode).toBe(403)
    const first = await as('orgadmin.cd', 'POST', `${url}/approve`)
    expect(first.statusCode, first.body).toBe(200)
    expect(body(first).status).toBe('archived')
    const again = await as('orgadmin.cd', 'POST', `${url}/approve`)
    expect(again.statusCode).toBe(409)
    expect(body(again).error.code).toBe('archive.already_approved')
    const mid = body(await as('supervisor.cd', 'GET', `/api/archives/${archiveId}`))
    expect(mid.destructions[0]).toMatchObject({ status: 'pending', secondApproverId: null })
    expect(mid.destructions[0].firstApproverName).toBeTruthy()
    // Contents are still there between the approvals.
    expect(
      await t.database.db.select().from(schema.caseRecords).where(eq(schema.caseRecords.caseId, caseId)),
    ).not.toHaveLength(0)

    const second = await as('keeper3', 'POST', `${url}/approve`)
    expect(second.statusCode, second.body).toBe(200)
    expect(body(second).status).toBe('destroyed')
    expect(body(second).purged).toMatchObject({ attachments: 1 })
    expect(body(second).purged.records).toBeGreaterThanOrEqual(6)
    expect(
      await t.database.db.select().from(schema.caseRecords).where(eq(schema.caseRecords.caseId, caseId)),
    ).toHaveLength(0)
    expect(
      await t.database.db
        .select()
        .from(schema.caseAttachments)
        .where(eq(schema.caseAttachments.caseId, caseId)),
    ).toHaveLength(0)
    const [caseRow] = await t.database.db.select().from(schema.cases).where(eq(schema.cases.id, caseId))
    expect(caseRow!.code).toMatch(/^C\d{4}-/)
    const caseEvents = await t.database.db
      .select()
      .from(schema.caseEvents)
      .where(eq(schema.caseEvents.caseId, caseId))
    expect(caseEvents.map((e) => e.kind)).toContain('contents_destroyed')
    // The tombstone: code, title, dates, who asked and who approved.
    const tomb = body(await as('auditor', 'GET', `/api/archives/${archiveId}`))
    expect(tomb).toMatchObject({ status: 'destroyed', code: expect.stringMatching(/^A\d{4}-/) })
    expect(tomb.destroyedAt).toBeTruthy()
    expect(tomb.destructions[0]).toMatchObject({ status: 'approved' })
    expect(
      new Set([
        tomb.destructions[0].requestedById,
        tomb.destructions[0].firstApproverId,
        tomb.destructions[0].secondApproverId,
      ]).size,
    ).toBe(3)
    // A destroyed file is neither borrowed nor destroyed again.
    expect(
      body(
        await as('worker2', 'POST', `/api/archives/${archiveId}/borrowings`, {
          purpose: '参考',
          dueOn: day(3),
        }),
      ).error.code,
    ).toBe('archive.destroyed')
    expect(
      body(await as('supervisor.cd', 'POST', `/api/archives/${archiveId}/destructions`, { reason: '再次' }))
        .error.code,
    ).toBe('archive.destroyed')
  })

  it('purges a complaint and an incident to a fixed marker and counts what went', async () => {
    const c = await answeredComplaint('态度问题')
    await as('supervisor.cd', 'POST', `/api/complaints/${c.id}/close`, { note: '已处理。' })
    const i = await openIncident()
    await as('supervisor.cd', 'POST', `/api/incidents/${i.id}/close`, {
      reviewSummary: '跌倒擦伤，已就医。',
      reviewCauses: '地面湿滑',
      reviewLessons: '先查看居家安全',
    })
    for (const [type, id] of [
      ['complaint', c.id],
      ['incident', i.id],
    ] as const) {
      const a = (await archiveOf(type, id))!
      await pastRetention(a.id)
      const d = body(
        await as('orgadmin.cd', 'POST', `/api/archives/${a.id}/destructions`, { reason: '期满' }),
      ).destructionId
      // A rejection needs a note; the requester cannot reject their own.
      expect(
        (await as('keeper3', 'POST', `/api/archives/${a.id}/destructions/${d}/reject`, {})).statusCode,
      ).toBe(422)
      await as('supervisor.cd', 'POST', `/api/archives/${a.id}/destructions/${d}/approve`)
      const res = await as('keeper3', 'POST', `/api/archives/${a.id}/destructions/${d}/approve`)
      expect(res.statusCode, res.body).toBe(200)
    }
    const [complaint] = await t.database.db
      .select()
      .from(schema.complaints)
      .where(eq(schema.complaints.id, c.id))
    expect(JSON.stringify(complaint)).not.toContain('13900001111')
    expect(complaint).toMatchObject({ contactSealed: null, trackingCode: c.trackingCode })
    expect(complaint!.body).toContain('destroyed')
    const [incident] = await t.database.db
      .select()
      .from(schema.incidents)
      .where(eq(schema.incidents.id, i.id))
    expect(JSON.stringify(incident)).not.toContain('王某')
    expect(JSON.stringify(incident)).not.toContain('书院南街')
    expect(
      await t.database.db
        .select()
        .from(schema.incidentPeople)
        .where(eq(schema.incidentPeople.incidentId, i.id)),
    ).toHaveLength(0)
    const [log] = await t.database.db
      .select()
      .from(schema.incidentLogEntries)
      .where(eq(schema.incidentLogEntries.incidentId, i.id))
    expect(log!.body).not.toContain('120')
    const [d] = await t.database.db
      .select()
      .from(schema.archiveDestructions)
      .where(eq(schema.archiveDestructions.archiveId, (await archiveOf('incident', i.id))!.id))
    expect(d!.purged).toMatchObject({ incidents: 1, people: 1, logEntries: 1 })
  })

  it('a rejected request leaves the file as it was', async () => {
    const { caseId: other } = await closedCase('周明')
    const a = (await archiveOf('case', other))!
    await pastRetention(a.id)
    const d = body(
      await as('supervisor.cd', 'POST', `/api/archives/${a.id}/destructions`, { reason: '期满' }),
    ).destructionId
    const rejected = await as('orgadmin.cd', 'POST', `/api/archives/${a.id}/destructions/${d}/reject`, {
      note: '该服务对象仍可能回访，暂缓销毁。',
    })
    expect(rejected.statusCode, rejected.body).toBe(200)
    expect((await as('keeper3', 'POST', `/api/archives/${a.id}/destructions/${d}/approve`)).statusCode).toBe(
      409,
    )
    expect((await archiveOf('case', other))!.status).toBe('archived')
    expect(
      await t.database.db.select().from(schema.caseRecords).where(eq(schema.caseRecords.caseId, other)),
    ).not.toHaveLength(0)
  })
})

describe('transfer between agencies', () => {
  it('moves the file, the case and its recipient when accepted; the old agency loses access', async () => {
    const { caseId, recipient } = await closedCase('吴海')
    const a = (await archiveOf('case', caseId))!
    expect((await as('worker.cd', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(200)
    const partner = await orgIdOf(t.database.db, 'cd-rehab')
    const notAgency = await as('supervisor.cd', 'POST', `/api/archives/${a.id}/transfer`, {
      toOrgId: partner,
      reason: '搬迁',
    })
    expect(notAgency.statusCode).toBe(422)
    expect(body(notAgency).error.details[0]).toMatchObject({
      field: 'body.toOrgId',
      code: 'field.archive_agency',
    })
    const agencies = body(await as('supervisor.cd', 'GET', `/api/orgs/${agency}/archive-agencies`))
    expect(agencies.map((o: { id: string }) => o.id)).toEqual([otherAgency])

    const asked = await as('supervisor.cd', 'POST', `/api/archives/${a.id}/transfer`, {
      toOrgId: otherAgency,
      reason: '服务对象迁居兰州',
    })
    expect(asked.statusCode, asked.body).toBe(200)
    const incoming = body(
      await as('supervisor.gs', 'GET', `/api/orgs/${otherAgency}/archives?transfer=incoming`),
    )
    expect(incoming.items.map((i: { id: string }) => i.id)).toEqual([a.id])
    expect(incoming.counts.incoming).toBe(1)
    // The sending keeper cannot answer for the receiver; a worker of the receiver cannot either.
    expect(
      (await as('supervisor.cd', 'POST', `/api/archives/${a.id}/transfer/answer`, { answer: 'accept' }))
        .statusCode,
    ).toBe(403)
    expect(
      (await as('worker.gs', 'POST', `/api/archives/${a.id}/transfer/answer`, { answer: 'accept' }))
        .statusCode,
    ).toBe(403)
    const accepted = await as('supervisor.gs', 'POST', `/api/archives/${a.id}/transfer/answer`, {
      answer: 'accept',
    })
    expect(accepted.statusCode, accepted.body).toBe(200)
    expect(body(accepted).orgId).toBe(otherAgency)
    const moved = (await archiveOf('case', caseId))!
    expect(moved).toMatchObject({ orgId: otherAgency, transferToOrgId: null })
    const [caseRow] = await t.database.db.select().from(schema.cases).where(eq(schema.cases.id, caseId))
    expect(caseRow!.orgId).toBe(otherAgency)
    expect(
      await t.database.db.select().from(schema.caseWorkers).where(eq(schema.caseWorkers.caseId, caseId)),
    ).toHaveLength(0)
    const [r] = await t.database.db
      .select()
      .from(schema.recipients)
      .where(eq(schema.recipients.id, recipient.id))
    expect(r!.orgId).toBe(otherAgency)
    // Access after: the old agency's worker and keepers lose it, the new agency's supervisor reads.
    expect((await as('worker.cd', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(404)
    expect((await as('supervisor.cd', 'GET', `/api/archives/${a.id}`)).statusCode).toBe(404)
    expect((await as('supervisor.gs', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(200)
    const d = body(await as('supervisor.gs', 'GET', `/api/archives/${a.id}`))
    expect(d.events.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['filed', 'transfer_requested', 'transfer_accepted']),
    )
    const audits = await t.database.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.targetId, a.id))
    const answered = audits.filter(
      (x) => x.action === 'archive.transfer_out' || String(x.details?.route).endsWith('/transfer/answer'),
    )
    const orgs = new Set(answered.map((x) => x.orgId))
    expect(orgs).toEqual(new Set([agency, otherAgency]))
  })

  it('declined or cancelled transfers leave the file where it was; a recipient with other records blocks it', async () => {
    const { caseId, recipient } = await closedCase('郑光')
    const a = (await archiveOf('case', caseId))!
    await as('supervisor.cd', 'POST', `/api/archives/${a.id}/transfer`, {
      toOrgId: otherAgency,
      reason: '迁居',
    })
    const pending = await as('orgadmin.cd', 'POST', `/api/archives/${a.id}/transfer`, {
      toOrgId: otherAgency,
      reason: '再次',
    })
    expect(body(pending).error.code).toBe('archive.transfer_pending')
    const declined = await as('supervisor.gs', 'POST', `/api/archives/${a.id}/transfer/answer`, {
      answer: 'decline',
      note: '不在服务范围',
    })
    expect(declined.statusCode, declined.body).toBe(200)
    expect((await archiveOf('case', caseId))!).toMatchObject({ orgId: agency, transferToOrgId: null })
    expect((await as('worker.cd', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(200)
    // The receiver no longer sees it.
    expect((await as('supervisor.gs', 'GET', `/api/archives/${a.id}`)).statusCode).toBe(404)

    await as('supervisor.cd', 'POST', `/api/archives/${a.id}/transfer`, {
      toOrgId: otherAgency,
      reason: '迁居',
    })
    expect((await as('supervisor.cd', 'POST', `/api/archives/${a.id}/transfer/cancel`)).statusCode).toBe(200)
    expect((await archiveOf('case', caseId))!.transferToOrgId).toBeNull()

    // A new case for the same person: the older file can no longer take the recipient along.
    await as('worker.cd', 'POST', `/api/recipients/${recipient.id}/cases`, {})
    const blocked = await as(
      'supervisor.cd',
      'POST',
      `/api/archives/${a.id}/transfer`,
      { toOrgId: otherAgency, reason: '迁居' },
      'zh-CN',
    )
    expect(blocked.statusCode).toBe(409)
    expect(body(blocked).error.code).toBe('archive.recipient_elsewhere')
    expect(body(blocked).error.message).toContain(recipient.code)
    expect((await archiveOf('case', caseId))!.transferToOrgId).toBeNull()
  })
})

describe('who may do what', () => {
  it('partners and volunteers see nothing; the auditor reads the register but changes nothing', async () => {
    for (const who of ['partner.cd', 'volunteer']) {
      expect((await as(who, 'GET', `/api/orgs/${agency}/archives`)).statusCode).toBe(403)
      expect((await as(who, 'GET', '/api/archives/borrowings/mine')).statusCode).toBe(403)
    }
    const list = await as('auditor', 'GET', `/api/orgs/${agency}/archives`)
    expect(list.statusCode).toBe(200)
    const { items, counts } = body(list)
    expect(counts.archived + counts.destroyed).toBeGreaterThan(0)
    const id = items[0].id
    expect((await as('auditor', 'GET', `/api/archives/${id}`)).statusCode).toBe(200)
    expect(
      (await as('auditor', 'POST', `/api/archives/${id}/destructions`, { reason: 'x' })).statusCode,
    ).toBe(403)
    expect(
      (await as('auditor', 'POST', `/api/archives/${id}/borrowings`, { purpose: 'x', dueOn: day(2) }))
        .statusCode,
    ).toBe(403)
    // Another agency's keeper gets 404 for a file it may not know about.
    expect((await as('supervisor.gs', 'GET', `/api/archives/${id}`)).statusCode).toBe(404)
    expect((await as('supervisor.gs', 'GET', `/api/orgs/${agency}/archives`)).statusCode).toBe(404)
    // A social worker has no register, only their own borrowings.
    expect((await as('worker.cd', 'GET', `/api/orgs/${agency}/archives`)).statusCode).toBe(403)
    // Filters.
    const destroyed = body(await as('auditor', 'GET', `/api/orgs/${agency}/archives?status=destroyed`))
    expect(destroyed.items.every((i: { status: string }) => i.status === 'destroyed')).toBe(true)
    expect(destroyed.total).toBe(counts.destroyed)
    const bad = await as('auditor', 'GET', `/api/orgs/${agency}/archives?type=letter`)
    expect(bad.statusCode).toBe(422)
  })

  it('tells keepers once when a file becomes due for destruction', async () => {
    const { caseId } = await closedCase('冯涛')
    const a = (await archiveOf('case', caseId))!
    await pastRetention(a.id)
    await runJob('archives.retention_due')
    await runJob('archives.retention_due')
    const keeper = await userIdOf(t.database.db, 'orgadmin.cd@demo.liandong.cn')
    const notes = await t.database.db
      .select()
      .from(schema.notifications)
      .where(and(eq(schema.notifications.userId, keeper), eq(schema.notifications.kind, 'archive.due')))
    expect(notes.filter((n) => n.params.code === a.code)).toHaveLength(1)
  })
})
