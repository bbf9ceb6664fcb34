import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'

let t: TestApp
let admin: string
beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  admin = await signIn(t.app, 'admin@demo.liandong.cn')
})
afterAll(() => t.close())

const body = (res: { body: string }) => JSON.parse(res.body)

describe('organizations', () => {
  it('registers a new organization that waits for approval, then is approved', async () => {
    const signUp = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up',
      payload: {
        email: 'founder@example.org',
        password: 'founder pass 1',
        displayName: '高远',
        volunteer: false,
      },
    })
    const founder = `ld_session=${signUp.cookies[0]!.value}`
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/organizations',
      headers: { cookie: founder },
      payload: {
        name: '金牛区暖阳助老服务社',
        kind: 'partner',
        creditCode: '52510106MJ0000009G',
        districtCode: '510106',
      },
    })
    expect(res.statusCode).toBe(201)
    const org = body(res)
    expect(org.status).toBe('pending')

    // While pending, the founder holds no organization role and cannot invite.
    const me = body(await t.app.inject({ url: '/api/me', headers: { cookie: founder } }))
    expect(me.roles).toEqual([])
    expect(me.memberships[0]).toMatchObject({ orgId: org.id, orgStatus: 'pending', role: 'org_admin' })
    const early = await t.app.inject({
      method: 'POST',
      url: `/api/organizations/${org.id}/invitations`,
      headers: { cookie: founder },
      payload: { email: 'x@example.org', role: 'partner_staff' },
    })
    expect(early.statusCode).toBe(403)

    const queue = body(
      await t.app.inject({ url: '/api/organizations?status=pending', headers: { cookie: admin } }),
    )
    expect(queue.items.map((o: { id: string }) => o.id)).toContain(org.id)
    const review = await t.app.inject({
      method: 'POST',
      url: `/api/organizations/${org.id}/review`,
      headers: { cookie: admin },
      payload: { decision: 'approve' },
    })
    expect(review.statusCode).toBe(200)
    expect(body(review).status).toBe('approved')
    expect(t.mailer.lastTo('founder@example.org')?.subject).toContain('金牛区暖阳助老服务社')
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/organizations/${org.id}/review`,
      headers: { cookie: admin },
      payload: { decision: 'reject' },
    })
    expect(twice.statusCode).toBe(409)

    // Demo accounts may skip 2FA only in demo mode; this founder is a real staff member now.
    const after = body(await t.app.inject({ url: '/api/me', headers: { cookie: founder } }))
    expect(after).toMatchObject({ roles: ['org_admin'], mustEnrolTwoFactor: true })
  })

  it('refuses a duplicate credit code', async () => {
    const cookie = await signIn(t.app, 'volunteer@demo.liandong.cn')
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/organizations',
      headers: { cookie },
      payload: { name: '重复机构', kind: 'agency', creditCode: '52510104MJ0000001X' },
    })
    expect(res.statusCode).toBe(409)
    expect(body(res).error.code).toBe('credit_code_taken')
  })

  it('lets an org admin manage members but not the last admin, and hides other organizations', async () => {
    const orgAdmin = await signIn(t.app, 'orgadmin.cd@demo.liandong.cn')
    const me = body(await t.app.inject({ url: '/api/me', headers: { cookie: orgAdmin } }))
    const orgId = me.memberships[0].orgId
    const members = body(
      await t.app.inject({ url: `/api/organizations/${orgId}/members`, headers: { cookie: orgAdmin } }),
    )
    expect(members.items.length).toBe(3)
    const worker = members.items.find((m: { role: string }) => m.role === 'social_worker')
    const promote = await t.app.inject({
      method: 'PATCH',
      url: `/api/organizations/${orgId}/members/${worker.userId}`,
      headers: { cookie: orgAdmin },
      payload: { role: 'supervisor' },
    })
    expect(promote.statusCode).toBe(200)
    const demoteSelf = await t.app.inject({
      method: 'PATCH',
      url: `/api/organizations/${orgId}/members/${me.id}`,
      headers: { cookie: orgAdmin },
      payload: { role: 'social_worker' },
    })
    expect(demoteSelf.statusCode).toBe(409)
    expect(body(demoteSelf).error.code).toBe('last_admin')

    const other = body(
      await t.app.inject({ url: '/api/organizations?limit=100', headers: { cookie: admin } }),
    ).items.find((o: { name: string }) => o.name === '城关区同心社会工作服务中心')
    const hidden = await t.app.inject({
      url: `/api/organizations/${other.id}/members`,
      headers: { cookie: orgAdmin },
    })
    expect(hidden.statusCode).toBe(404)
    const list = body(await t.app.inject({ url: '/api/organizations', headers: { cookie: orgAdmin } }))
    expect(list.items.map((o: { id: string }) => o.id)).toEqual([orgId])
  })

  it('accepts an invitation only with the invited address', async () => {
    const orgAdmin = await signIn(t.app, 'community.cd@demo.liandong.cn')
    const orgId = body(await t.app.inject({ url: '/api/me', headers: { cookie: orgAdmin } })).memberships[0]
      .orgId
    await t.app.inject({
      method: 'POST',
      url: `/api/organizations/${orgId}/invitations`,
      headers: { cookie: orgAdmin },
      payload: { email: 'Invitee@Example.org', role: 'partner_staff' },
    })
    const token = t.mailer.lastTo('invitee@example.org')!.link!.split('/').pop()!
    const stranger = await signIn(t.app, 'volunteer.gs@demo.liandong.cn')
    const wrong = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      headers: { cookie: stranger },
    })
    expect(wrong.statusCode).toBe(403)
    expect(body(wrong).error.code).toBe('invitation_email_mismatch')
    const open = body(
      await t.app.inject({ url: `/api/organizations/${orgId}/invitations`, headers: { cookie: orgAdmin } }),
    )
    expect(open.items).toHaveLength(1)
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/organizations/${orgId}/invitations/${open.items[0].id}`,
      headers: { cookie: orgAdmin },
    })
    expect(revoke.statusCode).toBe(200)
    expect((await t.app.inject({ url: `/api/invitations/${token}` })).statusCode).toBe(404)
  })
})

