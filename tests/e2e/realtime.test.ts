import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, newContext, seriousViolations, signIn } from './browser.ts'

const baseUrl = inject('baseUrl')

describe.skipIf(!inject('chromium'))('the live connection in the browser', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('subscribes to the user topic, shows a lost link, comes back, and ends with the session', async () => {
    const context = await newContext(browser, baseUrl, { axe: true })
    const page = await context.newPage()
    const sent: string[] = []
    page.on('websocket', (ws) => ws.on('framesent', (frame) => sent.push(String(frame.payload))))
    await signIn(page, 'volunteer@demo.liandong.cn')
    const me = (await (await context.request.get('/api/me')).json()) as { id: string }
    await expect
      .poll(() => sent.some((f) => f.includes('"subscribe"') && f.includes(`user:${me.id}`)))
      .toBe(true)

    // Quiet while connected; a lost network shows "offline" in the header, and it goes away again.
    const header = page.locator('header')
    expect(await header.getByText('离线').count()).toBe(0)
    await context.setOffline(true)
    await expect.poll(() => header.getByText('离线').count()).toBe(1)
    const subscribes = sent.length
    await context.setOffline(false)
    await expect.poll(() => header.getByText(/离线|正在重新连接/).count(), { timeout: 15_000 }).toBe(0)
    // After the new hello the topics are asked for again.
    await expect.poll(() => sent.slice(subscribes).some((f) => f.includes(`user:${me.id}`))).toBe(true)

    // The notification centre opens from the bell.
    const bell = header.getByRole('button', { name: /通知/ })
    await bell.click()
    expect(await bell.getAttribute('aria-expanded')).toBe('true')
    await expect.poll(() => header.getByRole('heading', { name: '通知' }).count()).toBe(1)
    expect(await seriousViolations(page)).toEqual([])
    await page.keyboard.press('Escape')
    expect(await bell.getAttribute('aria-expanded')).toBe('false')

    // Signing out elsewhere ends this session: the server closes the socket with 4401 and the
    // page goes to sign-in with the expiry notice, ready to come back here.
    await page.goto('/resources')
    await page.waitForSelector('h1')
    await context.request.post('/api/auth/sign-out')
    await page.waitForURL(/\/sign-in\?expired=1&next=%2Fresources/, { timeout: 15_000 })
    await context.close()
  })
})
