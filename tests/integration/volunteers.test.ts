import { schema } from '@liandong/db'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'

let t: TestApp
const cookies: Record<string, string> = {}
const body = (res: { body: string }) => JSON.parse(res.body)

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  t.clock.advance(Date.parse('2026-05-10T02:00:00Z') - t.clock.now().getTime())
  for (const who of ['volunteer', 'volunteer.gs', 'worker.cd', 'partner.gs'])
    cookies[who] = await signIn(t.app, `${who}@demo.liandong.cn`)
})
afterAll(() => t.close())

const put = (who: string, payload: object) =>
  t.app.inject({ method: 'PUT', url: '/api/volunteer/profile', headers: { cookie: cookies[who]! }, payload })

// A valid resident ID (GB 11643 check digit) born 1996-03-07.
const ID = '510104199603071230'
const adult = {
  realName: '林小雨',
  phone: '138 0000 1234',
  idType: 'resident_id',
  idNumber: ID,
  gender: 'female',
  birthDate: '1996-03-07',
  skills: ['elder_care', 'first_aid'],
  languages: ['zh', 'en'],
  districtCodes: ['510104', '510107'],
  availability: [{ day: 6, from: '09:00', to: '12:00' }],
  emergencyContact: { name: '林大山', relation: '父亲', phone: '13900001111' },
  privacyConsentVersion: '2026-01',
}