describe('audit trail', () => {
  it('records state changes with actor, request id and IP, and only the auditor reads it', async () => {
    const auditor = await signIn(t.app, 'auditor@demo.liandong.cn')
    const res = await t.app.inject({
      url: '/api/audit?action=org.review&limit=10',
      headers: { cookie: auditor },
    })
    expect(res.statusCode).toBe(200)
    const rows = body(res).items
    expect(rows.length).toBeGreaterThanOrEqual(2)
    expect(rows.map((r: { result: string }) => r.result).sort()).toEqual(
      expect.arrayContaining(['failed', 'ok']),
    )
    expect(rows[0]).toMatchObject({
      actorId: expect.any(String),
      actorName: '平台管理员 陈静',
      requestId: expect.any(String),
      ip: expect.any(String),
    })
    expect((await t.app.inject({ url: '/api/audit', headers: { cookie: admin } })).statusCode).toBe(403)
    const filtered = body(
      await t.app.inject({
        url: '/api/audit?result=ok&from=2000-01-01T00:00:00Z&limit=5',
        headers: { cookie: auditor },
      }),
    )
    expect(filtered.items.every((r: { result: string }) => r.result === 'ok')).toBe(true)
  })

  it('is append-only in the database itself', async () => {
    const { sql } = await import('drizzle-orm')
    await expect(t.database.db.execute(sql`update audit_log set action = 'forged'`)).rejects.toThrow()
    await expect(t.database.db.execute(sql`delete from audit_log`)).rejects.toThrow()
    await expect(t.database.db.execute(sql`truncate audit_log`)).rejects.toThrow()
  })
})
