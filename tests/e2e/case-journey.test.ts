import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, newContext, seriousViolations, signIn } from './browser.ts'
import { PARTNER, PARTNER_ORG, registerRecipient, SUPERVISOR, WORKER } from './marketplace.ts'

const baseUrl = inject('baseUrl')
// Canary values for the sensitive fields typed here; the run proves they reach no log (canary.ts).
const canaries = inject('canaries')

// Issue 6, item 10: a worker registers a recipient with consent → intake → assessment submitted →
// the supervisor approves in a second browser → plan → a need posted from the case is referred and
// met → evaluation → closure approved → follow-up recorded. Three browsers: worker, supervisor, and
// the partner that serves the referral.
describe.skipIf(!inject('chromium'))('a case through the whole service process', () => {
  let browser: Browser
  const contexts: BrowserContext[] = []
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
  })
  async function open(email: string): Promise<Page> {
    const context = await newContext(browser, baseUrl, { axe: true })
    contexts.push(context)
    const page = await context.newPage()
    await signIn(page, email)
    return page
  }
  const fill = (page: Page, name: string, value: string) => page.locator(`[name="${name}"]`).fill(value)
  const stageCard = (page: Page, stage: string) => page.getByRole('heading', { name: `本阶段：${stage}` })
  const inDays = (n: number) =>
    new Date(Date.now() + n * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)

  /** The supervisor opens the case from the approval queue and approves what waits there. */
  async function approve(supervisor: Page, code: string, kind: string, comment: string) {
    await supervisor.goto('/cases/approvals')
    const item = supervisor.locator('li.v-item').filter({ hasText: code }).filter({ hasText: kind })
    await item.getByRole('link', { name: '审阅' }).click()
    await supervisor.waitForURL(/\/cases\/[0-9a-f-]{36}#decide$/)
    const panel = supervisor.locator('#decide')
    await panel.getByText(kind).first().waitFor()
    expect(await seriousViolations(supervisor)).toEqual([])
    await panel.locator('textarea[name="comment"]').fill(comment)
    await panel.getByRole('button', { name: '批准' }).click()
    await supervisor.getByText('已批准。').waitFor()
  }

  it('goes from registration to a recorded follow-up', async () => {
    const worker = await open(WORKER)
    const supervisor = await open(SUPERVISOR)

    // Register the recipient and record their consent to be served.
    const recipientId = await registerRecipient(worker, {
      name: '冯卫东',
      birthYear: 1958,
      phone: '13800007788',
      category: 'demobilized',
      district: '510104',
    })
    await worker.getByRole('button', { name: '记录同意' }).click()
    await worker.locator('select[name="purpose"]').selectOption('service')
    await worker.locator('input[name="scope"]').fill('个案服务与资源链接')
    await worker.getByRole('button', { name: '保存同意记录' }).click()
    await worker.getByText('同意范围：个案服务与资源链接').waitFor()

    // Household and service details are sealed: saved, then shown masked.
    await worker.getByRole('button', { name: '填写或更正' }).click()
    await fill(worker, 'military', canaries.typedMilitary)
    await worker.getByRole('button', { name: '保存', exact: true }).click()
    await worker.getByText('已加密保存。').waitFor()
    expect(await worker.locator('main').innerText()).not.toContain(canaries.typedMilitary)

    // Intake: open the case from the recipient's page and record the service agreement.
    await worker.getByRole('button', { name: '开案' }).click()
    await worker.waitForURL(/\/cases\/[0-9a-f-]{36}$/)
    const caseId = worker.url().split('/').pop()!
    const code = (await worker.locator('h1').innerText()).replace('个案', '').trim()
    await stageCard(worker, '接案').waitFor()
    await worker.locator('select[name="source"]').selectOption('community')
    await fill(worker, 'collectedInfo', '社区网格员转介：独居退役军人，膝关节术后行走困难。')
    await fill(worker, 'initialProblems', '术后康复缺乏；独居照护不足。')
    await fill(worker, 'services', '康复资源链接、每两周家访')
    await worker.getByRole('button', { name: '记录', exact: true }).click()
    await stageCard(worker, '预估').waitFor()
    expect(await seriousViolations(worker)).toEqual([])

    // Assessment: a need with its causes and priority, submitted to the supervisors.
    await worker.locator('select[name="category-0"]').selectOption('rehabilitation')
    await fill(worker, 'description-0', '每周两次的康复训练')
    await fill(worker, 'causes-0', '术后未做系统康复')
    await fill(worker, 'summary', '以康复为先，同时关注独居照护。')
    await worker.getByRole('button', { name: '提交督导审批' }).click()
    await worker.getByText('预估报告已提交，等待督导审批。').first().waitFor()

    // The supervisor, in a second browser, approves it from the queue.
    await approve(supervisor, code, '预估报告', '预估清楚，同意。')

    // Plan, submitted and approved.
    await worker.reload()
    await stageCard(worker, '计划').waitFor()
    await fill(worker, 'purpose', '恢复行走能力，保障独居安全。')
    await fill(worker, 'goal-0', '三个月内独立行走 500 米')
    await fill(worker, 'strategy', '链接社区康复资源，构建社会支持网络。')
    await fill(worker, 'endsOn', inDays(90))
    await fill(worker, 'step-0', '转介康复医院上门康复')
    await fill(worker, 'roleWorker', '链接资源、家访')
    await fill(worker, 'roleRecipient', '坚持训练')
    await fill(worker, 'indicator-0', '康复训练出勤率')
    await fill(worker, 'indicator-target-0', '≥ 80%')
    await fill(worker, 'indicator-1', '独立行走距离')
    await fill(worker, 'indicator-target-1', '500 米')
    await worker.getByRole('button', { name: '提交督导审批' }).click()
    await worker.getByText('服务计划书已提交，等待督导审批。').first().waitFor()
    await approve(supervisor, code, '服务计划书', '计划可行。')

    // Intervention: a need posted from the case.
    await worker.reload()
    await stageCard(worker, '介入').waitFor()
    const needs = worker
      .locator('section')
      .filter({ has: worker.getByRole('heading', { name: '从个案发布的需求' }) })
    await needs.locator('summary').filter({ hasText: '发布需求' }).click()
    await fill(worker, 'needTitle', '冯叔叔膝关节术后康复')
    await needs.locator('input[name="needCategories"][value="rehabilitation"]').check()
    await fill(worker, 'publicSummary', '六十多岁的退役军人，膝关节术后，需要每周两次的肢体康复训练。')
    await needs.locator('form button[type="submit"]').click()
    await worker.getByText('需求已发布').waitFor()
    const needLink = needs.getByRole('link', { name: '冯叔叔膝关节术后康复' })
    const needId = (await needLink.getAttribute('href'))!.split('/').pop()!

    // The need is referred with the recipient's consent to share with the partner …
    await worker.goto(`/needs/${needId}`)
    const match = worker
      .locator('[data-testid="match"]')
      .filter({ hasText: PARTNER_ORG })
      .filter({ has: worker.getByRole('button', { name: '转介' }) })
      .first()
    await match.waitFor({ timeout: 30_000 })
    await match.getByRole('button', { name: '转介' }).click()
    const dialog = worker.locator('dialog[open]')
    await dialog.getByRole('button', { name: '记录同意' }).click()
    await dialog.getByRole('button', { name: '保存同意记录' }).click()
    await dialog.getByText(`记录服务对象同意向“${PARTNER_ORG}”共享信息`).waitFor()
    await dialog.getByRole('button', { name: '发送转介' }).click()
    await worker.waitForURL(/\/referrals\/[0-9a-f-]{36}$/)
    const referralId = worker.url().split('/').pop()!

    // … and the partner accepts, serves and resolves it: the need is met.
    const partner = await open(PARTNER)
    await partner.goto(`/referrals/${referralId}`)
    const actions = partner.getByRole('group', { name: '可执行的操作' })
    for (const [button, status] of [
      ['接收', '已接收'],
      ['开始服务', '服务中'],
    ]) {
      await actions.getByRole('button', { name: button }).click()
      await partner.locator('dialog[open]').getByRole('button', { name: button }).click()
      await expect
        .poll(() => partner.getByTestId('referral-status').innerText(), { timeout: 15_000 })
        .toContain(status)
    }
    await actions.getByRole('button', { name: '已解决结案' }).click()
    await partner.locator('dialog[open] input[name="outcome"]').fill('康复师上门指导 8 次，行走明显改善。')
    await partner.locator('dialog[open]').getByRole('button', { name: '已解决结案' }).click()
    await expect
      .poll(() => partner.getByTestId('referral-status').innerText(), { timeout: 15_000 })
      .toContain('已解决')

    // Back on the case: the need shows as met, with its referral.
    await worker.goto(`/cases/${caseId}`)
    await stageCard(worker, '介入').waitFor()
    await needs.getByText('已满足').waitFor()
    await needs.getByText(`转介至`).first().waitFor()

    // An intervention note naming method and technique, then on to evaluation.
    await worker.locator('select[name="method"]').selectOption('resource_linking')
    await worker.locator('select[name="technique"]').selectOption('support_network')
    await fill(worker, 'content', canaries.typedCaseNote)
    await fill(worker, 'progress', '服务对象按时参加训练。')
    await worker.getByRole('button', { name: '记录一次介入' }).click()
    await worker.getByText('已记录。').first().waitFor()
    await worker.getByRole('button', { name: '结束介入，进入评估' }).click()
    await stageCard(worker, '评估').waitFor()

    // Evaluation against each of the plan's indicators.
    await fill(worker, 'result-0', '出勤 22/24 次')
    await fill(worker, 'result-1', '可独立行走约 450 米')
    await worker.locator('select[name="attainment-1"]').selectOption('partly_met')
    await fill(worker, 'objectiveData', '康复医院训练记录')
    await fill(worker, 'recipientFeedback', '腿脚利索多了。')
    await fill(worker, 'summary', '目标基本达成。')
    await worker.getByRole('button', { name: '记录', exact: true }).click()
    await stageCard(worker, '结案').waitFor()

    // Closure, approved by the supervisor.
    await fill(worker, 'changesConsolidated', '社区康复站每周训练，战友定期探访。')
    await fill(worker, 'relationshipEnded', '提前告知结案，服务对象情绪平稳。')
    await fill(worker, 'followUpPlan', '一个月后电话回访。')
    await worker.getByRole('button', { name: '提交督导审批' }).click()
    await worker.getByText('结案记录已提交，等待督导审批。').first().waitFor()
    await approve(supervisor, code, '结案记录', '同意结案。')

    // Follow-up after closure.
    await worker.reload()
    await stageCard(worker, '跟进').waitFor()
    await worker.getByText('已结案', { exact: true }).first().waitFor()
    await fill(worker, 'notes', '电话回访，坚持训练，情况稳定。')
    await worker.getByRole('button', { name: '记录一次跟进' }).click()
    await worker.getByText('电话回访，坚持训练，情况稳定。').waitFor()
    expect(await worker.locator('[aria-current="step"]').innerText()).toContain('跟进')
    expect(await seriousViolations(worker)).toEqual([])

    // The supervisor reads who opened the case.
    await supervisor.goto(`/cases/${caseId}/views`)
    const log = supervisor.locator('table')
    await log.waitFor()
    expect(await log.innerText()).toContain('张晓燕')
    expect(await log.innerText()).toContain('李建国')
    void recipientId
  }, 300_000)
})
