import { demoAccounts } from '@liandong/db'
import { everyone, grants, platformGrants, type RouteAction } from '@liandong/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'

// Walks every registered route: 401 without a session, 403 for every demo role that lacks the
// route's action. A route added without a declared action fails at registration, so none can
// slip past this test.
let t: TestApp
const sessions = new Map<string, string>()

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  for (const account of demoAccounts) sessions.set(account.email, await signIn(t.app, account.email))
})
afterAll(() => t.close())

const someUuid = '01890000-0000-7000-8000-000000000000'
const fillParams = (url: string) =>
  url
    .replace(/:(\w+)/g, (_, name: string) => (name === 'token' ? 'a'.repeat(43) : someUuid))
    .replace(/\*$/, 'x')

function grantedTo(account: (typeof demoAccounts)[number], action: RouteAction): boolean {
  if (action === 'public' || action === 'two_factor.pending') return true
  if (everyone[action]) return true
  if (account.volunteer && grants.volunteer[action]) return true
  if (account.platformRole && platformGrants[account.platformRole][action]) return true
  // Only approved organizations' roles count (the pending applicant holds none yet).
  return Boolean(account.org && account.org.key !== 'cd-pending' && grants[account.org.role][action])
}

describe('every route declares an action and enforces it', () => {
  it('has routes to walk', () => {
    expect(t.app.routeActions.length).toBeGreaterThan(20)
  })

  it('answers 401 without a session on every non-public route', async () => {
    const failures: string[] = []
    for (const route of t.app.routeActions) {
      if (route.action === 'public') continue
      const res = await t.app.inject({
        method: route.method as 'GET',
        url: fillParams(route.url),
        payload: route.method === 'GET' ? undefined : {},
      })
      if (res.statusCode !== 401) failures.push(`${route.method} ${route.url} → ${res.statusCode}`)
      else expect(JSON.parse(res.body).error.code).toMatch(/^(unauthenticated|session_expired)$/)
    }
    expect(failures).toEqual([])
  })

  it('answers 403 for every role without the action', async () => {
    const failures: string[] = []
    let checked = 0
    for (const route of t.app.routeActions) {
      for (const account of demoAccounts) {
        if (grantedTo(account, route.action)) continue
        checked++
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: fillParams(route.url),
          headers: { cookie: sessions.get(account.email)! },
          payload: route.method === 'GET' ? undefined : {},
        })
        if (res.statusCode !== 403)
          failures.push(`${account.email} ${route.method} ${route.url} → ${res.statusCode}`)
      }
    }
    expect(failures).toEqual([])
    expect(checked).toBeGreaterThan(50)
    // Hundreds of refusals, each writing a chained audit row: this grows with every route.
  }, 180_000)

  it('writes a denied audit row for refused requests', async () => {
    const volunteer = sessions.get('volunteer@demo.liandong.cn')!
    const res = await t.app.inject({ url: '/api/audit', headers: { cookie: volunteer } })
    expect(res.statusCode).toBe(403)
    const auditor = sessions.get('auditor@demo.liandong.cn')!
    const list = await t.app.inject({
      url: `/api/audit?result=denied&action=audit.read&limit=100`,
      headers: { cookie: auditor },
    })
    expect(list.statusCode).toBe(200)
    const rows = JSON.parse(list.body).items as Array<{ requestId: string; result: string }>
    expect(rows.some((r) => r.requestId === res.headers['x-request-id'])).toBe(true)
  })
})
