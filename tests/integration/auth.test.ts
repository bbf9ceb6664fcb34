import { generate } from 'otplib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'

let t: TestApp
beforeAll(async () => {
  t = await testApp({ env: { SIGN_IN_MAX_FAILURES: '3', AUTH_RATE_LIMIT: '1000' } })
})
afterAll(() => t.close())

const json = (body: string) => JSON.parse(body)

describe('accounts', () => {
  it('changes the password, ending other sessions but not this one', async () => {
    const here = await signIn(t.app, 'partner.jobs@demo.liandong.cn')
    const elsewhere = await signIn(t.app, 'partner.jobs@demo.liandong.cn')
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: { cookie: here },
      payload: { currentPassword: 'not it', newPassword: 'a brand new pass 7' },
    })
    expect(wrong.statusCode).toBe(422)
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: { cookie: here },
      payload: { currentPassword: 'Liandong-demo-2026', newPassword: 'a brand new pass 7' },
    })
    expect(res.statusCode).toBe(200)
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: here } })).statusCode).toBe(200)
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: elsewhere } })).statusCode).toBe(401)
  })

  it('signs up, reads itself, signs out', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up',
      payload: { email: 'New.Person@Example.org', password: 'correct horse 9', displayName: '新志愿者' },
    })
    expect(res.statusCode).toBe(201)
    const cookie = res.headers['set-cookie'] as string
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    const session = `ld_session=${res.cookies[0]!.value}`
    const me = await t.app.inject({ url: '/api/me', headers: { cookie: session } })
    expect(me.statusCode).toBe(200)
    expect(json(me.body)).toMatchObject({
      email: 'new.person@example.org',
      roles: ['volunteer'],
      twoFactorEnabled: false,
    })
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: session },
    })
    expect(out.statusCode).toBe(200)
    const after = await t.app.inject({ url: '/api/me', headers: { cookie: session } })
    expect(after.statusCode).toBe(401)
    expect(json(after.body).error.code).toBe('session_expired')
  })

  it('refuses a duplicate e-mail and a weak password with translated field errors', async () => {
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up',
      headers: { 'accept-language': 'en' },
      payload: { email: 'volunteer@demo.liandong.cn', password: 'another pass 1', displayName: 'x' },
    })
    expect(dup.statusCode).toBe(409)
    expect(json(dup.body).error.message).toBe('This e-mail is already registered.')
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up',
      payload: { email: 'weak@example.org', password: 'aaaaaaaaaaaa', displayName: 'x' },
    })
    expect(weak.statusCode).toBe(422)
    expect(json(weak.body).error.details[0]).toMatchObject({
      field: 'body.password',
      code: 'field.weak_password',
    })
    expect(json(weak.body).error.details[0].message).toMatch(/密码/)
  })

  it('locks an account after repeated failures with 429', async () => {
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: 'volunteer.gs@demo.liandong.cn', password: 'wrong password' },
      })
    expect((await attempt()).statusCode).toBe(401)
    expect((await attempt()).statusCode).toBe(401)
    const third = await attempt()
    expect(third.statusCode).toBe(429)
    expect(json(third.body).error.code).toBe('account_locked')
    expect(third.headers['retry-after']).toBeDefined()
    // Even the right password is refused while locked…
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'volunteer.gs@demo.liandong.cn', password: 'Liandong-demo-2026' },
    })
    expect(locked.statusCode).toBe(429)
    // …and accepted once the lock has passed.
    t.clock.advance(16 * 60_000)
    await expect(signIn(t.app, 'volunteer.gs@demo.liandong.cn')).resolves.toMatch(/^ld_session=/)
  })

  it('resets a password through the e-mailed link, once', async () => {
    const req = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: 'volunteer@demo.liandong.cn' },
    })
    expect(req.statusCode).toBe(202)
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: 'nobody@example.org' },
    })
    expect(unknown.statusCode).toBe(202)
    const mail = t.mailer.lastTo('volunteer@demo.liandong.cn')!
    const token = new URL(mail.link!).searchParams.get('token')!
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token, password: 'a new password 2' },
    })
    expect(ok.statusCode).toBe(200)
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token, password: 'a new password 3' },
    })
    expect(again.statusCode).toBe(422)
    expect(json(again.body).error.code).toBe('reset_token_invalid')
    await expect(signIn(t.app, 'volunteer@demo.liandong.cn', 'a new password 2')).resolves.toMatch(
      /^ld_session=/,
    )
  })

  it('enrols in TOTP and then requires the code at sign-in', async () => {
    const cookie = await signIn(t.app, 'worker.gs@demo.liandong.cn')
    const setup = await t.app.inject({ method: 'POST', url: '/api/me/two-factor/setup', headers: { cookie } })
    expect(setup.statusCode).toBe(200)
    const { secret, qrSvg } = json(setup.body)
    expect(qrSvg).toContain('<svg')
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/me/two-factor/enable',
      headers: { cookie },
      payload: { code: '000000' },
    })
    expect(bad.statusCode).toBe(422)
    const enable = await t.app.inject({
      method: 'POST',
      url: '/api/me/two-factor/enable',
      headers: { cookie },
      payload: { code: await generate({ secret }) },
    })
    expect(enable.statusCode).toBe(200)

    const signInRes = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'worker.gs@demo.liandong.cn', password: 'Liandong-demo-2026' },
    })
    expect(json(signInRes.body)).toEqual({ twoFactorRequired: true })
    const pending = `ld_session=${signInRes.cookies[0]!.value}`
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: pending } })).statusCode).toBe(401)
    const verify = await t.app.inject({
      method: 'POST',
      url: '/api/auth/two-factor',
      headers: { cookie: pending },
      payload: { code: await generate({ secret }) },
    })
    expect(verify.statusCode).toBe(200)
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: pending } })).statusCode).toBe(200)
  })

  it('makes staff outside demo accounts enrol before anything else', async () => {
    const admin = await signIn(t.app, 'orgadmin.cd@demo.liandong.cn')
    const orgs = json((await t.app.inject({ url: '/api/organizations', headers: { cookie: admin } })).body)
    const orgId = orgs.items[0].id
    const invite = await t.app.inject({
      method: 'POST',
      url: `/api/organizations/${orgId}/invitations`,
      headers: { cookie: admin },
      payload: { email: 'new.worker@example.org', role: 'social_worker' },
    })
    expect(invite.statusCode).toBe(201)
    const token = t.mailer.lastTo('new.worker@example.org')!.link!.split('/').pop()!
    const preview = await t.app.inject({ url: `/api/invitations/${token}` })
    expect(json(preview.body)).toMatchObject({ role: 'social_worker', email: 'ne***@example.org' })

    const signUp = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up',
      payload: {
        email: 'new.worker@example.org',
        password: 'worker pass 12',
        displayName: '新社工',
        volunteer: false,
      },
    })
    const cookie = `ld_session=${signUp.cookies[0]!.value}`
    const accept = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      headers: { cookie },
    })
    expect(accept.statusCode).toBe(200)
    const me = json((await t.app.inject({ url: '/api/me', headers: { cookie } })).body)
    expect(me).toMatchObject({ roles: ['social_worker'], mustEnrolTwoFactor: true })
    const blocked = await t.app.inject({ url: '/api/search/resources', headers: { cookie } })
    expect(blocked.statusCode).toBe(403)
    expect(json(blocked.body).error.code).toBe('two_factor_enrolment_required')
  })
})
