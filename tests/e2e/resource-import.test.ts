import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, newContext, phone, seriousViolations, signIn } from './browser.ts'

const baseUrl = inject('baseUrl')

// A partner imports a spreadsheet: the first file has errors, which the page lists by row and
// column and imports nothing; the corrected file imports, with a live progress bar, and the
// resources appear in the management list.

const HEADER = '名称,资源类型,需求类别,总容量,容量单位,地点地址,地点区划代码'
// A suffix per run: the e2e server's data outlives one run.
const run = Date.now().toString(36)
const NAMES = [`听力筛查流动车 ${run}`, `助残辅具租借点 ${run}`]
const withErrors = [
  HEADER,
  `${NAMES[0]},人力,医疗,20,人次,成都市锦江区春熙路 1 号,510104`,
  `${NAMES[1]},物力,康复；理财,很多,件,成都市青羊区文殊院街 2 号,510105`,
].join('\n')
const corrected = withErrors.replace('康复；理财,很多', '康复,15')

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

async function upload(page: Page, name: string, text: string) {
  await page.getByLabel('文件').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) })
  await page.getByRole('button', { name: '开始导入' }).click()
}

describe.skipIf(!inject('chromium'))('resource import: errors, correction, success', () => {
  let browser: Browser
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
  })

  async function open(options: Parameters<typeof newContext>[2] = {}) {
    const context = await newContext(browser, baseUrl, { axe: true, ...options })
    contexts.push(context)
    const page = await context.newPage()
    await signIn(page, 'partner.cd@demo.liandong.cn')
    // Signing in restores the account's saved language; the language cookie chooses English for
    // this browser only, as the switch would without saving it.
    if (options.locale === 'en') await context.addCookies([{ name: 'ld_locale', value: 'en', url: baseUrl }])
    return page
  }

  it('lists the errors by row and column, writes nothing, then imports the corrected file', async () => {
    const page = await open()
    await page.getByRole('link', { name: '资源管理', exact: true }).click()
    await page.waitForURL(/\/organizations\/[^/]+\/resources$/)
    await page.getByText('导出', { exact: true }).click()
    await expect.poll(() => page.getByRole('link', { name: '导出 Excel' }).isVisible()).toBe(true)
    await page.getByRole('link', { name: '批量导入' }).click()
    await page.waitForURL(/\/resources\/import$/)
    await page.waitForSelector('h1')
    expect(await seriousViolations(page), 'empty import page').toEqual([])

    await upload(page, 'resources.csv', withErrors)
    await expect
      .poll(() => page.getByText('导入未完成，未写入任何数据').count(), { timeout: 15_000 })
      .toBeGreaterThan(0)
    const table = page.getByRole('table')
    await expect.poll(() => table.getByRole('row').count()).toBe(3)
    const rows = await table.getByRole('row').allInnerTexts()
    expect(rows[1]).toMatch(/3\s+需求类别\s+“理财”不是可选值。/)
    expect(rows[2]).toMatch(/3\s+总容量\s+类型不正确/)
    expect(await page.locator('progress').getAttribute('value')).toBe('100')
    expect(await seriousViolations(page), 'errors shown').toEqual([])

    // Nothing was written.
    const orgPath = new URL(page.url()).pathname.replace(/\/import$/, '')
    await page.goto(orgPath)
    await page.waitForSelector('h1')
    expect(await page.getByText(NAMES[0]!).count()).toBe(0)

    await page.goto(`${orgPath}/import`)
    await upload(page, 'resources-fixed.csv', corrected)
    await expect.poll(() => page.getByText('已导入 2 项资源。').count(), { timeout: 15_000 }).toBe(1)
    expect(await page.getByRole('table').count()).toBe(0)

    await page.getByRole('link', { name: '返回资源管理' }).click()
    await page.waitForURL(/\/resources$/)
    for (const name of NAMES)
      await expect.poll(() => page.getByRole('link', { name, exact: true }).count()).toBe(1)
  })

  it('fits a phone in English, with the errors as cards', async () => {
    const page = await open({ viewport: phone, locale: 'en' })
    const me = (await (await page.request.get('/api/me')).json()) as { memberships: { orgId: string }[] }
    await page.goto(`/organizations/${me.memberships[0]!.orgId}/resources/import`)
    await page.waitForSelector('h1')
    expect(await page.locator('h1').textContent()).toBe('Import resources')
    await page.getByLabel('File', { exact: true }).setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(withErrors.replace(NAMES[0]!, 'X')),
    })
    await page.getByRole('button', { name: 'Start import' }).click()
    await expect
      .poll(() => page.getByText('Nothing was imported.', { exact: false }).count(), { timeout: 15_000 })
      .toBe(1)
    await expect.poll(() => page.getByText('At least 2 characters.').count()).toBe(1)
    expect(await overflow(page)).toBeLessThanOrEqual(0)
  })
})
