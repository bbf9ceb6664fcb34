import { schema } from '@liandong/db'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { caseDocs, PNG_1x1 } from '../support/case-fixtures.ts'
import { makeRecipient } from '../support/marketplace-fixtures.ts'
import { orgIdOf, userIdOf } from '../support/volunteer-fixtures.ts'

// The service process of Chengdu §8 through the API: every stage's document, approvals, a need
// posted from the case, attachments, and the referral-out exit at intake.

let t: TestApp
let agency: string
let docs: ReturnType<typeof caseDocs>
const cookies: Record<string, string> = {}
const body = (res: { body: string }) => JSON.parse(res.body)
const as = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    headers: { cookie: cookies[who]! },
    ...(payload === undefined ? {} : { payload }),
  })

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  agency = await orgIdOf(t.database.db, 'cd-agency')
  docs = caseDocs(t.clock.now())
  for (const who of ['worker.cd', 'supervisor.cd'])
    cookies[who] = await signIn(t.app, `${who}@demo.liandong.cn`)
})
afterAll(() => t.close())

async function notices(email: string, kind: string) {
  const userId = await userIdOf(t.database.db, email)
  return t.database.db
    .select()
    .from(schema.notifications)
    .where(and(eq(schema.notifications.userId, userId), eq(schema.notifications.kind, kind)))
}

