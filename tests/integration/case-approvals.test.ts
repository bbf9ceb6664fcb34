import { schema } from '@liandong/db'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { caseDocs, makeStaff } from '../support/case-fixtures.ts'
import { makeRecipient } from '../support/marketplace-fixtures.ts'
import { orgIdOf } from '../support/volunteer-fixtures.ts'

// Supervisors approve or return assessments, plans and closures with a comment; nobody approves
// a document they wrote or a case they work; the queue shows what waits for each supervisor.

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

async function caseAtAssessment(lead: string) {
  const recipientId = (await makeRecipient(t, agency)).id
  const id = body(await as(lead, 'POST', `/api/recipients/${recipientId}/cases`, {})).id
  await as(lead, 'POST', `/api/cases/${id}/intake`, docs.intake)
  return id
}

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  agency = await orgIdOf(t.database.db, 'cd-agency')
  docs = caseDocs(t.clock.now())
  for (const who of ['worker.cd', 'supervisor.cd', 'supervisor.gs', 'orgadmin.cd', 'partner.cd'])
    cookies[who] = await signIn(t.app, `${who}@demo.liandong.cn`)
  cookies.second = (await makeStaff(t.database.db, agency, 'supervisor', '吴督导', t.clock.now())).cookie
})
afterAll(() => t.close())

