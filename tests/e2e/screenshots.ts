// Captures every page in zh-CN and en at desktop and phone width, to look at:
//   npx tsx tests/e2e/screenshots.ts            (starts its own server)
//   BASE_URL=http://localhost:3000 npx tsx tests/e2e/screenshots.ts
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BrowserContext } from 'playwright-core'
import { DEMO_PASSWORD, desktop, hasChromium, launchBrowser, newContext, phone } from './browser.ts'
import { managedOrgId, publishSamples } from './resources.ts'
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

async function resourcesPage(ctx: BrowserContext): Promise<string> {
  return `/organizations/${await managedOrgId(ctx.request)}/resources`
}

async function firstResource(ctx: BrowserContext): Promise<string> {
  const found = (await (await ctx.request.get('/api/search/resources?q=康复')).json()) as {
    hits: { id: string }[]
  }
  return `/resources/${found.hits[0]?.id}`
}

async function ownResourceEdit(ctx: BrowserContext): Promise<string> {
  const orgId = await managedOrgId(ctx.request)
  const list = (await (await ctx.request.get(`/api/organizations/${orgId}/resources`)).json()) as {
    items: { id: string }[]
  }
  return `/resources/${list.items[0]?.id}/edit`
}

/** The demo seed has no resources yet: a partner publishes a few, once per server. */
async function ensureResources(baseUrl: string) {
  const browser = await launchBrowser()
  try {
    const ctx = await newContext(browser, baseUrl)
    await ctx.request.post('/api/auth/sign-in', {
      data: { email: 'partner.cd@demo.liandong.cn', password: DEMO_PASSWORD },
    })
    const orgId = await managedOrgId(ctx.request)
    const existing = (await (await ctx.request.get(`/api/organizations/${orgId}/resources`)).json()) as {
      total: number
    }
    if (existing.total === 0) await publishSamples(ctx.request, orgId)
    // The search index follows the database through the outbox; give it a moment.
    for (let i = 0; i < 40; i++) {
      const found = (await (await ctx.request.get('/api/search/resources?q=康复')).json()) as {
        total: number
      }
      if (found.total > 0) break
      await new Promise((r) => setTimeout(r, 250))
    }
    await ctx.close()
  } finally {
    await browser.close()
  }
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
  { name: 'directory', path: '/resources', as: 'volunteer@demo.liandong.cn' },
  {
    name: 'directory-search',
    path: '/resources?q=kangfu&hasCapacity=false',
    as: 'volunteer@demo.liandong.cn',
  },
  {
    name: 'directory-filtered',
    path: '/resources?q=%E5%8A%A9%E5%AD%A6&needCategory=schooling',
    as: 'volunteer@demo.liandong.cn',
  },
  {
    name: 'directory-empty',
    path: '/resources?q=%E9%A3%9E%E8%88%B9&needCategory=legal&hasCapacity=true',
    as: 'volunteer@demo.liandong.cn',
  },
  { name: 'resource-detail', path: firstResource, as: 'volunteer@demo.liandong.cn' },
  { name: 'resource-manage', path: resourcesPage, as: 'partner.cd@demo.liandong.cn' },
  {
    name: 'resource-new',
    path: async (ctx) => `${await resourcesPage(ctx)}/new`,
    as: 'partner.cd@demo.liandong.cn',
  },
  { name: 'resource-edit', path: ownResourceEdit, as: 'partner.cd@demo.liandong.cn' },
]

async function main() {
  if (!hasChromium()) throw new Error('No Chromium: apt-get install chromium fonts-wqy-microhei')
  mkdirSync(out, { recursive: true })
  const server: RunningServer | undefined = process.env.BASE_URL ? undefined : await startServer()
  const baseUrl = process.env.BASE_URL ?? server!.baseUrl
  await ensureResources(baseUrl)
  // ONLY=directory,resource- keeps the run short while working on some pages.
  const only = process.env.ONLY?.split(',')
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
        for (const shot of shots.filter((x) => !only || only.some((o) => x.name.startsWith(o)))) {
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
