import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, newContext, signIn } from './browser.ts'

const baseUrl = inject('baseUrl')

describe.skipIf(!inject('chromium'))('organization registration and approval in the browser', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('a new user registers an organization, the platform admin approves it, the applicant sees it', async () => {
    const applicant = await newContext(browser, baseUrl)
    const page = await applicant.newPage()
    const orgName = `联动测试互助社 ${Date.now().toString(36)}`

    // Sign-up on the "register an organization" path leads straight to the form.
    await page.goto('/sign-up')
    await page.getByLabel('登记机构').check()
    await page.getByLabel('姓名或称呼').fill('申请人')
    await page.getByLabel('电子邮箱').fill(`applicant-${Date.now()}@example.cn`)
    await page.getByLabel('密码').fill('a-long-passphrase-42')
    await page.getByRole('button', { name: '创建账号' }).click()
    await page.waitForURL(/\/organizations\/new\?welcome=1$/)

    // A malformed credit code comes back from the server next to its field.
    await page.getByLabel('机构名称').fill(orgName)
    await page.getByLabel('机构类型').selectOption('partner')
    await page.getByLabel('统一社会信用代码').fill('12345')
    await page.getByRole('button', { name: '提交审核' }).click()
    const credit = page.getByLabel('统一社会信用代码')
    await expect.poll(() => credit.getAttribute('aria-invalid')).toBe('true')

    const creditCode = `52510107MJ${String(Date.now()).slice(-7)}X`
    await credit.fill(creditCode)
    await page.getByLabel('所在区县代码').fill('510107')
    await page.getByLabel('地址', { exact: true }).fill('成都市武侯区测试路 1 号')
    await page.getByLabel('联系人姓名').fill('王老师')
    await page.getByLabel('联系电话').fill('028-12345678')
    await page.getByLabel('机构简介').fill('为辖区残障人士提供康复陪伴。')
    await page.getByRole('button', { name: '提交审核' }).click()
    await page.waitForURL(/\/home\?registered=1$/)
    const card = page.locator('li', { hasText: orgName })
    await expect.poll(() => card.textContent()).toContain('待审核')

    // The platform admin, in another browser profile, approves it from the queue.
    const admin = await newContext(browser, baseUrl)
    const adminPage = await admin.newPage()
    await signIn(adminPage, 'admin@demo.liandong.cn')
    await adminPage.getByRole('link', { name: '机构审核' }).first().click()
    await adminPage.waitForURL(/\/admin\/organizations$/)
    const entry = adminPage.locator('li', { hasText: orgName })
    await expect.poll(() => entry.textContent()).toContain(creditCode)
    await entry.getByRole('button', { name: '通过' }).click()
    await expect.poll(() => adminPage.locator('li', { hasText: orgName }).count()).toBe(0)
    await adminPage.getByRole('link', { name: '已通过' }).click()
    await expect.poll(() => adminPage.locator('li', { hasText: orgName }).count()).toBe(1)

    // The applicant sees the decision after a reload.
    await page.goto('/home')
    await expect.poll(() => page.locator('li', { hasText: orgName }).textContent()).toContain('已通过')
    await admin.close()
    await applicant.close()
  })

  it('the platform admin rejects with a note, which the applicant reads', async () => {
    const admin = await newContext(browser, baseUrl, { locale: 'en' })
    const adminPage = await admin.newPage()
    await signIn(adminPage, 'admin@demo.liandong.cn')
    await adminPage.goto('/admin/organizations')
    // The demo data holds one pending organization (applicant@demo).
    const entry = adminPage.locator('li', { hasText: '武侯区晨光助残服务社' })
    await entry.getByRole('button', { name: /驳回|Reject/ }).click()
    const dialog = adminPage.getByRole('dialog')
    await dialog.getByRole('textbox').fill('请补充登记证书扫描件。')
    await dialog.getByRole('button', { name: /驳回|Reject/ }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)
    await admin.close()

    const applicant = await newContext(browser, baseUrl)
    const page = await applicant.newPage()
    await signIn(page, 'applicant@demo.liandong.cn')
    await page.goto('/organizations')
    const card = page.locator('section', { hasText: '武侯区晨光助残服务社' })
    await expect.poll(() => card.textContent()).toContain('请补充登记证书扫描件。')
    await expect.poll(() => card.textContent()).toContain('未通过')
    await applicant.close()
  })
})
