import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, newContext, phone, seriousViolations, signIn } from './browser.ts'

const baseUrl = inject('baseUrl')

// The demo archive in the browser: a worker reads the case file lent to them, the archive keeper
// gives a destruction its second approval, the Gansu agency accepts the incoming transfer.
describe.skipIf(!inject('chromium'))('service archives', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('a worker on a phone reads the case file lent to them, read only', async () => {
    const ctx = await newContext(browser, baseUrl, { viewport: phone, axe: true })
    const page = await ctx.newPage()
    await signIn(page, 'worker.cd@demo.liandong.cn')
    await page.goto('/archives')
    await page.getByRole('heading', { name: '我的借阅' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await page.getByRole('link', { name: '阅读个案（只读）' }).click()
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/)
    await page.locator('h1').first().waitFor()
    await ctx.close()
  })

  it('a worker asks to borrow a file by its number and a supervisor approves with a note', async () => {
    const keeper = await newContext(browser, baseUrl)
    const desk = await keeper.newPage()
    await signIn(desk, 'supervisor.cd@demo.liandong.cn')
    const [org] = (await (await keeper.request.get('/api/archives/organizations')).json()) as { id: string }[]
    const register = (await (
      await keeper.request.get(`/api/orgs/${org?.id}/archives?type=case&status=archived`)
    ).json()) as { items: { id: string; code: string; borrowedOut: boolean }[] }
    const file = register.items.find((a) => !a.borrowedOut)!

    const ctx = await newContext(browser, baseUrl, { viewport: phone })
    const page = await ctx.newPage()
    await signIn(page, 'worker.cd@demo.liandong.cn')
    await page.goto('/archives')
    await page.getByLabel('档案号').fill(file.code)
    await page.getByRole('button', { name: '查找' }).click()
    await page.getByLabel('借阅目的').fill('撰写同类个案的服务计划')
    await page.getByRole('button', { name: '提交借阅申请' }).click()
    await page.getByText('借阅申请已提交').waitFor()

    await desk.goto(`/archives/${file.id}`)
    await desk.getByLabel('意见').first().fill('请按时归还。')
    await desk.getByRole('button', { name: '批准', exact: true }).click()
    await desk.getByText('请按时归还。').first().waitFor()
    await page.goto('/archives')
    // Two loans now: the demo's and this one, both readable.
    await page.getByRole('link', { name: '阅读个案（只读）' }).nth(1).waitFor()
    await ctx.close()
    await keeper.close()
  })

  it('the archive keeper gives the second approval and the file becomes a tombstone', async () => {
    const ctx = await newContext(browser, baseUrl, { axe: true })
    const page = await ctx.newPage()
    await signIn(page, 'archivist.cd@demo.liandong.cn')
    await page.goto('/archives?view=due')
    await page.locator('.v-list a').first().click()
    await page.waitForURL(/\/archives\/[0-9a-f-]{36}$/)
    await page.getByText('第二次批准').first().waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('button', { name: /第二次批准 · 批准/ }).click()
    await page.getByText('该档案已销毁').waitFor()
    await page.getByText(/清除内容/).waitFor()
    await ctx.close()
  })

  it('the receiving agency accepts an incoming transfer', async () => {
    const ctx = await newContext(browser, baseUrl)
    const page = await ctx.newPage()
    await signIn(page, 'supervisor.gs@demo.liandong.cn')
    await page.goto('/archives?view=incoming')
    await page.locator('.v-list a').first().click()
    await page.waitForURL(/\/archives\/[0-9a-f-]{36}$/)
    await page.getByRole('button', { name: '接收', exact: true }).click()
    // Accepted: the file is now kept by the Gansu agency, under its own number.
    await page.getByRole('definition').filter({ hasText: '城关区同心社会工作服务中心' }).waitFor()
    await page.getByText('移交已接收').waitFor()
    await ctx.close()
  })
})
