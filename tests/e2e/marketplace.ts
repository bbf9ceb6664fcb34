import type { Page } from 'playwright-core'
import { expect } from 'vitest'

// Steps the marketplace journeys share: a social worker of the Chengdu agency registers a recipient
// and posts a need from them, through the pages (zh-CN).

export const WORKER = 'worker.cd@demo.liandong.cn'
export const SUPERVISOR = 'supervisor.cd@demo.liandong.cn'
/** Partner staff of 锦江区康宁康复医院, which publishes rehabilitation resources in Chengdu. */
export const PARTNER = 'partner.cd@demo.liandong.cn'
export const PARTNER_ORG = '锦江区康宁康复医院'

export interface NewRecipient {
  name: string
  birthYear: number
  phone: string
  category: string
  district: string
}

/** Registers a recipient on /recipients/new and returns their id (the page goes to their detail). */
export async function registerRecipient(page: Page, r: NewRecipient): Promise<string> {
  await page.goto('/recipients/new')
  await page.waitForSelector('h1')
  await page.locator('input[name="name"]').fill(r.name)
  await page.locator('input[name="birthYear"]').fill(String(r.birthYear))
  await page.locator(`input[name="categories"][value="${r.category}"]`).check()
  await page.locator('select[name="districtCode"]').selectOption(r.district)
  await page.locator('input[name="phone"]').fill(r.phone)
  await page.locator('form button[type="submit"]').click()
  await page.waitForURL(/\/recipients\/[0-9a-f-]{36}$/)
  return page.url().split('/').pop()!
}

export interface NewNeed {
  title: string
  category: string
  summary: string
  privateText: string
}

/** Posts a need from the recipient's page and returns its id (the page goes to the need). */
export async function postNeed(page: Page, recipientId: string, n: NewNeed): Promise<string> {
  await page.goto(`/recipients/${recipientId}`)
  await page.getByRole('link', { name: '发布需求' }).first().click()
  await page.waitForURL(/\/needs\/new\?recipient=/)
  await page.waitForSelector('h1')
  await page.locator('input[name="title"]').fill(n.title)
  await page.locator(`input[name="categories"][value="${n.category}"]`).check()
  await page.locator('textarea[name="publicSummary"]').fill(n.summary)
  await page.locator('textarea[name="privateDescription"]').fill(n.privateText)
  await page.locator('form button[type="submit"]').click()
  await page.waitForURL(/\/needs\/[0-9a-f-]{36}$/, { timeout: 30_000 })
  await expect
    .poll(() => page.locator('[data-testid="match"]').count(), { timeout: 20_000 })
    .toBeGreaterThan(0)
  return page.url().split('/').pop()!
}

/** Marks the page so that a test can tell a live update from a reload (a reload clears it). */
export async function markPage(page: Page) {
  await page.evaluate(() => {
    ;(window as unknown as { __kept: boolean }).__kept = true
  })
}
export const stillSamePage = (page: Page) =>
  page.evaluate(() => (window as unknown as { __kept?: boolean }).__kept === true)
