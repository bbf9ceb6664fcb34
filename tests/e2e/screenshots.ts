// Captures every page in zh-CN and en at desktop and phone width, to look at:
//   npx tsx tests/e2e/screenshots.ts            (starts its own server)
//   BASE_URL=http://localhost:3000 npx tsx tests/e2e/screenshots.ts
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BrowserContext } from 'playwright-core'
import { DEMO_PASSWORD, desktop, hasChromium, launchBrowser, newContext, phone } from './browser.ts'
import { type RunningServer, startServer } from './server.ts'

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../.artifacts/screenshots')

interface Shot {
  name: string
  path: string | ((ctx: BrowserContext) => Promise<string>)
  as?: string
}

async function firstManagedOrg(ctx: BrowserContext): Promise<string> {
  const me = (await (await ctx.request.get('/api/me')).json()) as {
    memberships: { orgId: string; role: string }[]
  }
  const org = me.memberships.find((x) => x.role === 'org_admin')
  return `/organizations/${org?.orgId}/members`
}

const shots: Shot[] = [
  { name: 'sign-in', path: '/sign-in' },
  { name: 'sign-up', path: '/sign-up' },
  { name: 'forgot-password', path: '/forgot-password' },
  { name: 'reset-password', path: '/reset-password?token=aaaaaaaaaaaaaaaaaaaaaaaa' },
  { name: 'invitation-invalid', path: '/invitations/aaaaaaaaaaaaaaaaaaaaaaaa' },
  { name: 'not-found', path: '/no-such-page' },
  { name: 'home-volunteer', path: '/home', as: 'volunteer@demo.liandong.cn' },
  { name: 'home-org-admin', path: '/home', as: 'orgadmin.cd@demo.liandong.cn' },
  { name: 'members', path: firstManagedOrg, as: 'orgadmin.cd@demo.liandong.cn' },
  { name: 'organizations', path: '/organizations', as: 'orgadmin.cd@demo.liandong.cn' },
  { name: 'org-register', path: '/organizations/new', as: 'orgadmin.cd@demo.liandong.cn' },
  { name: 'profile', path: '/profile', as: 'orgadmin.cd@demo.liandong.cn' },
  { name: 'two-factor', path: '/security/two-factor', as: 'orgadmin.cd@demo.liandong.cn' },
  { name: 'home-platform-admin', path: '/home', as: 'admin@demo.liandong.cn' },
  { name: 'review-queue', path: '/admin/organizations', as: 'admin@demo.liandong.cn' },
  { name: 'home-auditor', path: '/home', as: 'auditor@demo.liandong.cn' },
  { name: 'audit', path: '/audit', as: 'auditor@demo.liandong.cn' },
  { name: 'home-partner', path: '/home', as: 'partner.cd@demo.liandong.cn' },
]

async function main() {
  if (!hasChromium()) throw new Error('No Chromium: apt-get install chromium fonts-wqy-microhei')
  mkdirSync(out, { recursive: true })
  const server: RunningServer | undefined = process.env.BASE_URL ? undefined : await startServer()
  const baseUrl = process.env.BASE_URL ?? server!.baseUrl
  const browser = await launchBrowser()
  try {
    for (const locale of ['zh-CN', 'en']) {
      for (const [label, viewport] of [
        ['1280', desktop],
        ['390', phone],
      ] as const) {
        const contexts = new Map<string, BrowserContext>()
        const contextFor = async (as: string) => {
          let ctx = contexts.get(as)
          if (ctx) return ctx
          ctx = await newContext(browser, baseUrl, { locale, viewport })
          await ctx.addCookies([{ name: 'ld_locale', value: locale, url: baseUrl }])
          // Signing in through the API keeps this browser's language (the form adopts the account's).
          if (as)
            await ctx.request.post('/api/auth/sign-in', { data: { email: as, password: DEMO_PASSWORD } })
          contexts.set(as, ctx)
          return ctx
        }
        for (const shot of shots) {
          const ctx = await contextFor(shot.as ?? '')
          const page = await ctx.newPage()
          const target = typeof shot.path === 'string' ? shot.path : await shot.path(ctx)
          await page.goto(target)
          await page.waitForLoadState('networkidle')
          await page.waitForSelector('h1')
          const file = path.join(out, `${shot.name}.${locale}.${label}.png`)
          await page.screenshot({ path: file, fullPage: true })
          console.log(file)
          await page.close()
        }
        for (const ctx of contexts.values()) await ctx.close()
      }
    }
  } finally {
    await browser.close()
    await server?.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