describe('a case through its seven stages', () => {
  let recipientId: string
  let caseId: string
  const detail = async () => body(await as('worker.cd', 'GET', `/api/cases/${caseId}`))

  it('opens at intake with a file number; a second open case for the same person is refused', async () => {
    recipientId = (await makeRecipient(t, agency, { name: '王建军' })).id
    const res = await as('worker.cd', 'POST', `/api/recipients/${recipientId}/cases`, {})
    expect(res.statusCode, res.body).toBe(201)
    caseId = body(res).id
    expect(body(res).code).toMatch(/^C\d{4}-0001$/)
    const again = await as('worker.cd', 'POST', `/api/recipients/${recipientId}/cases`, {})
    expect(again.statusCode).toBe(409)
    expect(body(again).error.code).toBe('case.already_open')
    const d = await detail()
    expect(d).toMatchObject({ stage: 'intake', status: 'open', recipient: { nameMasked: '王**' } })
    expect(d.workers).toEqual([expect.objectContaining({ role: 'lead', name: '张晓燕' })])
    expect(JSON.stringify(d)).not.toContain('王建军')
  })

  it('records intake with a signed service agreement and moves to assessment', async () => {
    const future = await as('worker.cd', 'POST', `/api/cases/${caseId}/intake`, {
      ...docs.intake,
      agreement: { ...docs.intake.agreement, signedOn: '2999-01-01' },
    })
    expect(future.statusCode).toBe(422)
    expect(body(future).error.details[0].field).toBe('body.agreement.signedOn')
    const missing = await as('worker.cd', 'POST', `/api/cases/${caseId}/intake`, { source: 'self' })
    expect(missing.statusCode).toBe(422)
    const early = await as('worker.cd', 'PUT', `/api/cases/${caseId}/plan`, { content: docs.plan })
    expect(body(early).error.code).toBe('case.wrong_stage')
    const res = await as('worker.cd', 'POST', `/api/cases/${caseId}/intake`, docs.intake)
    expect(res.statusCode, res.body).toBe(201)
    expect(body(res)).toMatchObject({ kind: 'intake', status: 'recorded' })
    const d = await detail()
    expect(d.stage).toBe('assessment')
    expect(d.intake.content.agreement.services).toBe(docs.intake.agreement.services)
  })

  it('keeps an assessment as a draft, checks priorities, and sends it to supervisors', async () => {
    const badOrder = await as('worker.cd', 'PUT', `/api/cases/${caseId}/assessment`, {
      content: { ...docs.assessment, needs: docs.assessment.needs.map((n) => ({ ...n, priority: 1 })) },
    })
    expect(badOrder.statusCode).toBe(422)
    expect(body(badOrder).error.details[0].field).toBe('body.content.needs.1.priority')
    const draft = body(
      await as('worker.cd', 'PUT', `/api/cases/${caseId}/assessment`, { content: docs.assessment }),
    )
    expect(draft).toMatchObject({ status: 'draft', version: 1 })
    const submitted = body(
      await as('worker.cd', 'PUT', `/api/cases/${caseId}/assessment`, {
        content: docs.assessment,
        submit: true,
      }),
    )
    expect(submitted).toMatchObject({ id: draft.id, status: 'submitted', version: 1 })
    const locked = await as('worker.cd', 'PUT', `/api/cases/${caseId}/assessment`, {
      content: docs.assessment,
    })
    expect(body(locked).error.code).toBe('case.record_submitted')
    expect(await notices('supervisor.cd@demo.liandong.cn', 'case.assessment_submitted')).toHaveLength(1)
    const approved = await as('supervisor.cd', 'POST', `/api/case-records/${draft.id}/approve`, {
      comment: '预估清楚，同意。',
    })
    expect(approved.statusCode, approved.body).toBe(200)
    expect((await detail()).stage).toBe('planning')
    expect(await notices('worker.cd@demo.liandong.cn', 'case.assessment_approved')).toHaveLength(1)
  })

  it('returns a plan with a comment; the revision is a new version and the first stays in the history', async () => {
    const noOutcome = await as('worker.cd', 'PUT', `/api/cases/${caseId}/plan`, {
      content: { ...docs.plan, indicators: [docs.plan.indicators[0], docs.plan.indicators[0]] },
      submit: true,
    })
    expect(noOutcome.statusCode).toBe(422)
    expect(body(noOutcome).error.details[0].code).toBe('field.case_indicators')
    const first = body(
      await as('worker.cd', 'PUT', `/api/cases/${caseId}/plan`, { content: docs.plan, submit: true }),
    )
    const noComment = await as('supervisor.cd', 'POST', `/api/case-records/${first.id}/return`, {})
    expect(noComment.statusCode).toBe(422)
    await as('supervisor.cd', 'POST', `/api/case-records/${first.id}/return`, {
      comment: '请补充跌倒的应急预案。',
    })
    expect((await detail()).plan).toMatchObject({ status: 'returned', comment: '请补充跌倒的应急预案。' })
    const second = body(
      await as('worker.cd', 'PUT', `/api/cases/${caseId}/plan`, {
        content: {
          ...docs.plan,
          risks: [...docs.plan.risks, { risk: '独居夜间突发', contingency: '配置一键呼叫' }],
        },
        submit: true,
      }),
    )
    expect(second).toMatchObject({ version: 2, status: 'submitted' })
    await as('supervisor.cd', 'POST', `/api/case-records/${second.id}/approve`, { comment: '同意。' })
    const d = await detail()
    expect(d.stage).toBe('intervention')
    expect(d.plan).toMatchObject({ version: 2, status: 'approved', decidedByName: '李建国' })
    expect(d.history).toEqual([expect.objectContaining({ id: first.id, version: 1, status: 'returned' })])
  })

  it('posts a need from the case, which links back to it', async () => {
    const res = await as('worker.cd', 'POST', `/api/cases/${caseId}/needs`, {
      title: '术后康复训练',
      categories: ['rehabilitation'],
      publicSummary: '一位六十多岁的退役军人髋关节术后，需要每周两次的康复训练。',
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(body(res)).toMatchObject({ caseId, recipientId, status: 'open' })
    expect((await detail()).needs).toEqual([expect.objectContaining({ id: body(res).id, referrals: [] })])
  })

  it('records intervention notes naming method and technique, then moves on to evaluation', async () => {
    const none = await as('worker.cd', 'POST', `/api/cases/${caseId}/advance`, { to: 'evaluation' })
    expect(body(none).error.code).toBe('case.no_notes')
    const badMethod = await as('worker.cd', 'POST', `/api/cases/${caseId}/notes`, {
      ...docs.note,
      method: 'magic',
    })
    expect(badMethod.statusCode).toBe(422)
    expect((await as('worker.cd', 'POST', `/api/cases/${caseId}/notes`, docs.note)).statusCode).toBe(201)
    expect(
      (
        await as('worker.cd', 'POST', `/api/cases/${caseId}/notes`, {
          ...docs.note,
          technique: 'life_review',
        })
      ).statusCode,
    ).toBe(201)
    expect(
      (await as('worker.cd', 'POST', `/api/cases/${caseId}/advance`, { to: 'evaluation' })).statusCode,
    ).toBe(200)
    const d = await detail()
    expect(d.stage).toBe('evaluation')
    expect(d.notes.map((n: { content: { technique: string } }) => n.content.technique)).toEqual([
      'life_review',
      'support_network',
    ])
  })

  it('evaluates against every indicator of the approved plan', async () => {
    const partial = await as('worker.cd', 'POST', `/api/cases/${caseId}/evaluation`, {
      ...docs.evaluation,
      results: [docs.evaluation.results[0]],
    })
    expect(partial.statusCode).toBe(422)
    expect(body(partial).error.details[0]).toMatchObject({
      field: 'body.results',
      code: 'field.case_indicator_missing',
    })
    const res = await as('worker.cd', 'POST', `/api/cases/${caseId}/evaluation`, docs.evaluation)
    expect(res.statusCode, res.body).toBe(201)
    expect((await detail()).stage).toBe('closure')
  })

  it('closes when the supervisor approves the closure; follow-ups come after', async () => {
    const early = await as('worker.cd', 'POST', `/api/cases/${caseId}/follow-ups`, docs.followUp)
    expect(body(early).error.code).toBe('case.closed')
    const closure = body(
      await as('worker.cd', 'PUT', `/api/cases/${caseId}/closure`, { content: docs.closure, submit: true }),
    )
    await as('supervisor.cd', 'POST', `/api/case-records/${closure.id}/approve`, { comment: '同意结案。' })
    const closed = await detail()
    expect(closed).toMatchObject({ stage: 'follow_up', status: 'closed' })
    expect(closed.closedAt).not.toBeNull()
    expect((await as('worker.cd', 'POST', `/api/cases/${caseId}/follow-ups`, docs.followUp)).statusCode).toBe(
      201,
    )
    const noMoreNotes = await as('worker.cd', 'POST', `/api/cases/${caseId}/notes`, docs.note)
    expect(body(noMoreNotes).error.code).toBe('case.closed')
    const d = await detail()
    expect(d.followUps).toHaveLength(1)
    expect(d.events.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['opened', 'approved', 'returned', 'stage']),
    )
    // The recipient page lists the case.
    const list = body(await as('worker.cd', 'GET', `/api/recipients/${recipientId}/cases`))
    expect(list).toEqual([expect.objectContaining({ id: caseId, status: 'closed', stage: 'follow_up' })])
  })

  it('keeps what the documents say sealed at rest', async () => {
    const rows = await t.database.db
      .select()
      .from(schema.caseRecords)
      .where(eq(schema.caseRecords.caseId, caseId))
    expect(rows.length).toBeGreaterThanOrEqual(9)
    const stored = JSON.stringify(rows)
    for (const secret of ['独居', '髋关节', '请补充跌倒', '战友']) expect(stored).not.toContain(secret)
  })

  it('keeps files of the allowed types, sealed, and gives them back as they were', async () => {
    const fake = await as('worker.cd', 'POST', `/api/cases/${caseId}/attachments`, {
      fileName: '服务协议.pdf',
      contentType: 'application/pdf',
      content: PNG_1x1.toString('base64'),
    })
    expect(fake.statusCode).toBe(422)
    expect(body(fake).error.details[0].code).toBe('field.file_type')
    const wrongType = await as('worker.cd', 'POST', `/api/cases/${caseId}/attachments`, {
      fileName: 'a.exe',
      contentType: 'application/x-msdownload',
      content: 'TVqQAAMAAAAEAAAA',
    })
    expect(wrongType.statusCode).toBe(422)
    const res = await as('worker.cd', 'POST', `/api/cases/${caseId}/attachments`, {
      fileName: '王建军-协议签字页.png',
      contentType: 'image/png',
      content: PNG_1x1.toString('base64'),
    })
    expect(res.statusCode, res.body).toBe(201)
    const [row] = await t.database.db
      .select()
      .from(schema.caseAttachments)
      .where(eq(schema.caseAttachments.id, body(res).id))
    expect(JSON.stringify(row)).not.toContain('王建军')
    const got = await as('worker.cd', 'GET', `/api/cases/${caseId}/attachments/${body(res).id}`)
    expect(got.statusCode).toBe(200)
    expect(got.headers['content-type']).toBe('image/png')
    expect(got.rawPayload.equals(PNG_1x1)).toBe(true)
    expect(String(got.headers['content-disposition'])).toContain(encodeURIComponent('王建军-协议签字页.png'))
    expect((await detail()).attachments).toEqual([
      expect.objectContaining({ fileName: '王建军-协议签字页.png', size: PNG_1x1.length }),
    ])
  })

  it('refuses a file over 5 MB', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 10)
    PNG_1x1.copy(big)
    const res = await as('worker.cd', 'POST', `/api/cases/${caseId}/attachments`, {
      fileName: 'big.png',
      contentType: 'image/png',
      content: big.toString('base64'),
    })
    expect([413, 422]).toContain(res.statusCode)
    expect(body(res).error).toBeDefined()
  })
})

