import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, newContext, phone, seriousViolations, signIn } from './browser.ts'

const baseUrl = inject('baseUrl')

// A word the demo data does not use, so that what the volunteer finds is what the partner made.
const NAME = '听障老人助听器验配'

async function axe(page: Page) {
  return (await seriousViolations(page)).map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${JSON.stringify(v.nodes)}`,
  )
}

/** Nothing may stick out sideways on a phone. */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

describe.skipIf(!inject('chromium'))('resources: a partner publishes, a volunteer finds', () => {
  let browser: Browser
  const contexts: BrowserContext[] = []
  let resourceUrl = ''

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
  })

  async function open(email: string, options: Parameters<typeof newContext>[2] = {}) {
    const context = await newContext(browser, baseUrl, { axe: true, ...options })
    contexts.push(context)
    const page = await context.newPage()
    await signIn(page, email)
    return page
  }

  it('the partner creates a resource with the form, sees its errors, and publishes it', async () => {
    const page = await open('partner.cd@demo.liandong.cn')
    await page.getByRole('link', { name: '资源管理', exact: true }).click()
    await page.waitForURL(/\/organizations\/[^/]+\/resources$/)
    await page.waitForSelector('h1')
    expect(await axe(page), 'management page').toEqual([])

    await page.getByRole('link', { name: '新建资源' }).first().click()
    await page.waitForURL(/\/resources\/new$/)
    await page.waitForSelector('h1')
    expect(await axe(page), 'empty form').toEqual([])

    // Sent without a need category and with an amount that is not money: errors beside the fields.
    await page.getByLabel('资源名称').fill(NAME)
    await page.getByLabel('费用（元）').fill('12.345')
    await page.getByRole('button', { name: '保存为草稿' }).click()
    await expect.poll(() => page.getByText('请输入金额', { exact: false }).count()).toBeGreaterThan(0)
    await page.getByLabel('费用（元）').fill('12.5')
    await page.getByRole('button', { name: '保存为草稿' }).click()
    const needs = page.getByRole('group', { name: '可满足的需求类别' })
    await expect.poll(() => needs.locator('.error').count()).toBe(1)
    expect(await axe(page), 'form with server errors').toEqual([])

    await page
      .getByRole('textbox', { name: '资源介绍' })
      .fill('为听力障碍老人免费验配助听器，并提供听力康复指导。')
    await needs.getByLabel('康复', { exact: true }).check()
    await page.getByRole('group', { name: '服务区域' }).getByLabel('成都市锦江区').check()
    await page.getByLabel('总容量').fill('8')
    await page.getByLabel('单位', { exact: true }).fill('人')
    await page.getByRole('button', { name: '添加地点' }).click()
    await page.getByRole('group', { name: '地点 1' }).getByLabel('地址').fill('锦江区书院街 18 号')
    await page.getByRole('group', { name: '地点 1' }).getByLabel('所在区县').selectOption('510104')
    await page.getByRole('button', { name: '保存为草稿' }).click()
    await page.waitForURL(/\/organizations\/[^/]+\/resources$/)

    // In the list as a draft; publishing makes it active.
    const row = page.locator('tr', { hasText: NAME })
    await expect.poll(() => row.textContent()).toContain('草稿')
    await row.getByRole('button', { name: `发布 ${NAME}` }).click()
    await expect.poll(() => row.textContent()).toContain('已发布')
    expect(await row.getByRole('button', { name: `信息仍准确 ${NAME}` }).count()).toBe(1)
    expect(await axe(page), 'management page with rows').toEqual([])

    // The edit form opens with what was saved, the cost back in yuan.
    await row.getByRole('link', { name: NAME, exact: true }).click()
    await page.waitForURL(/\/resources\/[^/]+\/edit$/)
    expect(await page.getByLabel('费用（元）').inputValue()).toBe('12.50')
    expect(await axe(page), 'edit form').toEqual([])
    resourceUrl = new URL(page.url()).pathname.replace(/\/edit$/, '')
  })

  it('a volunteer finds it by a partial Chinese word and by pinyin, narrows by a facet and opens it', async () => {
    expect(resourceUrl).not.toBe('')
    const page = await open('volunteer@demo.liandong.cn')
    await page.getByRole('link', { name: '资源目录', exact: true }).click()
    await page.waitForURL(/\/resources$/)
    await page.waitForSelector('h1')
    const box = page.getByRole('searchbox', { name: '搜索资源' })
    const hit = page.getByRole('link', { name: NAME })

    // Part of 助听器, typed key by key: results come as the user types, with the match marked.
    await box.pressSequentially('助听', { delay: 60 })
    await expect.poll(() => decodeURIComponent(page.url())).toContain('q=助听')
    await expect.poll(() => hit.count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => hit.locator('mark').allTextContents()).toContain('助听器')

    // Pinyin of the word.
    await box.fill('')
    await box.pressSequentially('zhutingqi', { delay: 30 })
    await expect.poll(() => decodeURIComponent(page.url())).toContain('q=zhutingqi')
    await expect.poll(() => hit.count()).toBe(1)
    expect(await axe(page), 'directory with results').toEqual([])

    // A facet narrows the results and goes into the address; Back takes it out again.
    const district = page.getByRole('group', { name: '区县' }).getByRole('checkbox', { name: /成都市锦江区/ })
    await district.check()
    await expect.poll(() => page.url()).toContain('district=510104')
    await expect.poll(() => hit.count()).toBe(1)
    expect(await page.getByRole('button', { name: /成都市锦江区/ }).count()).toBe(1)
    await page.goBack()
    await expect.poll(() => page.url()).not.toContain('district=')
    await expect.poll(() => district.isChecked()).toBe(false)

    // A reload shows the same search.
    await page.reload()
    await page.waitForSelector('h1')
    expect(await box.inputValue()).toBe('zhutingqi')
    await expect.poll(() => hit.count()).toBe(1)

    // Nothing matches: the page says so and offers to remove the filters.
    await page.getByRole('group', { name: '需求类别' }).getByRole('checkbox', { name: /康复/ }).check()
    await page.getByRole('checkbox', { name: /只看有余量的/ }).check()
    await box.fill('')
    await box.pressSequentially('宇宙飞船', { delay: 30 })
    await expect.poll(() => page.getByText('没有找到匹配的资源').count()).toBe(1)
    expect(await axe(page), 'empty directory').toEqual([])
    await page.getByRole('button', { name: '清除全部筛选' }).first().click()
    await expect.poll(() => page.url()).not.toContain('needCategory=')

    // The detail page.
    await page.goto(`/resources?q=${encodeURIComponent('助听器')}`)
    await hit.click()
    await page.waitForURL((url) => url.pathname === resourceUrl)
    await page.waitForSelector('h1')
    const main = page.locator('main')
    await expect.poll(() => main.textContent()).toContain(NAME)
    const text = (await main.textContent()) ?? ''
    expect(text).toContain('¥12.50')
    expect(text).toContain('锦江区书院街 18 号')
    expect(text).toContain('剩余 8 人')
    expect(text).toContain('最近核实于')
    expect(await axe(page), 'detail page').toEqual([])
    // Volunteers do not manage resources: no edit button.
    expect(await page.getByRole('link', { name: '编辑资源' }).count()).toBe(0)
  })

  it('the directory on a 390 px phone: no sideways scrolling, filters folded, accessible', async () => {
    const page = await open('volunteer@demo.liandong.cn', { viewport: phone })
    await page.goto('/resources')
    await page.waitForSelector('h1')
    await page.getByRole('searchbox', { name: '搜索资源' }).pressSequentially('康复', { delay: 40 })
    await expect.poll(() => page.locator('ol.hits > li').count()).toBeGreaterThan(0)
    expect(await overflow(page)).toBeLessThanOrEqual(0)
    expect(await axe(page), 'phone directory').toEqual([])

    // The filters are folded under a summary; opening it shows the checkboxes.
    const capacity = page.getByRole('checkbox', { name: /只看有余量的/ })
    expect(await capacity.isVisible()).toBe(false)
    await page.locator('summary', { hasText: '筛选' }).click()
    expect(await capacity.isVisible()).toBe(true)
    await capacity.check()
    await expect.poll(() => page.url()).toContain('hasCapacity=true')
    expect(await overflow(page)).toBeLessThanOrEqual(0)
    expect(await axe(page), 'phone directory, filters open').toEqual([])
  })
})
