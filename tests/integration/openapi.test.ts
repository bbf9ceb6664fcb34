import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../support/app.ts'

let t: TestApp
beforeAll(async () => {
  t = await testApp({ seed: false })
})
afterAll(() => t.close())

describe('OpenAPI document', () => {
  it('lists every route with request and response schemas and the right security', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' })
    expect(res.statusCode).toBe(200)
    const doc = JSON.parse(res.body)
    expect(doc.openapi).toMatch(/^3\.1/)
    const missing: string[] = []
    for (const route of t.app.routeActions) {
      if (route.url.startsWith('/api/docs')) continue
      const path = route.url.replace(/:(\w+)/g, '{$1}')
      const op = doc.paths[path]?.[route.method.toLowerCase()]
      if (!op) {
        missing.push(`${route.method} ${route.url}`)
        continue
      }
      expect(
        Object.keys(op.responses ?? {}).length,
        `${route.method} ${route.url} responses`,
      ).toBeGreaterThan(0)
      if (route.action === 'public') expect(op.security, route.url).toEqual([])
      else expect(op.security, route.url).toEqual([{ session: [] }])
      if (['POST', 'PUT', 'PATCH'].includes(route.method) && route.url !== '/api/auth/sign-out') {
        const hasInput =
          op.requestBody || (op.parameters ?? []).length > 0 || route.url.includes('two-factor/setup')
        expect(hasInput, `${route.method} ${route.url} request schema`).toBeTruthy()
      }
    }
    expect(missing).toEqual([])
  })

  it('serves the API reference page', async () => {
    const res = await t.app.inject({ url: '/api/docs' })
    expect([200, 301, 302]).toContain(res.statusCode)
    const page = await t.app.inject({ url: '/api/docs/' })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toContain('text/html')
  })
})