describe('approvals', () => {
  it('is a supervisor’s step; workers, admins and partners cannot take it', async () => {
    const id = await caseAtAssessment('worker.cd')
    const rec = body(
      await as('worker.cd', 'PUT', `/api/cases/${id}/assessment`, { content: docs.assessment, submit: true }),
    )
    for (const who of ['worker.cd', 'orgadmin.cd', 'partner.cd'])
      expect(
        (await as(who, 'POST', `/api/case-records/${rec.id}/approve`, { comment: '同意' })).statusCode,
        who,
      ).toBe(403)
    // Another agency's supervisor does not know the document exists.
    expect(
      (await as('supervisor.gs', 'POST', `/api/case-records/${rec.id}/approve`, { comment: '同意' }))
        .statusCode,
    ).toBe(404)
    expect(
      (await as('supervisor.cd', 'POST', `/api/case-records/not-a-uuid/approve`, { comment: '同意' }))
        .statusCode,
    ).toBe(422)
    const ok = await as('supervisor.cd', 'POST', `/api/case-records/${rec.id}/approve`, { comment: '同意' })
    expect(ok.statusCode).toBe(200)
    const twice = await as('second', 'POST', `/api/case-records/${rec.id}/return`, { comment: '再看看' })
    expect(body(twice).error.code).toBe('case.record_not_submitted')
    const approved = body(await as('supervisor.cd', 'GET', `/api/cases/${id}`))
    expect(approved.assessment).toMatchObject({ status: 'approved', comment: '同意' })
    const locked = await as('worker.cd', 'PUT', `/api/cases/${id}/plan`, { content: docs.plan })
    expect(locked.statusCode).toBe(200)
  })

  it('never lets a supervisor approve a case they work', async () => {
    // A supervisor opens a case as its lead worker and writes its assessment.
    const id = await caseAtAssessment('supervisor.cd')
    const rec = body(
      await as('supervisor.cd', 'PUT', `/api/cases/${id}/assessment`, {
        content: docs.assessment,
        submit: true,
      }),
    )
    expect(rec.status).toBe('submitted')
    const own = await as('supervisor.cd', 'POST', `/api/case-records/${rec.id}/approve`, {
      comment: '自己批',
    })
    expect(own.statusCode).toBe(403)
    expect(body(own).error.code).toBe('case.own_approval')
    const [row] = await t.database.db
      .select()
      .from(schema.caseRecords)
      .where(eq(schema.caseRecords.id, rec.id))
    expect(row!.status).toBe('submitted')
    // The queue of that supervisor leaves it out; the other supervisor's shows it.
    const mine = body(await as('supervisor.cd', 'GET', `/api/organizations/${agency}/case-approvals`))
    expect(mine.map((i: { recordId: string }) => i.recordId)).not.toContain(rec.id)
    const theirs = body(await as('second', 'GET', `/api/organizations/${agency}/case-approvals`))
    expect(theirs).toEqual(
      expect.arrayContaining([expect.objectContaining({ recordId: rec.id, kind: 'assessment', version: 1 })]),
    )
    expect(
      (await as('second', 'POST', `/api/case-records/${rec.id}/approve`, { comment: '同意' })).statusCode,
    ).toBe(200)
    expect(body(await as('supervisor.cd', 'GET', `/api/cases/${id}`)).stage).toBe('planning')
  })

  it('returns with a comment, and the worker revises and resubmits', async () => {
    const id = await caseAtAssessment('worker.cd')
    const first = body(
      await as('worker.cd', 'PUT', `/api/cases/${id}/assessment`, { content: docs.assessment, submit: true }),
    )
    expect(body(await as('supervisor.cd', 'GET', `/api/organizations/${agency}/case-approvals`))).toEqual(
      expect.arrayContaining([expect.objectContaining({ recordId: first.id, caseId: id })]),
    )
    const short = await as('supervisor.cd', 'POST', `/api/case-records/${first.id}/return`, { comment: '' })
    expect(short.statusCode).toBe(422)
    await as('supervisor.cd', 'POST', `/api/case-records/${first.id}/return`, { comment: '请写明问题成因。' })
    expect(
      body(await as('supervisor.cd', 'GET', `/api/organizations/${agency}/case-approvals`)).map(
        (i: { recordId: string }) => i.recordId,
      ),
    ).not.toContain(first.id)
    const draft = body(
      await as('worker.cd', 'PUT', `/api/cases/${id}/assessment`, { content: docs.assessment }),
    )
    expect(draft).toMatchObject({ version: 2, status: 'draft' })
    // A draft is not in the queue and cannot be decided.
    expect(
      body(await as('supervisor.cd', 'POST', `/api/case-records/${draft.id}/approve`, { comment: '同意' }))
        .error.code,
    ).toBe('case.record_not_submitted')
    const again = body(
      await as('worker.cd', 'PUT', `/api/cases/${id}/assessment`, { content: docs.assessment, submit: true }),
    )
    expect(again).toMatchObject({ id: draft.id, version: 2, status: 'submitted' })
    await as('supervisor.cd', 'POST', `/api/case-records/${again.id}/approve`, { comment: '同意。' })
    const d = body(await as('worker.cd', 'GET', `/api/cases/${id}`))
    expect(d.history).toEqual([
      expect.objectContaining({ version: 1, status: 'returned', comment: '请写明问题成因。' }),
    ])
    expect(d.stage).toBe('planning')
  })

  it('closes a case only on an approved closure', async () => {
    const id = await caseAtAssessment('worker.cd')
    // Straight to the closure stage in the database: the stages before are the cases suite's job.
    await t.database.db.update(schema.cases).set({ stage: 'closure' }).where(eq(schema.cases.id, id))
    const closure = body(
      await as('worker.cd', 'PUT', `/api/cases/${id}/closure`, { content: docs.closure, submit: true }),
    )
    await as('supervisor.cd', 'POST', `/api/case-records/${closure.id}/return`, {
      comment: '再跟进一个月后结案。',
    })
    expect(body(await as('worker.cd', 'GET', `/api/cases/${id}`))).toMatchObject({
      status: 'open',
      stage: 'closure',
    })
    const again = body(
      await as('worker.cd', 'PUT', `/api/cases/${id}/closure`, { content: docs.closure, submit: true }),
    )
    await as('supervisor.cd', 'POST', `/api/case-records/${again.id}/approve`, { comment: '同意结案。' })
    expect(body(await as('worker.cd', 'GET', `/api/cases/${id}`))).toMatchObject({
      status: 'closed',
      stage: 'follow_up',
    })
  })
})
