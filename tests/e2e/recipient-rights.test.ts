import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { desktop, launchBrowser, newContext, phone, seriousViolations, signIn } from './browser.ts'
import { SUPERVISOR, WORKER } from './marketplace.ts'

const baseUrl = inject('baseUrl')
const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../.artifacts/screenshots')

// Issue 6, item 8: a recipient's requests about their data, in the browser. A worker records an
// access request and answers it with the export (printable page and JSON file), corrects a detail
// for a correction request, and a supervisor erases the person's data on their deletion request.
describe.skipIf(!inject('chromium'))("a recipient's data rights", () => {
  let browser: Browser
  const contexts: BrowserContext[] = []
  beforeAll(async () => {
    browser = await launchBrowser()
    mkdirSync(shots, { recursive: true })
  })
  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
  })
  async function open(email: string, options: { locale?: string; viewport?: typeof desktop } = {}) {
    const context = await newContext(browser, baseUrl, { axe: true, ...options })
    contexts.push(context)
    const page = await context.newPage()
    await signIn(page, email)
    return page
  }
  const noViolations = async (page: Page) => expect(await seriousViolations(page)).toEqual([])

  async function newRecipient(page: Page, name: string) {
    const api = page.context().request
    const me = (await (await api.get('/api/me')).json()) as { memberships: { orgId: string }[] }
    const res = await api.post(`/api/organizations/${me.memberships[0]?.orgId}/recipients`, {
      data: {
        name,
        birthYear: 1961,
        categories: ['dibao'],
        districtCode: '510104',
        phone: '13800001234',
        address: '成都市锦江区东门街 8 号',
        health: '高血压',
      },
    })
    expect(res.status()).toBe(201)
    return ((await res.json()) as { id: string }).id
  }

  async function record(page: Page, kind: string, details: string) {
    const panel = page.locator('#rights')
    await panel.getByRole('button', { name: '登记请求' }).click()
    await panel.locator('select[name="kind"]').selectOption(kind)
    await panel.locator('select[name="channel"]').selectOption('written')
    await panel.locator('textarea[name="details"]').fill(details)
    await panel.getByRole('button', { name: '保存' }).click()
    await page.getByText('请求已登记。').waitFor()
  }

  it('records an access request and answers it with the export', async () => {
    const worker = await open(WORKER)
    const id = await newRecipient(worker, '钱淑珍')
    await worker.goto(`/recipients/${id}`)
    await worker.locator('#rights').getByText('暂无个人信息请求。').waitFor()
    await record(worker, 'access', '本人书面要求复制全部个人信息')
    const item = worker.locator('#rights li').filter({ hasText: '本人书面要求复制' })
    await item.getByText('待答复').waitFor()
    await noViolations(worker)

    await item.getByRole('link', { name: '导出并答复' }).click()
    await worker.waitForURL(/\/export\?request=/)
    await worker.getByText('本次导出将答复该查阅复制请求。').waitFor()
    await noViolations(worker)
    await worker.getByRole('button', { name: '导出', exact: true }).click()
    await worker
      .getByText('请说明', { exact: false })
      .or(worker.locator('[aria-invalid="true"]'))
      .first()
      .waitFor()
    await worker.locator('input[name="reason"]').fill('本人书面申请查阅复制')
    await worker.getByRole('button', { name: '导出', exact: true }).click()
    await worker.getByRole('heading', { name: /个人信息副本 · R/ }).waitFor()
    await worker.getByText('钱淑珍').first().waitFor()
    await worker.getByText('成都市锦江区东门街 8 号').waitFor()
    await noViolations(worker)
    const [download] = await Promise.all([
      worker.waitForEvent('download'),
      worker.getByRole('button', { name: '下载 JSON 文件' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^recipient-R\d{4}-\d{4}-export\.json$/)
    await worker.screenshot({ path: `${shots}/rights-export-zh-CN-1280.png`, fullPage: true })

    await worker.goto(`/recipients/${id}`)
    await worker.locator('#rights li').filter({ hasText: '本人书面要求复制' }).getByText('已完成').waitFor()
  })

  it('corrects a detail for a correction request, then a supervisor erases the data', async () => {
    const worker = await open(WORKER)
    const id = await newRecipient(worker, '周德胜')
    await worker.goto(`/recipients/${id}`)
    await record(worker, 'correction', '电话号码换了，请改为新号码')
    const item = worker.locator('#rights li').filter({ hasText: '电话号码换了' })
    await item.getByRole('button', { name: '更正信息' }).click()
    const dialog = worker.getByRole('dialog')
    await dialog.locator('select[name="field"]').selectOption('phone')
    await dialog.locator('input[name="phone"]').fill('13900005678')
    await noViolations(worker)
    await dialog.getByRole('button', { name: '更正信息' }).click()
    await worker.getByText('已更正。').waitFor()
    await item.getByText('已更正：电话').waitFor()
    await worker.getByText('*** 5678').waitFor()
    // Fields that are not text keep the registration's form: categories as checkboxes, the
    // household as a list of members.
    await item.getByRole('button', { name: '更正信息' }).click()
    await dialog.locator('select[name="field"]').selectOption('categories')
    // It starts from the recorded categories.
    expect(await dialog.getByLabel('最低生活保障人员').isChecked()).toBe(true)
    await dialog.getByLabel('特困供养对象').check()
    await dialog.getByRole('button', { name: '更正信息' }).click()
    await item.getByText('已更正：电话、类别').waitFor()
    await item.getByRole('button', { name: '更正信息' }).click()
    await dialog.locator('select[name="field"]').selectOption('household')
    await dialog.getByRole('button', { name: '添加家庭成员' }).click()
    await dialog.getByLabel('姓名').fill('周小燕')
    await dialog.getByLabel('关系').fill('女儿')
    await dialog.getByRole('button', { name: '更正信息' }).click()
    await item.getByText('已更正：电话、类别、家庭成员').waitFor()
    await worker.getByText('特困供养对象').first().waitFor()
    await item.getByRole('button', { name: '更正完毕' }).click()
    await worker.getByRole('dialog').getByRole('button', { name: '更正完毕' }).click()
    await item.getByText('已完成').waitFor()

    await record(worker, 'deletion', '本人要求删除全部个人信息')
    // Only a supervisor decides a deletion.
    const deletion = worker.locator('#rights li').filter({ hasText: '本人要求删除' })
    await deletion.getByText('待答复').waitFor()
    expect(await deletion.getByRole('button', { name: '决定' }).count()).toBe(0)

    const supervisor = await open(SUPERVISOR, { viewport: phone })
    await supervisor.goto(`/recipients/${id}`)
    const pending = supervisor.locator('#rights li').filter({ hasText: '本人要求删除' })
    await pending.getByRole('button', { name: '决定' }).click()
    await supervisor.getByRole('dialog').getByText('删除会清除姓名').waitFor()
    await noViolations(supervisor)
    await supervisor.screenshot({ path: `${shots}/rights-decide-zh-CN-390.png`, fullPage: true })
    await supervisor.getByRole('dialog').getByRole('button', { name: '删除', exact: true }).click()
    await supervisor.getByText('决定已保存。').waitFor()
    await supervisor.getByText('该服务对象的个人信息已应本人要求删除，仅保留档案编号。').waitFor()
    await supervisor.getByRole('heading', { name: /已删除/ }).waitFor()
    await noViolations(supervisor)
    await supervisor.screenshot({ path: `${shots}/rights-erased-zh-CN-390.png`, fullPage: true })
  })

  it.each([
    ['zh-CN', '1280', desktop],
    ['zh-CN', '390', phone],
    ['en', '1280', desktop],
    ['en', '390', phone],
  ] as const)('shows the panel and the export page in %s at %s px', async (locale, width, viewport) => {
    const worker = await open(WORKER, { locale, viewport })
    const api = worker.context().request
    await api.patch('/api/me', { data: { locale } })
    await worker.context().addCookies([{ name: 'ld_locale', value: locale, url: baseUrl }])
    try {
      const id = await newRecipient(worker, '吴春花')
      await api.post(`/api/recipients/${id}/requests`, {
        data: { kind: 'correction', channel: 'phone', details: '住址写错了门牌号' },
      })
      await api.post(`/api/recipients/${id}/requests`, {
        data: {
          kind: 'access',
          channel: 'written',
          details: '要求复制个案记录',
          receivedAt: new Date(Date.now() - 20 * 86_400_000).toISOString(),
        },
      })
      // A case with its intake record, so that the copy shows a document and a file.
      const opened = await api.post(`/api/recipients/${id}/cases`, { data: {} })
      const caseId = ((await opened.json()) as { id: string }).id
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
      const intake = await api.post(`/api/cases/${caseId}/intake`, {
        data: {
          source: 'community',
          collectedInfo: '社区转来：独居，高血压，行动不便。',
          initialProblems: '缺少照护；用药不规律。',
          agreement: { signedOn: today, signedBy: 'self', services: '助餐、用药提醒、每月家访' },
        },
      })
      expect(intake.status()).toBe(201)
      await worker.goto(`/recipients/${id}#rights`)
      await worker.locator('#rights li').nth(1).waitFor()
      expect(await worker.locator('html').getAttribute('lang')).toBe(locale)
      await worker
        .locator('#rights')
        .getByText(locale === 'en' ? 'Overdue' : '已逾期')
        .waitFor()
      await noViolations(worker)
      await worker.locator('#rights').screenshot({ path: `${shots}/rights-panel-${locale}-${width}.png` })
      // The agency's register, late ones only: this request is among them.
      await worker.goto('/recipients/requests?overdue=true')
      await worker.locator('ul.register li').first().waitFor()
      expect(await worker.locator(`ul.register a[href="/recipients/${id}#rights"]`).count()).toBe(1)
      await noViolations(worker)
      await worker.screenshot({ path: `${shots}/rights-register-${locale}-${width}.png`, fullPage: true })
      await worker.goto(`/recipients/${id}/export`)
      await worker
        .locator('input[name="reason"]')
        .fill(locale === 'en' ? 'The person asked for a copy' : '本人申请查阅')
      await worker.locator('form button[type="submit"], button[type="submit"]').first().click()
      await worker.locator('article.export').waitFor()
      await noViolations(worker)
      await worker.screenshot({ path: `${shots}/rights-export-${locale}-${width}.png`, fullPage: true })
    } finally {
      await api.patch('/api/me', { data: { locale: 'zh-CN' } })
    }
  })
})
