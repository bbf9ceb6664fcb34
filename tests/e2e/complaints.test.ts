import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, newContext, phone, seriousViolations, signIn } from './browser.ts'

const baseUrl = inject('baseUrl')
// A canary value for the contact typed here; the run proves it reaches no log (canary.ts).
const canaries = inject('canaries')

describe.skipIf(!inject('chromium'))('complaints: public form → desk → anonymous rating', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('an anonymous complaint on a phone is answered at the desk and rated through the secret link', async () => {
    // The complainant: no account, a phone-sized screen.
    const visitor = await newContext(browser, baseUrl, { viewport: phone, axe: true })
    const form = await visitor.newPage()
    await form.goto('/complaints/new')
    await form.waitForSelector('h1')
    expect(await seriousViolations(form)).toEqual([])
    await form.getByLabel('机构').selectOption({ label: '锦江区益民社会工作服务中心' })
    await form.getByLabel('标题').fill('活动通知太晚')
    await form.getByLabel('具体内容').fill('周六的社区活动周五晚上才通知，很多老人来不及安排。')
    await form.getByLabel('联系方式（选填）').fill(canaries.typedComplaintContact)
    // The honeypot is out of sight and out of the accessibility tree.
    const trap = form.locator('input[name="website"]')
    const box = await trap.boundingBox()
    expect(box && box.x + box.width).toBeLessThanOrEqual(0)
    expect(await trap.getAttribute('tabindex')).toBe('-1')
    expect(await form.getByRole('textbox', { name: 'Website' }).count()).toBe(0)
    await form.getByRole('button', { name: '提交' }).click()
    const linkBox = form.getByTestId('tracking-link')
    await linkBox.waitFor({ timeout: 60_000 })
    const link = await linkBox.innerText()
    const code = await form.getByTestId('tracking-code').innerText()
    expect(link).toMatch(new RegExp(`/complaints/track/${code}#[A-Za-z0-9_-]{30,}$`))
    expect(await form.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

    // The tracking page: waiting for an answer.
    const track = await visitor.newPage()
    await track.goto(link)
    await track.getByText('机构尚未答复。').waitFor()
    expect(await seriousViolations(track)).toEqual([])

    // The supervisor finds it on the desk, assigns it to the worker.
    const staff = await newContext(browser, baseUrl)
    const desk = await staff.newPage()
    await signIn(desk, 'supervisor.cd@demo.liandong.cn')
    await desk.goto('/complaints')
    await desk.getByRole('link', { name: '活动通知太晚' }).click()
    await desk.locator('#detail-h').waitFor()
    await desk.getByLabel('经办人').selectOption({ label: '张晓燕' })
    await desk.getByRole('button', { name: '分派', exact: true }).click()
    await desk.getByText('经办：张晓燕').first().waitFor()
    // The contact is shown only on request (an audited read).
    await desk.getByRole('button', { name: '查看联系方式' }).click()
    await desk.getByText(canaries.typedComplaintContact).waitFor()
    await desk.close()

    // The worker answers it.
    const workerContext = await newContext(browser, baseUrl)
    const worker = await workerContext.newPage()
    await signIn(worker, 'worker.cd@demo.liandong.cn')
    await worker.goto('/complaints')
    await worker.getByRole('link', { name: '活动通知太晚' }).click()
    await worker.getByLabel('答复').fill('抱歉给您带来不便。今后社区活动至少提前一周电话通知并在公告栏张贴。')
    await worker.getByRole('button', { name: '发送答复' }).click()
    await worker.locator('#detail-h').waitFor()
    await worker.locator('.badge', { hasText: '已答复' }).first().waitFor()
    await workerContext.close()

    // Back on the phone: the answer is there; four stars close it.
    await track.reload()
    await track.getByTestId('answer').waitFor()
    expect(await track.getByTestId('answer').innerText()).toContain('提前一周')
    await track.locator('label').filter({ hasText: '★' }).nth(3).click()
    await track.getByRole('button', { name: /保存|评价/ }).click()
    await track.getByText('满意度：4 / 5').waitFor()
    expect(await track.getByText('已结案').count()).toBeGreaterThan(0)
    expect(await seriousViolations(track)).toEqual([])
    await staff.close()
    await visitor.close()
  })
})
