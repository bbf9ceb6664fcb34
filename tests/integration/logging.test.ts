import { Writable } from 'node:stream'
import { logRedactions, logSerializers } from '@liandong/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../support/app.ts'

// Personal data sent to the API never reaches the log, whatever the request does.
let t: TestApp
let log = ''
beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      log += chunk
      done()
    },
  })
  t = await testApp({
    env: { AUTH_RATE_LIMIT: '10000' },
    logger: { level: 'trace', stream, redact: logRedactions, serializers: logSerializers },
  })
})
afterAll(() => t.close())

describe('logs', () => {
  it('contain requests but no e-mail, name, password, token or query text', async () => {
    const canary = {
      email: 'canary.person@example.org',
      password: 'Canary-Secret-42',
      displayName: '金丝雀测试员',
    }
    await t.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: canary })
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: canary.email, password: 'wrong-Canary-99' },
    })
    await t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: canary.email } })
    await t.app.inject({ url: '/api/organizations?q=金丝雀查询' })
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: `{"email":"${canary.email}"`,
    })
    expect(log).toContain('incoming request')
    for (const secret of [
      canary.email,
      canary.password,
      canary.displayName,
      'wrong-Canary-99',
      '金丝雀查询',
      'ld_session=',
    ]) {
      expect(log, secret).not.toContain(secret)
    }
  })
})
