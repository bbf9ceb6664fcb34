import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, newContext, phone, seriousViolations, signIn } from './browser.ts'

const baseUrl = inject('baseUrl')

describe.skipIf(!inject('chromium'))('a 390 px wide phone', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  /** Nothing may stick out sideways: a phone user should never scroll horizontally. */
  const overflow = (page: import('playwright-core').Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

  it('signs in and uses the home page and its collapsed menu', async () => {
    const context = await newContext(browser, baseUrl, { viewport: phone, axe: true })
    const page = await context.newPage()
    await page.goto('/sign-in')
    await page.waitForSelector('h1')
    expect(await overflow(page)).toBeLessThanOrEqual(0)
    expect(await seriousViolations(page)).toEqual([])

    await signIn(page, 'orgadmin.cd@demo.liandong.cn')
    expect(await overflow(page)).toBeLessThanOrEqual(0)
    expect(await seriousViolations(page)).toEqual([])

    // The navigation is folded into a menu button; opening it shows the links.
    const members = page.getByRole('link', { name: '成员管理' })
    expect(await members.isVisible()).toBe(false)
    const menu = page.getByRole('button', { name: '菜单' })
    await menu.click()
    expect(await menu.getAttribute('aria-expanded')).toBe('true')
    expect(await members.isVisible()).toBe(true)
    await members.click()
    await page.waitForURL(/\/members$/)
    // Following a link closes the menu again.
    expect(await menu.getAttribute('aria-expanded')).toBe('false')
    expect(await overflow(page)).toBeLessThanOrEqual(0)

    // Keyboard: the first Tab lands on the skip link, which moves focus to the content.
    await page.goto('/home')
    await page.waitForSelector('h1')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.className ?? '')).toContain('skip-link')
    await context.close()
  })
})