describe('referral out at intake', () => {
  it('ends the case when the agency cannot help', async () => {
    const recipientId = (await makeRecipient(t, agency)).id
    const caseId = body(await as('worker.cd', 'POST', `/api/recipients/${recipientId}/cases`, {})).id
    const res = await as('worker.cd', 'POST', `/api/cases/${caseId}/referral-out`, {
      source: 'self',
      collectedInfo: '需要长期住院精神科治疗。',
      initialProblems: '精神疾病急性期。',
      reason: '超出本机构服务能力，需要医疗机构。',
      referredTo: '成都市第四人民医院',
      referredOn: docs.intake.agreement.signedOn,
    })
    expect(res.statusCode, res.body).toBe(201)
    const d = body(await as('worker.cd', 'GET', `/api/cases/${caseId}`))
    expect(d).toMatchObject({
      status: 'referred_out',
      stage: 'intake',
      referralOut: { content: { referredTo: '成都市第四人民医院' } },
    })
    expect(d.can.write).toBe(false)
    expect(body(await as('worker.cd', 'POST', `/api/cases/${caseId}/intake`, docs.intake)).error.code).toBe(
      'case.closed',
    )
    // A new case may be opened later.
    expect((await as('worker.cd', 'POST', `/api/recipients/${recipientId}/cases`, {})).statusCode).toBe(201)
  })
})
