import { readFileSync } from 'node:fs'
import { generate } from 'otplib'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, newContext, signIn } from './browser.ts'

const baseUrl = inject('baseUrl')

/** Development mode writes e-mailed links to the server log; the newest invitation link is ours. */
function lastInvitationPath(): string {
  const links = [
    ...readFileSync(inject('serverLog'), 'utf8').matchAll(/\/invitations\/([A-Za-z0-9_-]{20,})/g),
  ]
  const token = links.at(-1)?.[1]
  if (!token) throw new Error('no invitation link in the server log')
  return `/invitations/${token}`
}

describe.skipIf(!inject('chromium'))('inviting staff, who must enrol in two-step sign-in', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('org admin invites, the invitee joins through the link, enrols and signs in with a code', async () => {
    const email = `worker-${Date.now()}@example.cn`
    const password = 'a-long-passphrase-42'

    // The org admin invites by e-mail with a role; the invitation is listed as open.
    const admin = await newContext(browser, baseUrl)
    const adminPage = await admin.newPage()
    await signIn(adminPage, 'orgadmin.cd@demo.liandong.cn')
    await adminPage.getByRole('link', { name: '成员管理' }).first().click()
    await adminPage.waitForURL(/\/members$/)
    const inviteForm = adminPage.locator('form', { hasText: '发送邀请' })
    await inviteForm.getByLabel('电子邮箱').fill(email)
    await inviteForm.getByLabel('角色').selectOption('social_worker')
    await inviteForm.getByRole('button', { name: '发送邀请' }).click()
    await expect.poll(() => adminPage.getByText(email).count()).toBeGreaterThan(0)

    // The invitee opens the link, creates an account with the invited address and accepts.
    const invitee = await newContext(browser, baseUrl)
    const page = await invitee.newPage()
    const link = lastInvitationPath()
    await page.goto(link)
    await expect.poll(() => page.locator('main').textContent()).toContain('锦江区益民社会工作服务中心')
    await page.getByRole('link', { name: '注册' }).click()
    await page.waitForURL(/\/sign-up\?/)
    // The preview masks the invited address, so the form cannot fill it in.
    await page.getByLabel('电子邮箱').fill(email)
    await page.getByLabel('姓名或称呼').fill('新同事')
    await page.getByLabel('密码').fill(password)
    await page.getByRole('button', { name: '创建账号' }).click()
    await page.waitForURL((url) => url.pathname === link)
    await page.getByRole('button', { name: '接受邀请' }).click()
    await page.waitForURL(/\/home$/)

    // Staff must enrol: the home page says so, and organization pages lead to the setup.
    await expect.poll(() => page.getByText('请开启两步验证').count()).toBeGreaterThan(0)
    await page.getByRole('link', { name: '我的机构' }).first().click()
    await page.waitForURL(/\/organizations$/)
    await page.goto('/security/two-factor')
    await page.getByRole('button', { name: '开始设置' }).click()
    const secret = (await page.getByTestId('totp-secret').textContent())?.replace(/\s+/g, '') ?? ''
    expect(secret.length).toBeGreaterThanOrEqual(16)
    expect(await page.getByRole('img', { name: '用于身份验证器应用的二维码' }).isVisible()).toBe(true)
    await page.getByLabel('6 位验证码').fill('000000')
    await page.getByRole('button', { name: '确认并开启' }).click()
    await expect.poll(() => page.getByRole('alert').count()).toBeGreaterThan(0)
    await page.getByLabel('6 位验证码').fill(await generate({ secret }))
    await page.getByRole('button', { name: '确认并开启' }).click()
    await page.waitForURL(/\/home$/)
    await expect.poll(() => page.getByText('两步验证已开启。').count()).toBeGreaterThan(0)

    // Signing in again now takes a code after the password.
    await page.getByRole('button', { name: '退出登录' }).click()
    await page.waitForURL(/\/sign-in$/)
    await page.getByLabel('电子邮箱').fill(email)
    await page.getByLabel('密码').fill(password)
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await page.getByLabel('6 位验证码').fill(await generate({ secret }))
    await page.getByRole('button', { name: '验证' }).click()
    await page.waitForURL(/\/home$/)
    await expect.poll(() => page.locator('h1').textContent()).toBe('你好，新同事')

    // The admin sees the new member, with two-step on.
    await adminPage.reload()
    const row = adminPage.locator('tr', { hasText: email })
    await expect.poll(() => row.textContent()).toContain('已开启')
    await admin.close()
    await invitee.close()
  })
})
