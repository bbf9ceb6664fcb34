import type { APIRequestContext, BrowserContext, Page } from 'playwright-core'
import { DEMO_PASSWORD } from './browser.ts'

// What the volunteer suites set up through the API as a coordinator (courses, opportunities),
// so each browser test drives only the pages it is about.

let counter = 0
/** A word no demo record uses, so that a search finds exactly what the test made. */
export const uniqueWord = (prefix: string) => `${prefix}${Date.now().toString(36)}${++counter}`

export async function json<T>(response: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  if (!response.ok()) throw new Error(`${response.url()}: ${response.status()} ${await response.text()}`)
  return (await response.json()) as T
}

/** Signs the context in through the API (its cookie then serves the pages too). */
export async function apiSignIn(context: BrowserContext, email: string): Promise<void> {
  await json(await context.request.post('/api/auth/sign-in', { data: { email, password: DEMO_PASSWORD } }))
}

/** The first organization where the signed-in account holds one of these roles. */
export async function orgOf(
  request: APIRequestContext,
  roles = ['social_worker', 'partner_staff', 'org_admin'],
) {
  const me = await json<{ memberships: { orgId: string; orgName: string; role: string }[] }>(
    await request.get('/api/me'),
  )
  const m = me.memberships.find((x) => roles.includes(x.role))
  if (!m) throw new Error('no coordinating membership')
  return { orgId: m.orgId, orgName: m.orgName }
}

/** An online course with a two-question quiz (pass mark 50 %), published. */
export async function makeCourse(request: APIRequestContext, orgId: string, title: string) {
  return json<{ id: string }>(
    await request.post(`/api/organizations/${orgId}/courses`, {
      data: {
        title,
        description: '志愿服务的权利义务、保密要求和安全常识。',
        mode: 'online',
        minutes: 60,
        validityMonths: 12,
        modules: [{ title: '志愿服务条例要点', minutes: 60, content: '志愿者的权利与义务。' }],
        quiz: [
          { question: '服务对象的个人信息可以发到朋友圈吗？', options: ['可以', '不可以'], answer: 1 },
          { question: '服务时长包括路途时间吗？', options: ['包括', '不包括'], answer: 1 },
        ],
        passMark: 50,
        published: true,
      },
    }),
  )
}

export interface MadeOpportunity {
  id: string
  shiftId: string
}

/**
 * A published one-off opportunity in Jinjiang District whose shift starts `startsInMinutes` from
 * now (check-in opens 30 minutes before the start) and lasts `hours`.
 */
export async function makeOpportunity(
  request: APIRequestContext,
  orgId: string,
  options: {
    title: string
    capacity?: number
    startsInMinutes?: number
    hours?: number
    requiredCourseIds?: string[]
    waitlist?: boolean
  },
): Promise<MadeOpportunity> {
  const start = new Date(Date.now() + (options.startsInMinutes ?? 10) * 60_000)
  const end = new Date(start.getTime() + (options.hours ?? 6) * 3_600_000)
  const created = await json<{ id: string; shifts: { id: string }[] }>(
    await request.post(`/api/organizations/${orgId}/opportunities`, {
      data: {
        title: options.title,
        description: '陪伴社区独居老人聊天、读报，协助整理家务。',
        needCategory: 'care',
        recipientGroup: '社区独居老人',
        skills: [],
        requiredCourseIds: options.requiredCourseIds ?? [],
        minAge: 16,
        districtCode: '510104',
        address: '成都市锦江区书院街 1 号',
        waitlistEnabled: options.waitlist ?? true,
        cancelCutoffHours: 0,
        shifts: [
          { startsAt: start.toISOString(), endsAt: end.toISOString(), capacity: options.capacity ?? 5 },
        ],
      },
    }),
  )
  await json(await request.post(`/api/opportunities/${created.id}/status`, { data: { status: 'published' } }))
  return { id: created.id, shiftId: created.shifts[0]!.id }
}

/** Waits until the search index (fed by the outbox) finds the opportunity by its title. */
export async function untilSearchable(request: APIRequestContext, title: string) {
  for (let i = 0; i < 60; i++) {
    const found = await json<{ total: number }>(
      await request.get(`/api/search/opportunities?q=${encodeURIComponent(title)}`),
    )
    if (found.total > 0) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${title} never became searchable`)
}

/** A new account that registers as a volunteer through the API (adult, Jinjiang District). */
export async function registeredVolunteer(context: BrowserContext, name: string, birthDate = '1995-03-02') {
  const email = `${uniqueWord('v')}@e2e.liandong.cn`
  await json(
    await context.request.post('/api/auth/sign-up', {
      data: { email, password: DEMO_PASSWORD, displayName: name, locale: 'zh-CN', volunteer: true },
    }),
  )
  const phone = `13${String(Date.now()).slice(-7)}${String(++counter).padStart(2, '0').slice(-2)}`
  const profile = await json<{ userId: string; volunteerNumber: string }>(
    await context.request.put('/api/volunteer/profile', {
      data: { realName: name, phone, birthDate, districtCodes: ['510104'], privacyConsentVersion: '2026-01' },
    }),
  )
  return { email, ...profile }
}

/** Nothing may stick out sideways on a phone. */
export const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
