import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'

// Bad input from a client gets a clear, translated error in the one envelope — never a 500.
let t: TestApp
let cookie: string
beforeAll(async () => {
  t = await testApp({ env: { BODY_LIMIT_BYTES: '4096', AUTH_RATE_LIMIT: '10000' } })
  cookie = await signIn(t.app, 'admin@demo.liandong.cn')
})
afterAll(() => t.close())

const envelope = (body: string) => {
  const parsed = JSON.parse(body)
  expect(parsed).toMatchObject({
    error: { code: expect.any(String), message: expect.any(String) },
    requestId: expect.any(String),
  })
  return parsed
}

describe('the error envelope', () => {
  it('translates a 404 by Accept-Language and by the language cookie', async () => {
    const zh = await t.app.inject({ url: '/api/no-such-thing' })
    expect(zh.statusCode).toBe(404)
    expect(envelope(zh.body).error.message).toContain('接口不存在')
    const en = await t.app.inject({
      url: '/api/no-such-thing',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    })
    expect(envelope(en.body).error.message).toContain('No such endpoint')
    const cookieWins = await t.app.inject({
      url: '/api/no-such-thing',
      headers: { 'accept-language': 'en', cookie: 'ld_locale=zh-CN' },
    })
    expect(envelope(cookieWins.body).error.message).toContain('接口不存在')
  })

  it('carries the request id in the body and the header', async () => {
    const res = await t.app.inject({ url: '/api/me' })
    expect(envelope(res.body).requestId).toBe(res.headers['x-request-id'])
  })

  const hostile: Array<[string, InjectOptions, number]> = [
    ['malformed URL escape', { url: '/api/organizations/%E0%A4%A' }, 400],
    ['over-long path parameter', { url: `/api/organizations/${'a'.repeat(500)}` }, 414],
    [
      'unknown content type',
      {
        method: 'POST',
        url: '/api/auth/sign-in',
        headers: { 'content-type': 'application/x-evil' },
        payload: 'x',
      },
      415,
    ],
    [
      'malformed JSON',
      {
        method: 'POST',
        url: '/api/auth/sign-in',
        headers: { 'content-type': 'application/json' },
        payload: '{"email":',
      },
      400,
    ],
    [
      'body too large',
      {
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: 'a@b.cn', password: 'x'.repeat(10_000) },
      },
      413,
    ],
    ['Infinity in a query', { url: '/api/organizations?limit=Infinity' }, 422],
    ['1e309 in a query', { url: '/api/organizations?offset=1e309' }, 422],
    ['NaN in a query', { url: '/api/organizations?limit=NaN' }, 422],
    ['not a uuid', { url: '/api/organizations/not-a-uuid' }, 422],
    ['unknown enum value', { url: '/api/organizations?status=hacked' }, 422],
    [
      'unknown body field',
      {
        method: 'POST',
        url: '/api/organizations',
        payload: { name: '某机构', kind: 'agency', isAdmin: true },
      },
      422,
    ],
    ['wrong type', { method: 'POST', url: '/api/organizations', payload: { name: 12, kind: 'agency' } }, 422],
    ['array instead of object', { method: 'POST', url: '/api/organizations', payload: [1, 2] }, 422],
    [
      'null body',
      {
        method: 'POST',
        url: '/api/organizations',
        headers: { 'content-type': 'application/json' },
        payload: 'null',
      },
      422,
    ],
    ['SQL in a filter', { url: "/api/organizations?q=' or 1=1 --" }, 200],
    [
      'credit code with bad letters',
      {
        method: 'POST',
        url: '/api/organizations',
        payload: { name: '某机构', kind: 'partner', creditCode: 'IOZSV0000000000000' },
      },
      422,
    ],
  ]
  for (const [name, request, status] of hostile) {
    it(`answers ${status} to ${name}`, async () => {
      const res = await t.app.inject({ ...request, headers: { cookie, ...(request.headers ?? {}) } })
      expect(res.statusCode).toBe(status)
      if (status >= 400) envelope(res.body)
    })
  }

  it('gives field-level details for 422', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/organizations',
      headers: { cookie, 'accept-language': 'en' },
      payload: { kind: 'nonsense', name: 'x' },
    })
    expect(res.statusCode).toBe(422)
    const { error } = envelope(res.body)
    expect(error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'body.kind', code: 'field.invalid_value' }),
        expect.objectContaining({
          field: 'body.name',
          code: 'field.too_short',
          message: 'At least 2 characters.',
        }),
      ]),
    )
  })

  it('sets security headers', async () => {
    const res = await t.app.inject({ url: '/api/health' })
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toContain("default-src 'none'")
    expect(res.headers['strict-transport-security']).toBeDefined()
  })
})

describe('rate limits', () => {
  it('limits sign-in attempts per IP with 429 in the envelope', async () => {
    const limited = await testApp({ env: { AUTH_RATE_LIMIT: '3' }, seed: false })
    try {
      const attempt = () =>
        limited.app.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          remoteAddress: '10.1.2.3',
          payload: { email: 'x@y.cn', password: 'nope' },
        })
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401)
      const res = await attempt()
      expect(res.statusCode).toBe(429)
      expect(envelope(res.body).error.code).toBe('rate_limited')
      expect(res.headers['retry-after']).toBeDefined()
    } finally {
      await limited.close()
    }
  })
})
