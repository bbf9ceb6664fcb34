import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, newContext, seriousViolations, signIn } from './browser.ts'
import {
  markPage,
  PARTNER,
  PARTNER_ORG,
  postNeed,
  registerRecipient,
  stillSamePage,
  WORKER,
} from './marketplace.ts'

const baseUrl = inject('baseUrl')

// The closed loop of issue 5 in two browsers: a social worker posts a need from a recipient, reads
// the explained matches, refers with the recipient's consent; the partner sees it arrive live,
// accepts, serves and closes it with an outcome; the worker follows every step live.
describe.skipIf(!inject('chromium'))('a referral from need to outcome, live on both sides', () => {
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

  it('posts, matches with reasons, refers with consent, and follows the referral to its outcome', async () => {
    const worker = await open(WORKER)
    const partner = await open(PARTNER)

    const recipientId = await registerRecipient(worker, {
      name: '赵建国',
      birthYear: 1962,
      phone: '13800005678',
      category: 'demobilized',
      district: '510104',
    })
    const summary = '六十多岁的退役军人，膝关节置换术后，需要每周两次的肢体康复训练。'
    const needId = await postNeed(worker, recipientId, {
      title: '赵叔叔膝关节术后康复',
      category: 'rehabilitation',
      summary,
      privateText: '女儿白天上班，上午在家。',
    })

    // The matches explain themselves; those failing a hard rule are greyed out with the rule.
    const matches = worker.locator('[data-testid="match"]')
    const first = matches.first()
    for (const part of ['类别', '条件', '地域', '余量', '响应', '文本'])
      await expect.poll(() => first.getByText(part, { exact: true }).count(), { timeout: 15_000 }).toBe(1)
    expect(await worker.locator('.match.ineligible .rule').count()).toBeGreaterThan(0)
    expect(
      await worker.locator('.match.ineligible').first().getByRole('button', { name: '转介' }).count(),
    ).toBe(0)

    // The partner waits on its inbox.
    await partner.goto('/referrals')
    await partner.waitForSelector('h1')
    await markPage(partner)

    // Refer to the partner's resource: no consent yet, so the dialog says so and records one.
    const match = matches
      .filter({ hasText: PARTNER_ORG })
      .filter({ has: worker.getByRole('button', { name: '转介' }) })
      .first()
    const resourceName = (await match.locator('h3').innerText()).trim()
    await match.getByRole('button', { name: '转介' }).click()
    const dialog = worker.locator('dialog[open]')
    await dialog.getByText('尚无服务对象同意').waitFor()
    expect(await dialog.getByRole('button', { name: '发送转介' }).isDisabled()).toBe(true)
    await dialog.getByRole('button', { name: '记录同意' }).click()
    await dialog.getByRole('button', { name: '保存同意记录' }).click()
    await dialog.getByText(`记录服务对象同意向“${PARTNER_ORG}”共享信息`).waitFor()
    await dialog.getByText('对方接收后可查看：姓名、电话').waitFor()
    await dialog.locator('textarea[name="note"]').fill('家属陪同，上午方便联系。')
    await dialog.getByRole('button', { name: '发送转介' }).click()
    await worker.waitForURL(/\/referrals\/[0-9a-f-]{36}$/)
    const referralId = worker.url().split('/').pop()!
    const status = worker.getByTestId('referral-status')
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toContain('待接收')
    await markPage(worker)

    // It arrives in the partner's inbox without a reload.
    const row = partner.locator(`[data-referral="${referralId}"]`)
    await row.waitFor({ timeout: 15_000 })
    expect(await stillSamePage(partner)).toBe(true)
    expect(await row.innerText()).toContain(resourceName)

    // The receiving side sees the de-identified need only, then accepts.
    await row.getByRole('link', { name: resourceName }).click()
    await partner.waitForURL(`**/referrals/${referralId}`)
    await partner.getByText(summary).waitFor()
    const before = await partner.locator('main').innerText()
    expect(before).not.toContain('赵建国')
    expect(before).not.toContain('赵叔叔膝关节术后康复')
    expect(before).not.toContain('女儿白天上班')
    expect(await seriousViolations(partner)).toEqual([])
    await partner.getByRole('group', { name: '可执行的操作' }).getByRole('button', { name: '接收' }).click()
    await partner.locator('dialog[open]').getByRole('button', { name: '接收' }).click()
    await expect
      .poll(() => partner.getByTestId('referral-status').innerText(), { timeout: 15_000 })
      .toContain('已接收')

    // The worker's page follows.
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toContain('已接收')
    expect(await stillSamePage(worker)).toBe(true)

    // While serving, the partner may open the consented details (an audited read).
    await partner.getByRole('button', { name: '查看共享信息' }).click()
    const shared = partner.getByTestId('shared-values')
    await shared.waitFor()
    expect(await shared.innerText()).toContain('赵建国')
    expect(await shared.innerText()).toContain('13800005678')

    // Start, then close with an outcome.
    await partner
      .getByRole('group', { name: '可执行的操作' })
      .getByRole('button', { name: '开始服务' })
      .click()
    await partner.locator('dialog[open]').getByRole('button', { name: '开始服务' }).click()
    await expect
      .poll(() => partner.getByTestId('referral-status').innerText(), { timeout: 15_000 })
      .toContain('服务中')
    await partner
      .getByRole('group', { name: '可执行的操作' })
      .getByRole('button', { name: '已解决结案' })
      .click()
    const closing = partner.locator('dialog[open]')
    // An outcome is required: the server's message shows and nothing changes.
    await closing.getByRole('button', { name: '已解决结案' }).click()
    await closing.locator('.error, [role="alert"]').first().waitFor()
    await closing.locator('input[name="outcome"]').fill('已安排康复师上门指导 8 次，行走明显改善。')
    await closing.getByRole('button', { name: '已解决结案' }).click()
    await expect
      .poll(() => partner.getByTestId('referral-status').innerText(), { timeout: 15_000 })
      .toContain('已解决')

    // Both sides see the whole timeline: who did what, and the outcome.
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toContain('已解决')
    for (const page of [worker, partner]) {
      const timeline = page.locator('ol.timeline')
      await expect.poll(() => timeline.innerText(), { timeout: 15_000 }).toContain('已解决结案')
      const text = await timeline.innerText()
      for (const step of [
        '创建转介草稿',
        '凭服务对象同意发送',
        '接收',
        '开始服务',
        '服务结果：已安排康复师上门指导 8 次',
      ])
        expect(text).toContain(step)
      expect(text).toContain(PARTNER_ORG)
      expect(text).toContain('共享字段：姓名、电话')
    }
    expect(await stillSamePage(worker)).toBe(true)

    // The need is met.
    await worker.goto(`/needs/${needId}`)
    await worker.getByText('已满足').first().waitFor()
  }, 240_000)
})
