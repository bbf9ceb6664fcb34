import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DEMO_PASSWORD, launchBrowser, newContext, phone, seriousViolations } from './browser.ts'
import {
  apiSignIn,
  json,
  makeCourse,
  makeOpportunity,
  orgOf,
  overflow,
  uniqueWord,
  untilSearchable,
} from './volunteers.ts'

const baseUrl = inject('baseUrl')

// Issue 4, item 13: a newcomer registers, trains, finds and signs up for a shift, checks in and out
// by the QR link, a coordinator approves in a second browser, the volunteer's figures move live,
// and a numbered certificate checks out on the public verification page.

async function axe(page: Page) {
  return (await seriousViolations(page)).map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${JSON.stringify(v.nodes)}`,
  )
}

describe.skipIf(!inject('chromium'))(
  'volunteer journey: register → train → sign up → check in/out → approval → certificate',
  () => {
    let browser: Browser
    const contexts: BrowserContext[] = []
    const title = uniqueWord('书院街助老陪伴')
    const courseTitle = uniqueWord('助老服务通识')
    const email = `${uniqueWord('journey')}@e2e.liandong.cn`
    let coordinator: Page
    let volunteer: Page
    let orgId = ''
    let orgName = ''
    let shiftId = ''

    beforeAll(async () => {
      browser = await launchBrowser()
    })
    afterAll(async () => {
      for (const c of contexts) await c.close()
      await browser?.close()
    })

    async function context(options: Parameters<typeof newContext>[2] = {}) {
      const c = await newContext(browser, baseUrl, { axe: true, ...options })
      contexts.push(c)
      return c
    }

    it('a coordinator has a course and an opportunity that requires it', async () => {
      const c = await context()
      await apiSignIn(c, 'worker.cd@demo.liandong.cn')
      ;({ orgId, orgName } = await orgOf(c.request))
      const course = await makeCourse(c.request, orgId, courseTitle)
      const made = await makeOpportunity(c.request, orgId, {
        title,
        requiredCourseIds: [course.id],
        startsInMinutes: 5,
        hours: 6,
      })
      shiftId = made.shiftId
      await untilSearchable(c.request, title)
      coordinator = await c.newPage()
    })

    it('registers: an account, then the volunteer form (privacy consent required)', async () => {
      const c = await context()
      volunteer = await c.newPage()
      await volunteer.goto('/sign-up')
      await volunteer.locator('input[name="displayName"]').fill('周晓晴')
      await volunteer.locator('input[name="email"]').fill(email)
      await volunteer.locator('input[name="password"]').fill(DEMO_PASSWORD)
      await volunteer.locator('form button[type="submit"]').click()
      await volunteer.waitForURL(/\/home/)

      await volunteer.getByRole('link', { name: '志愿服务', exact: true }).click()
      await volunteer.waitForURL(/\/volunteer$/)
      await volunteer.getByRole('link', { name: '注册成为志愿者' }).first().click()
      await volunteer.waitForURL(/\/volunteer\/register$/)
      await volunteer.getByLabel('真实姓名').fill('周晓晴')
      await volunteer.getByLabel('手机号码').fill(`137${String(Date.now()).slice(-8)}`)
      await volunteer.getByLabel('出生日期').fill('1996-04-12')
      await volunteer.getByRole('group', { name: '愿意服务的区域' }).getByLabel('成都市锦江区').check()
      await volunteer.getByRole('group', { name: '技能' }).getByLabel('陪伴').check()
      // Without the privacy consent nothing is sent.
      await volunteer.getByRole('button', { name: '注册', exact: true }).click()
      await expect.poll(() => volunteer.getByText('请先同意个人信息保护告知。').count()).toBe(1)
      expect(await axe(volunteer), 'registration form with an error').toEqual([])
      await volunteer.getByLabel('我已阅读并同意个人信息保护告知').check()
      await volunteer.getByRole('button', { name: '注册', exact: true }).click()
      await volunteer.waitForURL(/\/volunteer$/)
      await expect.poll(() => volunteer.getByText(/志愿者编号 LD\d{10}/).count()).toBeGreaterThan(0)
    })

    it('trains: enrols in the course and passes its quiz', async () => {
      await volunteer
        .getByRole('navigation', { name: '志愿服务' })
        .getByRole('link', { name: '培训' })
        .click()
      await volunteer.getByRole('link', { name: courseTitle }).click()
      await volunteer.waitForURL(/\/volunteer\/training\/[^/]+$/)
      await volunteer.getByRole('button', { name: '报名课程' }).click()
      await volunteer
        .getByRole('group', { name: /服务对象的个人信息/ })
        .getByLabel('不可以')
        .check()
      await volunteer
        .getByRole('group', { name: /服务时长包括路途/ })
        .getByLabel('不包括')
        .check()
      await volunteer.getByRole('button', { name: '提交答案' }).click()
      await expect.poll(() => volunteer.getByText('测验通过').count()).toBe(1)
      expect(await axe(volunteer), 'course after the quiz').toEqual([])
    })

    it('finds the opportunity as it types, sees places left and signs up', async () => {
      await volunteer.goto('/volunteer/opportunities')
      const box = volunteer.getByRole('searchbox', { name: '搜索活动' })
      await box.pressSequentially(title.slice(0, 6), { delay: 40 })
      await expect.poll(() => decodeURIComponent(volunteer.url())).toContain(`q=${title.slice(0, 6)}`)
      const hit = volunteer.getByRole('link', { name: title })
      await expect.poll(() => hit.count(), { timeout: 10_000 }).toBe(1)
      await hit.click()
      await volunteer.waitForURL(/\/volunteer\/opportunities\/[^/]+$/)
      await expect.poll(() => volunteer.getByText('✓ 已完成').count()).toBe(1)
      const spots = volunteer.getByTestId(`spots-${shiftId}`)
      expect(await spots.textContent()).toContain('剩余 5 个名额')
      await volunteer.getByRole('button', { name: '报名', exact: true }).click()
      await volunteer.getByRole('button', { name: '确认报名' }).click()
      await expect.poll(() => volunteer.getByText('已确认').count()).toBeGreaterThan(0)
      await expect.poll(() => spots.textContent()).toContain('剩余 4 个名额')
      expect(await axe(volunteer), 'opportunity after signing up').toEqual([])
    })

    it('checks in by the QR link on the coordinator’s screen; the roster sees it live', async () => {
      await apiSignIn(coordinator.context(), 'worker.cd@demo.liandong.cn')
      await coordinator.goto(`/coordinate/${orgId}/shifts/${shiftId}`)
      await coordinator.waitForSelector('h1')
      await expect.poll(() => coordinator.getByText('周晓晴').count()).toBeGreaterThan(0)
      const link = coordinator.getByTestId('checkin-link')
      await expect.poll(() => link.count()).toBe(1)
      const url = new URL((await link.getAttribute('href'))!)
      // The QR code holds the public address; the test opens the same page on its own host.
      await volunteer.goto(url.pathname + url.search)
      await expect.poll(() => volunteer.getByTestId('checkin-state').textContent()).toContain('已签到')
      // The code left the address: a reload cannot check out by mistake.
      expect(new URL(volunteer.url()).search).toBe('')
      await expect
        .poll(() => coordinator.getByTestId('checked-in').textContent(), { timeout: 10_000 })
        .toBe('1')
    })

    it('checks out by scanning again on a phone that first has to sign in', async () => {
      // A repeated scan within ten seconds is taken as a double scan, not a check-out.
      await new Promise((r) => setTimeout(r, 10_500))
      const link = coordinator.getByTestId('checkin-link')
      const url = new URL((await link.getAttribute('href'))!)
      const c = await context({ viewport: phone })
      const phonePage = await c.newPage()
      await phonePage.goto(url.pathname + url.search)
      await phonePage.waitForURL(/\/sign-in\?/)
      await phonePage.locator('input[name="email"]').fill(email)
      await phonePage.locator('input[name="password"]').fill(DEMO_PASSWORD)
      await phonePage.locator('form button[type="submit"]').click()
      await phonePage.waitForURL(/\/checkin\//)
      await expect.poll(() => phonePage.getByTestId('checkin-state').textContent()).toContain('已签退')
      expect(await overflow(phonePage)).toBeLessThanOrEqual(0)
      expect(await axe(phonePage), 'check-out on a phone').toEqual([])
      await expect
        .poll(() => coordinator.getByTestId('checked-in').textContent(), { timeout: 10_000 })
        .toBe('0')
    })

    it('the coordinator sets the hours with a reason and approves in the queue; the volunteer’s figures move live', async () => {
      // Earlier service reported by the volunteer and approved, so this shift crosses the first star (100 h).
      const reported: string[] = []
      for (const [i, day] of ['2026-01-10', '2026-02-14', '2026-03-14', '2026-04-11'].entries()) {
        const r = await json<{ id: string }>(
          await volunteer.context().request.post('/api/me/service-records', {
            data: {
              orgId,
              activityName: `社区助老服务周末班 ${i + 1}`,
              serviceDate: day,
              place: '锦江区书院街社区',
              recipientGroup: '社区独居老人',
              content: '陪伴聊天、协助整理家务。',
              minutes: 1440,
              evidence: '社区签到表照片',
            },
          }),
        )
        reported.push(r.id)
      }
      await json(
        await coordinator
          .context()
          .request.post(`/api/organizations/${orgId}/service-records/approve`, { data: { ids: reported } }),
      )

      await volunteer.goto('/volunteer')
      await expect.poll(() => volunteer.getByTestId('approved-hours').textContent()).toBe('96')
      expect(await volunteer.getByTestId('star-level').textContent()).toContain('0 星')

      // Roll-call hours: the shift has not even begun, so the coordinator records what was served.
      const row = coordinator.getByTestId(/^roster-/).filter({ hasText: '周晓晴' })
      await row.getByRole('button', { name: '调整时长' }).click()
      await row.getByLabel('服务时长（小时）').fill('5')
      await row.getByLabel('更正原因').fill('提前到场协助布置，按实际服务时间登记')
      await row.getByRole('button', { name: '保存' }).click()
      await expect.poll(() => row.textContent()).toContain('5 小时')

      await coordinator.goto(`/coordinate/${orgId}/records`)
      const record = coordinator.getByRole('listitem').filter({ hasText: title })
      await record.getByRole('checkbox').check()
      expect(await axe(coordinator), 'approval queue').toEqual([])
      await coordinator.getByRole('button', { name: /批量通过（1）/ }).click()
      await expect.poll(() => coordinator.getByText('已通过 1 条记录。').count()).toBe(1)

      // No reload on the volunteer's side: the totals topic brings the new figures.
      await expect
        .poll(() => volunteer.getByTestId('approved-hours').textContent(), { timeout: 15_000 })
        .toBe('101')
      expect(await volunteer.getByTestId('points').textContent()).toBe('1010')
      expect(await volunteer.getByTestId('star-level').textContent()).toContain('1 星')
    })

    it('requests a certificate, the organization issues it, and the public page verifies it', async () => {
      await volunteer.goto('/volunteer/certificates')
      const select = volunteer.getByLabel('出具组织')
      await select.selectOption((await select.locator('option', { hasText: orgName }).getAttribute('value'))!)
      // Choosing the organization proposes the period it approved service for.
      await expect.poll(() => volunteer.getByLabel('服务期间自').inputValue()).toBe('2026-01-10')
      await volunteer.getByRole('button', { name: '提交申请' }).click()
      await expect.poll(() => volunteer.getByText('待出具').count()).toBe(1)

      await coordinator.goto(`/coordinate/${orgId}/certificates`)
      const request = coordinator.getByRole('listitem').filter({ hasText: '周晓晴' })
      await request.getByRole('button', { name: '审核并出具' }).click()
      await expect.poll(() => request.getByText(/将证明 101 小时服务/).count()).toBe(1)
      await request.getByLabel('负责人').fill('王建国')
      await request.getByLabel('经办人').fill('张晓燕')
      await request.getByRole('button', { name: '出具证明' }).click()
      // Issued, it leaves the queue of requests.
      await expect.poll(() => request.count(), { timeout: 10_000 }).toBe(0)

      await volunteer.reload()
      await volunteer.getByRole('link', { name: '查看和打印' }).click()
      await volunteer.waitForURL(/\/volunteer\/certificates\/[^/]+$/)
      await expect.poll(() => volunteer.getByText(/101 小时/).count()).toBeGreaterThan(0)
      expect(await axe(volunteer), 'printable certificate').toEqual([])
      const verify = new URL((await volunteer.locator('.verify a').getAttribute('href'))!)

      // Anyone, signed in or not, who scans the code.
      const stranger = await (await context()).newPage()
      await stranger.goto(verify.pathname + verify.search)
      await expect.poll(() => stranger.getByText('证明有效').count()).toBe(1)
      const facts = await stranger.getByTestId('verified').textContent()
      expect(facts).toContain('101')
      expect(facts).toContain(orgName)
      expect(facts).not.toContain('周晓晴')
      expect(await axe(stranger), 'verification page').toEqual([])
    })
  },
)
