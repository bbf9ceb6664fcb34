import { createDb, needCategories, referralStatuses, resourceTypes, schema, seedDemo } from '@liandong/db'
import { hashPassword, partnerResponsiveness, seedDemoMarketplace, seedDemoResources } from '@liandong/server'
import { asc, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { orgIdOf } from '../support/volunteer-fixtures.ts'

// The marketplace demo: about 300 resources, 50 needs and referrals in every status, consistent
// with the rules the API enforces (capacity, need status, timelines), deterministic and re-runnable.
let t: TestApp
const now = new Date('2026-03-05T02:00:00Z')
const DAY = 86_400_000
const db = () => t.database.db
const body = (res: { body: string }) => JSON.parse(res.body)
let counts: Awaited<ReturnType<typeof seedDemoMarketplace>>

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  await seedDemoResources(db(), now)
  const started = performance.now()
  counts = await seedDemoMarketplace(db(), { dataKeys: t.config.dataKeys, responseHours: 48, now })
  console.log(
    `marketplace demo seeded in ${Math.round(performance.now() - started)} ms on ${t.database.mode}`,
    counts,
  )
})
afterAll(() => t.close())

describe('marketplace demo data', () => {
  it('holds about 300 resources across Chengdu and Gansu, every category and type, some not public or not active', async () => {
    const rows = await db().select().from(schema.resources)
    expect(rows.length).toBeGreaterThanOrEqual(280)
    expect(rows.length).toBeLessThanOrEqual(320)
    const active = rows.filter((r) => r.status === 'active' && r.visibility === 'public')
    for (const category of needCategories)
      expect(
        active.some((r) => r.needCategories.includes(category)),
        category,
      ).toBe(true)
    for (const type of resourceTypes)
      expect(
        active.some((r) => r.resourceType === type),
        type,
      ).toBe(true)
    for (const status of ['draft', 'paused', 'expired'])
      expect(
        rows.some((r) => r.status === status),
        status,
      ).toBe(true)
    expect(
      rows.filter((r) => r.visibility === 'org' && r.source !== 'society').length,
    ).toBeGreaterThanOrEqual(10)
    const stale = active.filter((r) => now.getTime() - r.lastVerifiedAt!.getTime() > 90 * DAY)
    expect(stale.length).toBeGreaterThan(5)
    const districts = new Set(rows.flatMap((r) => r.districtCodes))
    expect([...districts].filter((d) => d.startsWith('5101')).length).toBeGreaterThanOrEqual(8)
    expect([...districts].filter((d) => d.startsWith('62')).length).toBeGreaterThanOrEqual(8)
    // The demo partners with sign-ins own some of them.
    for (const key of ['cd-rehab', 'cd-jobs', 'gs-health', 'cd-community']) {
      const orgId = await orgIdOf(db(), key)
      expect(rows.filter((r) => r.orgId === orgId).length, key).toBeGreaterThanOrEqual(5)
    }
  })

  it('has about 50 needs of consenting recipients, and referrals in every status that agree with them', async () => {
    const needs = await db().select().from(schema.needs)
    expect(needs).toHaveLength(50)
    const referrals = await db().select().from(schema.referrals)
    for (const status of referralStatuses)
      expect(
        referrals.some((r) => r.status === status),
        status,
      ).toBe(true)
    for (const status of ['open', 'matched', 'referred', 'met', 'closed', 'withdrawn'])
      expect(
        needs.some((n) => n.status === status),
        status,
      ).toBe(true)
    const needOf = new Map(needs.map((n) => [n.id, n]))
    for (const r of referrals) {
      const need = needOf.get(r.needId)!
      if (['sent', 'accepted', 'in_progress', 'on_hold'].includes(r.status))
        expect(need.status).toBe('referred')
      if (r.status !== 'draft') {
        // Sent with a consent to share with the receiving organization, or a supervisor's override.
        if (r.consentId) {
          const [consent] = await db()
            .select()
            .from(schema.recipientConsents)
            .where(eq(schema.recipientConsents.id, r.consentId))
          expect(consent).toMatchObject({
            purpose: 'share_with_org',
            targetOrgId: r.toOrgId,
            recipientId: need.recipientId,
          })
          expect(consent!.givenAt.getTime()).toBeLessThanOrEqual(r.sentAt!.getTime())
        } else expect(r.consentOverrideReason).toBeTruthy()
        expect(r.respondBy!.getTime() - r.sentAt!.getTime()).toBe(48 * 3_600_000)
      }
      if (r.status === 'referred_elsewhere') {
        const next = referrals.find((s) => s.id === r.nextReferralId)
        expect(next?.needId).toBe(r.needId)
      }
      if (r.status === 'sent') expect(r.respondBy!.getTime()).toBeGreaterThan(now.getTime())
    }
    expect(
      referrals.filter((r) => r.status === 'resolved').every((r) => needOf.get(r.needId)!.status === 'met'),
    ).toBe(true)
  })

  it('takes held places from the resources and keeps every timeline in order, in the past', async () => {
    const referrals = await db().select().from(schema.referrals)
    const resources = new Map((await db().select().from(schema.resources)).map((r) => [r.id, r]))
    const held = new Map<string, number>()
    for (const r of referrals) {
      expect(r.capacityHeld).toBe(['accepted', 'in_progress', 'on_hold'].includes(r.status))
      if (r.capacityHeld) held.set(r.resourceId, (held.get(r.resourceId) ?? 0) + r.quantity)
    }
    for (const [id, n] of held) {
      const resource = resources.get(id)!
      expect(resource.capacityAvailable + n).toBeLessThanOrEqual(resource.capacityTotal)
    }
    const events = await db()
      .select()
      .from(schema.referralEvents)
      .orderBy(
        asc(schema.referralEvents.referralId),
        asc(schema.referralEvents.at),
        asc(schema.referralEvents.id),
      )
    for (const r of referrals) {
      const mine = events.filter((e) => e.referralId === r.id)
      expect(mine[0]!.kind).toBe('create')
      const transitions = mine.filter((e) => e.toStatus)
      expect(transitions.at(-1)?.toStatus ?? 'draft').toBe(r.status)
      for (let i = 1; i < transitions.length; i++)
        expect(transitions[i]!.fromStatus).toBe(transitions[i - 1]!.toStatus)
      for (const e of mine) expect(e.at.getTime()).toBeLessThan(now.getTime())
    }
  })

  it('shows the partners an inbox, the workers an outbox, and opens the shared details of an accepted referral', async () => {
    t.clock.advance(now.getTime() - Date.now())
    const partner = await signIn(t.app, 'partner.cd@demo.liandong.cn')
    const inbox = body(
      await t.app.inject({ url: '/api/referrals?side=received&limit=100', headers: { cookie: partner } }),
    )
    expect(inbox.total).toBeGreaterThan(3)
    const serving = inbox.items.find((r: { status: string }) =>
      ['accepted', 'in_progress', 'on_hold'].includes(r.status),
    )
    expect(serving).toBeDefined()
    const shared = await t.app.inject({
      url: `/api/referrals/${serving.id}/shared`,
      headers: { cookie: partner },
    })
    expect(shared.statusCode).toBe(200)
    expect(body(shared).fields.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/)
    const timeline = body(
      await t.app.inject({ url: `/api/referrals/${serving.id}/timeline`, headers: { cookie: partner } }),
    )
    const kinds = timeline.items.map((e: { kind: string }) => e.kind).filter((k: string) => k !== 'previous')
    expect(kinds.slice(0, 3)).toEqual(['create', 'send', 'accept'])
    const worker = await signIn(t.app, 'worker.cd@demo.liandong.cn')
    const outbox = body(
      await t.app.inject({ url: '/api/referrals?side=sent&limit=100', headers: { cookie: worker } }),
    )
    expect(new Set(outbox.items.map((r: { status: string }) => r.status)).size).toBeGreaterThanOrEqual(8)
    const bell = body(await t.app.inject({ url: '/api/notifications', headers: { cookie: partner } }))
    expect(bell.unread).toBeGreaterThan(0)
    const figures = await partnerResponsiveness(db(), [
      await orgIdOf(db(), 'cd-rehab'),
      await orgIdOf(db(), 'gs-health'),
    ])
    expect([...figures.values()].every((f) => f.responded > 0 && f.medianResponseHours! > 0)).toBe(true)
  })

  it('is deterministic and seeds only once', async () => {
    expect(
      await seedDemoMarketplace(db(), { dataKeys: t.config.dataKeys, responseHours: 48, now }),
    ).toBeNull()
    const other = await createDb({ dataDir: 'memory://' })
    try {
      await other.migrate()
      await seedDemo(other.db, { hashPassword, now })
      await seedDemoResources(other.db, now)
      expect(
        await seedDemoMarketplace(other.db, { dataKeys: t.config.dataKeys, responseHours: 48, now }),
      ).toEqual(counts)
      // Sealed values differ by their random IVs; everything else is the same.
      const plain = sql`id, need_id, resource_id, status, respond_by, outcome, decline_reason, next_referral_id`
      const a = await db().execute(sql`select ${plain} from referrals order by id`)
      const b = await other.db.execute(sql`select ${plain} from referrals order by id`)
      const rows = (r: unknown) => JSON.stringify((r as { rows?: unknown[] }).rows ?? r)
      expect(rows(b)).toEqual(rows(a))
      const names = sql`id, name, status, capacity_available, district_codes from resources order by id`
      expect(rows(await other.db.execute(sql`select ${names}`))).toEqual(
        rows(await db().execute(sql`select ${names}`)),
      )
    } finally {
      await other.close()
    }
  })
})
