import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, newContext, signIn } from './browser.ts'
import { PARTNER, PARTNER_ORG, postNeed, registerRecipient, WORKER } from './marketplace.ts'

const baseUrl = inject('baseUrl')
// Canary values for the sensitive fields typed here; the run proves they reach no log (canary.ts).
const canaries = inject('canaries')
const last4 = canaries.typedPhone.slice(-4)

// Recipients (masked, revealed one field at a time for a reason, consents with a guardian for a
// child), needs (public summary checked for identifying details) and the partner's reverse view
// (offer help, withdraw, offer again; the worker accepts and the referral dialog opens prefilled).
describe.skipIf(!inject('chromium'))('recipients, needs and offers of help in the browser', () => {
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
    const context = await newContext(browser, baseUrl)
    contexts.push(context)
    const page = await context.newPage()
    await signIn(page, email)
    return page
  }

  it('keeps recipients masked, reveals a field for a reason, and asks a guardian for a child', async () => {
    const worker = await open(WORKER)
    const id = await registerRecipient(worker, {
      name: '钱秀兰',
      birthYear: 1950,
      phone: canaries.typedPhone,
      category: 'martyr_family',
      district: '510105',
    })
    const main = worker.locator('main')
    await worker.getByText('钱**').first().waitFor()
    expect(await main.innerText()).not.toContain(canaries.typedPhone)
    expect(await main.innerText()).toContain(`*** ${last4}`)

    // Reveal the phone: a reason is required (a too-short one is refused), then the value shows here only.
    await worker
      .locator('dd')
      .filter({ hasText: `*** ${last4}` })
      .getByRole('button', { name: '显示' })
      .click()
    const dialog = worker.locator('dialog[open]')
    await dialog.locator('input[name="reason"]').fill('回访')
    await dialog.getByRole('button', { name: '显示' }).click()
    await dialog.locator('.error').first().waitFor()
    await dialog.locator('input[name="reason"]').fill('电话回访核实情况')
    await dialog.getByRole('button', { name: '显示' }).click()
    await worker.getByText(canaries.typedPhone).waitFor()
    await worker.reload()
    await worker.waitForSelector('h1')
    expect(await main.innerText()).not.toContain(canaries.typedPhone)

    // The list shows masks only, and finds the recipient by the last four digits.
    await worker.goto(`/recipients?phoneLast4=${last4}`)
    await worker.getByText('钱**').first().waitFor()
    expect(await main.innerText()).not.toContain('钱秀兰')

    // A consent recorded, then withdrawn.
    await worker.goto(`/recipients/${id}`)
    await worker.getByRole('button', { name: '记录同意' }).click()
    await worker.locator('select[name="purpose"]').selectOption('service')
    await worker.locator('input[name="scope"]').fill('个案服务与资源链接')
    await worker.getByRole('button', { name: '保存同意记录' }).click()
    await worker.getByText('同意范围：个案服务与资源链接').waitFor()
    await worker.getByRole('button', { name: '撤回同意' }).first().click()
    await worker.locator('dialog[open]').locator('input[name="reason"]').fill('本人要求')
    await worker.locator('dialog[open]').getByRole('button', { name: '撤回同意' }).click()
    await worker.getByText('已撤回', { exact: true }).first().waitFor()

    // A child (under 14) consents through a guardian: the form says so and asks for the guardian.
    const child = await registerRecipient(worker, {
      name: '孙小明',
      birthYear: new Date().getFullYear() - 9,
      phone: '13900001357',
      category: 'active_duty_family',
      district: '510104',
    })
    await worker.goto(`/recipients/${child}`)
    await worker.getByRole('button', { name: '记录同意' }).click()
    await worker.getByText('服务对象未满 14 岁，须由监护人同意。').waitFor()
    await worker.locator('select[name="purpose"]').selectOption('service')
    await worker.getByRole('button', { name: '保存同意记录' }).click()
    await worker.locator('[aria-invalid="true"][name="guardianName"]').waitFor()
    await worker.locator('input[name="guardianName"]').fill(canaries.typedGuardian)
    await worker.locator('input[name="guardianRelation"]').fill('母亲')
    await worker.getByRole('button', { name: '保存同意记录' }).click()
    await worker.getByText(/监护人 孙\*+（母亲）同意/).waitFor()
  }, 240_000)

  it('refuses an identifying public summary, then a partner offers help and the worker takes it up', async () => {
    const worker = await open(WORKER)
    const recipientId = await registerRecipient(worker, {
      name: '李长春',
      birthYear: 1958,
      phone: '13700009753',
      category: 'demobilized',
      district: '510104',
    })
    // A phone number in the public summary is refused with the field's message.
    await worker.goto(`/needs/new?recipient=${recipientId}`)
    await worker.waitForSelector('h1')
    await worker.locator('input[name="title"]').fill('李叔叔腰椎术后康复')
    await worker.locator('input[name="categories"][value="rehabilitation"]').check()
    await worker
      .locator('textarea[name="publicSummary"]')
      .fill('退役老兵腰椎术后需要康复训练，联系 13700009753。')
    await worker.locator('form button[type="submit"]').click()
    await worker.locator('textarea[name="publicSummary"][aria-invalid="true"]').waitFor()
    expect(worker.url()).toContain('/needs/new')

    const summary = '六十多岁的退役老兵，腰椎手术后行走不便，需要康复训练和居家指导。'
    const needId = await postNeed(worker, recipientId, {
      title: '李叔叔腰椎术后康复',
      category: 'rehabilitation',
      summary,
      privateText: canaries.typedNeedPrivate,
    })
    await worker.getByText(canaries.typedNeedPrivate).waitFor()

    // The partner finds it among the needs its resources fit, de-identified, and offers help.
    const partner = await open(PARTNER)
    await partner.goto('/open-needs?category=rehabilitation')
    const card = partner.locator('.v-item').filter({ hasText: summary })
    await card.waitFor()
    expect(await card.innerText()).toContain('最相符的资源')
    await card.getByRole('link', { name: '提供帮助' }).click()
    await partner.waitForURL(`**/needs/${needId}/public`)
    const view = await partner.locator('main').innerText()
    expect(view).toContain(summary)
    for (const secret of ['李长春', '李叔叔腰椎术后康复', canaries.typedNeedPrivate, '13700009753'])
      expect(view).not.toContain(secret)
    await partner.locator('textarea[name="message"]').fill('可安排康复师每周上门两次。')
    await partner.getByRole('button', { name: '提交意向' }).click()
    await partner.getByText('可安排康复师每周上门两次。').waitFor()
    // Withdrawn, then offered again.
    await partner.getByRole('button', { name: '撤回意向' }).click()
    await partner.getByRole('button', { name: '提交意向' }).waitFor()
    await partner.getByRole('button', { name: '提交意向' }).click()
    await partner.getByText('待答复').waitFor()

    // The worker sees the offer on the need and accepts it: the referral dialog opens for that resource.
    await worker.goto(`/needs/${needId}`)
    const offer = worker.locator('.pledges li').filter({ hasText: PARTNER_ORG }).filter({ hasText: '待答复' })
    await offer.waitFor()
    await offer.getByRole('button', { name: '采纳并转介' }).click()
    const dialog = worker.locator('dialog[open]')
    await dialog.getByText(`接收机构：${PARTNER_ORG}`).waitFor()
    await dialog.getByText('尚无服务对象同意').waitFor()
    await dialog.getByRole('button', { name: '存为草稿' }).click()
    await worker.waitForURL(/\/referrals\/[0-9a-f-]{36}$/)
    await worker.getByTestId('referral-status').getByText('草稿').waitFor()
    // The draft links back to the offer; sending it still needs the consent (the server says why).
    await worker
      .getByRole('group', { name: '可执行的操作' })
      .getByRole('button', { name: '发送转介' })
      .click()
    await worker.locator('dialog[open]').getByRole('button', { name: '发送转介' }).click()
    await worker.locator('dialog[open] [role="alert"]').waitFor()
    await partner.reload()
    await partner.getByText('已采纳').waitFor()
  }, 240_000)
})
