import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, newContext, seriousViolations, signIn } from './browser.ts'

const baseUrl = inject('baseUrl')

/** Opens a page, waits for it to render, and returns axe's serious and critical findings. */
async function audit(page: Page, path: string) {
  await page.goto(path)
  await page.waitForSelector('h1')
  await page.waitForLoadState('networkidle')
  const violations = await seriousViolations(page)
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${JSON.stringify(v.nodes.map((n) => n.target))}`,
  )
}

describe.skipIf(!inject('chromium'))('accessibility (axe-core: no serious or critical violations)', () => {
  let browser: Browser
  const contexts: BrowserContext[] = []
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
  })

  async function pageFor(email?: string, locale = 'zh-CN') {
    const context = await newContext(browser, baseUrl, { locale, axe: true })
    contexts.push(context)
    const page = await context.newPage()
    if (email) await signIn(page, email)
    return page
  }

  it('the checker itself finds a planted violation (so a clean result means something)', async () => {
    const page = await pageFor()
    await page.goto('/sign-in')
    await page.waitForSelector('h1')
    await page.evaluate(() =>
      document.querySelector('main')?.insertAdjacentHTML('beforeend', '<input type="text">'),
    )
    const found = await seriousViolations(page)
    expect(found.map((v) => v.id)).toContain('label')
  })

  it.each(['zh-CN', 'en'])('public pages (%s)', async (locale) => {
    const page = await pageFor(undefined, locale)
    await page.context().addCookies([{ name: 'ld_locale', value: locale, url: baseUrl }])
    for (const path of ['/sign-in', '/sign-up', '/forgot-password', '/no-such-page', '/complaints/new']) {
      expect(await audit(page, path), path).toEqual([])
    }
  })

  it.each(['zh-CN', 'en'])(
    'service assurance pages: complaint desk, incidents, plans, supervision (%s)',
    async (locale) => {
      const page = await pageFor(undefined, locale)
      await page.context().addCookies([{ name: 'ld_locale', value: locale, url: baseUrl }])
      await signIn(page, 'supervisor.cd@demo.liandong.cn')
      // The account's saved language wins after sign-in; switch it for this run, then put it back.
      await page.context().request.patch('/api/me', { data: { locale } })
      await page.context().addCookies([{ name: 'ld_locale', value: locale, url: baseUrl }])
      try {
        for (const path of [
          '/complaints',
          '/incidents',
          '/incidents/preparedness',
          '/supervision',
          '/supervision/mine',
        ]) {
          expect(await audit(page, path), path).toEqual([])
          expect(await page.locator('html').getAttribute('lang')).toBe(locale)
        }
      } finally {
        await page.context().request.patch('/api/me', { data: { locale: 'zh-CN' } })
      }
    },
  )

  it.each(['zh-CN', 'en'])('recipients, needs, matches, offers and referrals (%s)', async (locale) => {
    const worker = await pageFor(undefined, locale)
    await worker.context().addCookies([{ name: 'ld_locale', value: locale, url: baseUrl }])
    await signIn(worker, 'worker.cd@demo.liandong.cn')
    const api = worker.context().request
    const me = (await (await api.get('/api/me')).json()) as { memberships: { orgId: string }[] }
    const orgId = me.memberships[0]?.orgId
    const first = async (path: string) =>
      ((await (await api.get(path)).json()) as { items: { id: string }[] }).items[0]?.id
    const recipient = await first(`/api/organizations/${orgId}/recipients?limit=1`)
    const need = await first(`/api/organizations/${orgId}/needs?status=open&limit=1`)
    const referral = await first('/api/referrals?side=sent&limit=1')
    for (const path of [
      '/recipients',
      '/recipients/new',
      `/recipients/${recipient}`,
      `/recipients/${recipient}/export`,
      '/recipients/requests',
      '/needs',
      `/needs/new?recipient=${recipient}`,
      `/needs/${need}`,
      '/referrals',
      `/referrals/${referral}`,
    ]) {
      expect(await audit(worker, path), path).toEqual([])
    }
    // The refer dialog, open, explaining the missing consent.
    await worker.goto(`/needs/${need}`)
    await worker.locator('[data-testid="match"] button').first().click()
    await worker.waitForSelector('dialog[open]')
    expect(await seriousViolations(worker)).toEqual([])

    const partner = await pageFor(undefined, locale)
    await partner.context().addCookies([{ name: 'ld_locale', value: locale, url: baseUrl }])
    await signIn(partner, 'partner.cd@demo.liandong.cn')
    const inbox = (await (
      await partner.context().request.get('/api/referrals?side=received&limit=1')
    ).json()) as {
      items: { id: string }[]
    }
    for (const path of [
      '/open-needs',
      '/referrals',
      `/referrals/${inbox.items[0]?.id}`,
      `/needs/${need}/public`,
    ]) {
      expect(await audit(partner, path), path).toEqual([])
    }
  })

  it.each(['zh-CN', 'en'])(
    'case pages: list, approval queue, a case at each stage, who viewed (%s)',
    async (locale) => {
      const page = await pageFor(undefined, locale)
      await page.context().addCookies([{ name: 'ld_locale', value: locale, url: baseUrl }])
      await signIn(page, 'supervisor.cd@demo.liandong.cn')
      const me = (await (await page.context().request.get('/api/me')).json()) as {
        memberships: { orgId: string }[]
      }
      const list = (await (
        await page.context().request.get(`/api/organizations/${me.memberships[0]?.orgId}/cases?limit=20`)
      ).json()) as { items: { id: string }[] }
      const paths = [
        '/cases',
        '/cases/approvals',
        ...list.items.map((c) => `/cases/${c.id}`),
        `/cases/${list.items[0]?.id}/views`,
      ]
      for (const path of paths) expect(await audit(page, path), path).toEqual([])
      // The worker sees the stage forms (intake, assessment, plan, notes, follow-ups).
      const worker = await pageFor(undefined, locale)
      await worker.context().addCookies([{ name: 'ld_locale', value: locale, url: baseUrl }])
      await signIn(worker, 'worker.cd@demo.liandong.cn')
      for (const c of list.items) expect(await audit(worker, `/cases/${c.id}`), c.id).toEqual([])
    },
  )

  it.each(['zh-CN', 'en'])(
    "archive pages: register, each file, retention, a worker's loans, the auditor (%s)",
    async (locale) => {
      const as = async (email: string) => {
        const page = await pageFor(undefined, locale)
        await page.context().addCookies([{ name: 'ld_locale', value: locale, url: baseUrl }])
        await signIn(page, email)
        return page
      }
      const keeper = await as('supervisor.cd@demo.liandong.cn')
      const orgs = (await (await keeper.context().request.get('/api/archives/organizations')).json()) as {
        id: string
      }[]
      const register = (await (
        await keeper.context().request.get(`/api/orgs/${orgs[0]?.id}/archives?limit=20`)
      ).json()) as { items: { id: string }[] }
      expect(register.items.length).toBeGreaterThan(0)
      for (const path of [
        '/archives',
        '/archives?view=due',
        '/archives/retention',
        ...register.items.map((a) => `/archives/${a.id}`),
      ])
        expect(await audit(keeper, path), path).toEqual([])
      expect(await audit(await as('worker.cd@demo.liandong.cn'), '/archives')).toEqual([])
      expect(await audit(await as('auditor@demo.liandong.cn'), '/archives')).toEqual([])
    },
  )

  it('sign-in with a form error showing', async () => {
    const page = await pageFor()
    await page.goto('/sign-in')
    await page.locator('form button[type="submit"]').click()
    await page.waitForSelector('[role="alert"]')
    expect(await seriousViolations(page)).toEqual([])
  })

  it('org admin pages: home, profile, two-step setup, organization registration, members', async () => {
    const page = await pageFor('orgadmin.cd@demo.liandong.cn')
    const me = (await (await page.context().request.get('/api/me')).json()) as {
      memberships: { orgId: string; role: string }[]
    }
    const orgId = me.memberships.find((x) => x.role === 'org_admin')?.orgId
    for (const path of [
      '/home',
      '/profile',
      '/security/two-factor',
      '/organizations',
      '/organizations/new',
      `/organizations/${orgId}/members`,
    ]) {
      expect(await audit(page, path), path).toEqual([])
    }
    // The remove dialog, open.
    await page.getByRole('button', { name: /移除/ }).first().click()
    await page.waitForSelector('dialog[open]')
    expect(await seriousViolations(page)).toEqual([])
  })

  it('platform admin review queue and auditor audit log', async () => {
    const admin = await pageFor('admin@demo.liandong.cn')
    expect(await audit(admin, '/admin/organizations')).toEqual([])
    const auditor = await pageFor('auditor@demo.liandong.cn')
    expect(await audit(auditor, '/audit')).toEqual([])
    expect(await audit(auditor, '/home')).toEqual([])
  })

  it.each(['zh-CN', 'en'])('volunteer pages (%s)', async (locale) => {
    const page = await pageFor(undefined, locale)
    await page.context().addCookies([{ name: 'ld_locale', value: locale, url: baseUrl }])
    await signIn(page, 'volunteer@demo.liandong.cn')
    const request = page.context().request
    const first = async (url: string) =>
      (await (await request.get(url)).json()) as { items?: { id: string }[]; hits?: { id: string }[] }
    const opportunity = (await first('/api/search/opportunities')).hits?.[0]?.id
    const course = (await first('/api/training/courses')).items?.[0]?.id
    const record = (await first('/api/me/service-records')).items?.[0]?.id
    for (const path of [
      '/volunteer',
      '/volunteer/register',
      '/volunteer/opportunities',
      `/volunteer/opportunities/${opportunity}`,
      '/volunteer/signups',
      '/volunteer/calendar',
      '/volunteer/training',
      `/volunteer/training/${course}`,
      '/volunteer/records',
      `/volunteer/records/${record}`,
      '/volunteer/rewards',
      '/volunteer/certificates',
      '/verify/LD-NO-SUCH?c=nothing',
    ]) {
      expect(await audit(page, path), path).toEqual([])
    }
  })

  it.each(['zh-CN', 'en'])('coordinator pages (%s)', async (locale) => {
    const page = await pageFor(undefined, locale)
    await page.context().addCookies([{ name: 'ld_locale', value: locale, url: baseUrl }])
    await signIn(page, 'worker.cd@demo.liandong.cn')
    const request = page.context().request
    const me = (await (await request.get('/api/me')).json()) as {
      memberships: { orgId: string; role: string }[]
    }
    const orgId = me.memberships.find((x) => x.role === 'social_worker')?.orgId
    const opportunities = (await (
      await request.get(`/api/organizations/${orgId}/opportunities?status=published`)
    ).json()) as { items: { id: string }[] }
    const opportunityId = opportunities.items[0]?.id
    const opportunity = (await (await request.get(`/api/opportunities/${opportunityId}`)).json()) as {
      shifts: { id: string }[]
    }
    const courses = (await (await request.get(`/api/training/courses?orgId=${orgId}`)).json()) as {
      items: { id: string; orgId: string }[]
    }
    const base = `/coordinate/${orgId}`
    for (const path of [
      base,
      `${base}/opportunities/new`,
      `${base}/opportunities/${opportunityId}`,
      `${base}/shifts/${opportunity.shifts[0]?.id}`,
      `${base}/records`,
      `${base}/training`,
      `${base}/training/${courses.items.find((c) => c.orgId === orgId)?.id}`,
      `${base}/volunteers`,
      `${base}/report`,
      `${base}/certificates`,
    ]) {
      expect(await audit(page, path), path).toEqual([])
    }
    const partner = await pageFor('partner.cd@demo.liandong.cn', locale)
    const partnerMe = (await (await partner.context().request.get('/api/me')).json()) as {
      memberships: { orgId: string }[]
    }
    expect(await audit(partner, `/coordinate/${partnerMe.memberships[0]?.orgId}/rewards`)).toEqual([])
  })
})
