import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DEMO_PASSWORD, launchBrowser, newContext, signIn } from './browser.ts'

const baseUrl = inject('baseUrl')

describe.skipIf(!inject('chromium'))('account journey in the browser', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('signs up, signs in, switches to English (kept after reload) and signs out', async () => {
    const context = await newContext(browser, baseUrl)
    const page = await context.newPage()
    const email = `e2e-${Date.now()}@example.cn`
    const password = 'a-long-passphrase-42'

    // Sign-up in Chinese, the default; the server's field message shows beside its field.
    await page.goto('/sign-up')
    await expect.poll(() => page.locator('h1').textContent()).toBe('注册')
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')
    await page.getByLabel('姓名或称呼').fill('测试志愿者')
    await page.getByLabel('电子邮箱').fill('not-an-address')
    await page.getByLabel('密码').fill(password)
    await page.getByRole('button', { name: '创建账号' }).click()
    const emailField = page.getByLabel('电子邮箱')
    await expect.poll(() => emailField.getAttribute('aria-invalid')).toBe('true')
    await page.getByLabel('电子邮箱').fill(email)
    await page.getByRole('button', { name: '创建账号' }).click()
    await page.waitForURL(/\/home$/)
    await expect.poll(() => page.locator('h1').textContent()).toBe('你好，测试志愿者')

    await page.getByRole('button', { name: '退出登录' }).click()
    await page.waitForURL(/\/sign-in$/)

    // Wrong password: the server's translated message, and still on sign-in.
    await page.getByLabel('电子邮箱').fill(email)
    await page.getByLabel('密码').fill('wrong-password-123')
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await expect.poll(() => page.getByRole('alert').count()).toBeGreaterThan(0)
    expect(page.url()).toMatch(/\/sign-in$/)

    await page.getByLabel('密码').fill(password)
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await page.waitForURL(/\/home$/)

    // The switch reloads the page in English and remembers the choice.
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'English' }).click()])
    await expect.poll(() => page.locator('h1').textContent()).toBe('Hello, 测试志愿者')
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await page.reload()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Hello, 测试志愿者')
    const cookie = (await context.cookies()).find((c) => c.name === 'ld_locale')
    expect(cookie?.value).toBe('en')
    // …and the account has it too, for the next device.
    const me = (await (await context.request.get('/api/me')).json()) as { locale: string }
    expect(me.locale).toBe('en')

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL(/\/sign-in$/)
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign in')
    expect((await context.request.get('/api/me')).status()).toBe(401)

    // A page behind sign-in sends a signed-out visitor to sign-in and back afterwards.
    await page.goto('/profile')
    await page.waitForURL(/\/sign-in\?next=%2Fprofile$/)
    await context.close()
  })

  it('sends a user whose session ran out to sign-in with a notice, then back', async () => {
    const context = await newContext(browser, baseUrl)
    // The live connection would notice the ended session first (realtime.test.ts covers that);
    // a socket that never answers leaves this test to the path a navigation takes.
    await context.routeWebSocket(/\/ws$/, () => {})
    const page = await context.newPage()
    await signIn(page, 'volunteer@demo.liandong.cn')
    // Any call still on its way would notice the ended session by itself (the notification centre
    // loads as the page opens, and on a busy machine later than "network idle"): until the click,
    // the page's API calls fail as if offline, so that the navigation is what notices.
    await page.waitForLoadState('networkidle')
    let navigating = false
    await page.route('**/api/**', (route) => (navigating ? route.continue() : route.abort()))

    // The server forgets the session (as after the idle limit) while the browser keeps its cookie.
    const session = (await context.cookies()).find((c) => c.name === 'ld_session')
    expect(session).toBeDefined()
    await context.request.post('/api/auth/sign-out')
    await context.addCookies([session!])

    const profile = page.getByRole('link', { name: '个人设置' }).first()
    await profile.waitFor()
    navigating = true
    await profile.click()
    await page.waitForURL(/\/sign-in\?expired=1&next=%2Fprofile$/)
    await expect.poll(() => page.getByText('登录已过期').count()).toBe(1)
    await page.getByLabel('电子邮箱').fill('volunteer@demo.liandong.cn')
    await page.getByLabel('密码').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await page.waitForURL(/\/profile$/)
    await context.close()
  })

  it('shows a 404 page for an unknown address', async () => {
    const context = await newContext(browser, baseUrl)
    const page = await context.newPage()
    await page.goto('/no-such-page')
    await expect.poll(() => page.locator('h1').textContent()).toBe('页面不存在')
    await context.close()
  })
})