describe('volunteer registration', () => {
  it('answers 404 before registering', async () => {
    const res = await t.app.inject({ url: '/api/volunteer/profile', headers: { cookie: cookies.volunteer! } })
    expect(res.statusCode).toBe(404)
    expect(body(res).error.code).toBe('volunteer.profile_missing')
  })

  it('registers, issues a volunteer number and masks the ID number', async () => {
    const res = await put('volunteer', adult)
    expect(res.statusCode).toBe(201)
    const p = body(res)
    expect(p.volunteerNumber).toBe('LD2026000001')
    expect(p).toMatchObject({
      phone: '13800001234',
      idNumberMasked: '••••1230',
      age: 30,
      canSignUp: true,
      signUpBlockers: [],
      trainingMinutes: 0,
      email: 'volunteer@demo.liandong.cn',
    })
    expect(res.body).not.toContain(ID)
    const [row] = await t.database.db
      .select()
      .from(schema.volunteerProfiles)
      .where(eq(schema.volunteerProfiles.userId, p.userId))
    expect(row!.idNumberEnc).toMatch(/^v1\./)
    expect(row!.idNumberEnc).not.toContain(ID)
    expect(row!.idNumberHash).not.toContain(ID)
    // The privacy consent time stays when the same version is saved again.
    const again = body(await put('volunteer', { ...adult, realName: '林小雨 ' }))
    expect(again.volunteerNumber).toBe('LD2026000001')
    expect(again.privacyConsent.at).toBe(p.privacyConsent.at)
  })

  it('catches duplicates by phone and by normalised ID number with 409 and the field', async () => {
    const samePhone = await put('volunteer.gs', { ...adult, idNumber: undefined, idType: undefined })
    expect(samePhone.statusCode).toBe(409)
    expect(body(samePhone).error.details.map((d: { field: string }) => d.field)).toEqual(['body.phone'])
    const sameId = await put('volunteer.gs', {
      ...adult,
      phone: '13700002222',
      idNumber: `${ID.slice(0, 6)} ${ID.slice(6).toLowerCase()}`,
    })
    expect(sameId.statusCode).toBe(409)
    expect(body(sameId).error.details.map((d: { field: string }) => d.field)).toEqual(['body.idNumber'])
  })

  it('refuses bad fields with details: phone, district, ID checksum, birth mismatch', async () => {
    const res = await put('volunteer.gs', {
      ...adult,
      phone: '12345',
      districtCodes: ['110101', '510000'],
      idNumber: '510104199603071231',
    })
    expect(res.statusCode).toBe(422)
    const fields = body(res).error.details.map((d: { field: string }) => d.field)
    expect(fields).toEqual(
      expect.arrayContaining(['body.phone', 'body.districtCodes.0', 'body.districtCodes.1', 'body.idNumber']),
    )
    const mismatch = await put('volunteer.gs', { ...adult, phone: '13700002222', birthDate: '1996-03-08' })
    expect(body(mismatch).error.details[0].field).toBe('body.birthDate')
  })

  it('refuses under 14 with a translated message', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/volunteer/profile',
      headers: { cookie: cookies['volunteer.gs']!, 'accept-language': 'en' },
      payload: {
        ...adult,
        phone: '13700002222',
        idNumber: undefined,
        idType: undefined,
        birthDate: '2012-06-01',
      },
    })
    expect(res.statusCode).toBe(422)
    expect(body(res).error).toMatchObject({
      code: 'volunteer.under_14',
      message: 'Volunteers must be at least 14 years old.',
    })
  })

  it('lets a 14–17-year-old register, but not sign up before a guardian consents', async () => {
    const minor = {
      ...adult,
      phone: '13700002222',
      idNumber: undefined,
      idType: undefined,
      birthDate: '2010-01-20',
    }
    const registered = await put('volunteer.gs', minor)
    expect(registered.statusCode).toBe(201)
    const first = body(registered)
    expect(first.volunteerNumber).toBe('LD2026000002')
    expect(first.age).toBe(16)
    expect(first.canSignUp).toBe(false)
    expect(first.signUpBlockers).toEqual([
      {
        gate: 'guardian_consent',
        code: 'eligibility.guardian_consent',
        message: '未满 18 周岁的志愿者需先登记监护人同意。',
      },
    ])

    const consented = body(
      await put('volunteer.gs', {
        ...minor,
        guardian: { name: '何建军', relation: '父亲', phone: '13600003333' },
      }),
    )
    expect(consented.guardianConsent).toMatchObject({
      name: '何建军',
      relation: '父亲',
      phone: '13600003333',
    })
    expect(consented.canSignUp).toBe(true)
    // Saving again without the guardian keeps the consent on record.
    expect(body(await put('volunteer.gs', minor)).guardianConsent).not.toBeNull()

    const badPhone = await put('volunteer.gs', {
      ...minor,
      guardian: { name: '何建军', relation: '父亲', phone: '12345678' },
    })
    expect(body(badPhone).error.details[0]).toMatchObject({
      field: 'body.guardian.phone',
      code: 'field.phone',
    })

    // Withdrawn consent (null) blocks sign-ups again.
    const withdrawn = body(await put('volunteer.gs', { ...minor, guardian: null }))
    expect(withdrawn.guardianConsent).toBeNull()
    expect(withdrawn.signUpBlockers.map((b: { gate: string }) => b.gate)).toEqual(['guardian_consent'])
  })

  it('shows a volunteer to coordinators of a related organization only, masked and audited', async () => {
    const me = body(await t.app.inject({ url: '/api/me', headers: { cookie: cookies.volunteer! } }))
    const worker = body(await t.app.inject({ url: '/api/me', headers: { cookie: cookies['worker.cd']! } }))
    const orgId = worker.memberships[0].orgId
    const url = `/api/organizations/${orgId}/volunteers/${me.id}`
    expect((await t.app.inject({ url, headers: { cookie: cookies['worker.cd']! } })).statusCode).toBe(404)

    // Enrolling in one of the organization's courses relates the volunteer to it.
    const [course] = await t.database.db
      .insert(schema.courses)
      .values({ orgId, title: '志愿者通用培训', mode: 'online', minutes: 60, published: true })
      .returning()
    await t.database.db.insert(schema.enrolments).values({ courseId: course!.id, userId: me.id })
    const res = await t.app.inject({ url, headers: { cookie: cookies['worker.cd']! } })
    expect(res.statusCode).toBe(200)
    expect(body(res).idNumberMasked).toBe('••••1230')
    expect(res.body).not.toContain(ID)

    const audit = await t.database.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.action, 'volunteer.read'))
    expect(audit.some((a) => a.targetId === me.id)).toBe(true)

    // Another organization's staff cannot look.
    const gs = body(await t.app.inject({ url: '/api/me', headers: { cookie: cookies['partner.gs']! } }))
    const other = await t.app.inject({
      url: `/api/organizations/${orgId}/volunteers/${me.id}`,
      headers: { cookie: cookies['partner.gs']! },
    })
    expect(other.statusCode).toBe(404)
    expect(gs.memberships[0].orgId).not.toBe(orgId)
  })
})
