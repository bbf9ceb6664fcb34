import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { desktop, launchBrowser, newContext, seriousViolations, signIn } from './browser.ts'

const baseUrl = inject('baseUrl')

// A supervisor at an agency has nine areas; in English they need more than a 1280 px bar, so the
// ones that do not fit go under "More" and the header keeps to one line.
describe.skipIf(!inject('chromium'))('the header on a wide screen', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  async function open(locale: 'zh-CN' | 'en', viewport = desktop): Promise<Page> {
    const context = await newContext(browser, baseUrl, { locale, viewport, axe: true })
    const page = await context.newPage()
    await signIn(page, 'supervisor.cd@demo.liandong.cn')
    await context.request.patch('/api/me', { data: { locale } })
    await context.addCookies([{ name: 'ld_locale', value: locale, url: baseUrl }])
    await page.goto('/recipients')
    await page.waitForSelector('h1')
    return page
  }
  const headerHeight = (page: Page) =>
    page.locator('header').evaluate((h) => h.getBoundingClientRect().height)
  const barLinks = (page: Page) =>
    page
      .locator('header nav .nav-panel > ul > li > a')
      .evaluateAll((links) => links.map((a) => a.textContent))

  it('in English keeps one line and puts the rest under More, which opens, closes and shows where you are', async () => {
    const page = await open('en')
    expect(await headerHeight(page)).toBeLessThan(70)
    const more = page.getByRole('button', { name: 'More' })
    expect(await more.getAttribute('aria-expanded')).toBe('false')
    const shown = await barLinks(page)
    expect(shown.slice(0, 3)).toEqual(['Home', 'Resources', 'Recipients'])

    await more.click()
    expect(await more.getAttribute('aria-expanded')).toBe('true')
    const members = page.getByRole('link', { name: 'Members' })
    expect(await members.isVisible()).toBe(true)
    // Every area is in the bar or under More, once.
    const under = await page
      .locator('#main-nav-more a')
      .evaluateAll((links) => links.map((a) => a.textContent))
    expect(new Set([...shown, ...under]).size).toBe(shown.length + under.length)
    expect(under).toContain('My organizations')
    expect(await seriousViolations(page)).toEqual([])

    // Escape closes it and gives focus back to its button; so does a click elsewhere.
    await page.keyboard.press('Escape')
    expect(await more.getAttribute('aria-expanded')).toBe('false')
    expect(await more.evaluate((b) => b === document.activeElement)).toBe(true)
    await more.click()
    await page.locator('h1').click()
    expect(await more.getAttribute('aria-expanded')).toBe('false')

    // An area under More: the list closes on arrival, the link inside is the current page, and
    // More is marked as holding it.
    await more.click()
    await members.click()
    await page.waitForURL(/\/members$/)
    expect(await more.getAttribute('aria-expanded')).toBe('false')
    expect(await more.getAttribute('class')).toContain('holds-current')
    expect(await page.locator('#main-nav-more a[aria-current="page"]').textContent()).toBe('Members')
    expect(await headerHeight(page)).toBeLessThan(70)
    await page.context().close()
  })

  it('in Chinese shows every area in the bar at 1280 px, and More returns when the window narrows', async () => {
    const page = await open('zh-CN')
    expect(await page.getByRole('button', { name: '更多' }).count()).toBe(0)
    expect(await barLinks(page)).toContain('成员管理')
    expect(await headerHeight(page)).toBeLessThan(70)
    await page.setViewportSize({ width: 1024, height: 800 })
    await page.getByRole('button', { name: '更多' }).waitFor()
    expect(await headerHeight(page)).toBeLessThan(70)
    await page.context().close()
  })
})
