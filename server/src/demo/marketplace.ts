import { type Db, demoOrgs, OUTBOX_CHANNEL, schema } from '@liandong/db'
import { ORGS } from '@liandong/search/fixture'
import { eq, inArray, sql } from 'drizzle-orm'
import { createSecretBox } from '../crypto/secret-box.ts'
import { generateCases } from './marketplace-cases.ts'
import { demoId, seededRandom } from './marketplace-random.ts'
import { type DemoPeople, generateReferrals } from './marketplace-referrals.ts'
import { generateResources } from './marketplace-resources.ts'

// The marketplace half of the demo, on top of the search fixture's directory (seedDemoResources):
// about 190 more resources owned by the demo partners and the fixture's ones, the agencies'
// informal resources, about 50 recipients with consents and needs, and referrals in every status
// with their timelines and notifications. Deterministic (one seeded random source; only dates
// move with `now`), written in bulk inside one transaction.

const SEED = 20260305
const CHUNK = 200

export interface MarketplaceOptions {
  dataKeys: { current: Buffer; previous?: Buffer[] }
  responseHours: number
  now?: Date
}

export interface MarketplaceCounts {
  resources: number
  recipients: number
  needs: number
  referrals: number
  events: number
}

export async function seedDemoMarketplace(
  db: Db,
  options: MarketplaceOptions,
): Promise<MarketplaceCounts | null> {
  const now = options.now ?? new Date()
  // Re-running is a no-op: the first generated resource marks a seeded marketplace.
  const [marker] = await db
    .select({ id: schema.resources.id })
    .from(schema.resources)
    .where(eq(schema.resources.id, demoId(1, 1)))
  if (marker) return null

  const orgRows = await db
    .select({
      id: schema.organizations.id,
      name: schema.organizations.name,
      creditCode: schema.organizations.creditCode,
    })
    .from(schema.organizations)
  const demoOrgId = new Map(
    demoOrgs.map((o) => [o.key, orgRows.find((r) => r.creditCode === o.creditCode)?.id] as const),
  )
  const fixtureIds = new Set<string>(Object.values(ORGS).map((o) => o.id))
  if (!orgRows.some((r) => fixtureIds.has(r.id)))
    throw new Error('seed the demo directory (seedDemoResources) first')
  const orgIdOf = (key: string) => {
    const id = demoOrgId.get(key) ?? ORGS[key as keyof typeof ORGS]?.id
    if (!id) throw new Error(`demo organization ${key} is missing; seed the accounts first`)
    return id
  }
  const emails = [
    'worker.cd',
    'worker.gs',
    'supervisor.cd',
    'supervisor.gs',
    'partner.cd',
    'partner.jobs',
    'partner.gs',
    'community.cd',
  ].map((e) => `${e}@demo.liandong.cn`)
  const users = await db
    .select({ id: schema.users.id, email: schema.users.email })
    .from(schema.users)
    .where(inArray(schema.users.email, emails))
  const userOf = (name: string) => {
    const row = users.find((u) => u.email === `${name}@demo.liandong.cn`)
    if (!row) throw new Error(`demo account ${name} is missing`)
    return row.id
  }
  const people: DemoPeople = {
    worker: { cd: userOf('worker.cd'), gs: userOf('worker.gs') },
    supervisor: { cd: userOf('supervisor.cd'), gs: userOf('supervisor.gs') },
    receiver: new Map([
      [orgIdOf('cd-rehab'), userOf('partner.cd')],
      [orgIdOf('cd-jobs'), userOf('partner.jobs')],
      [orgIdOf('gs-health'), userOf('partner.gs')],
      [orgIdOf('cd-community'), userOf('community.cd')],
    ]),
    orgName: new Map(orgRows.map((r) => [r.id, r.name])),
    responseHours: options.responseHours,
  }

  const rng = seededRandom(SEED)
  const box = createSecretBox(options.dataKeys)
  const resources = generateResources(rng, now, orgIdOf)
  const cases = generateCases(rng, now, box, {
    cd: { orgId: orgIdOf('cd-agency'), workerId: people.worker.cd },
    gs: { orgId: orgIdOf('gs-agency'), workerId: people.worker.gs },
  })
  const flow = generateReferrals(rng, now, box, cases, resources, people)

  // Places held by live referrals are taken from what is available, as accepting would have done.
  for (const r of resources) {
    const held = flow.held.get(r.row.id) ?? 0
    if (held > 0)
      r.row.capacityAvailable = Math.max(
        0,
        Math.min(r.row.capacityAvailable ?? 0, (r.row.capacityTotal ?? 0) - held),
      )
  }
  for (const c of cases) {
    const follow = flow.needStatus.get(c.need.id)
    if (follow) Object.assign(c.need, follow)
  }
  // A few needs without referrals show the other statuses: matched, closed, withdrawn.
  const quiet = cases.filter((c) => !flow.needStatus.has(c.need.id))
  for (const [i, c] of quiet.entries()) {
    if (i % 6 === 1) c.need.status = 'matched'
    if (i % 6 === 3)
      Object.assign(c.need, { status: 'closed', closedAt: new Date(now.getTime() - 5 * 86_400_000) })
    if (i === quiet.length - 1)
      Object.assign(c.need, { status: 'withdrawn', closedAt: new Date(now.getTime() - 86_400_000) })
  }
  // Every recipient consented to the agency's service (服务协议); one withdrew a consent to share.
  const consents: (typeof schema.recipientConsents.$inferInsert)[] = cases.map((c, i) => ({
    id: demoId(8, i + 1),
    recipientId: c.recipient.id,
    purpose: 'service',
    scope: '个案服务与资源链接',
    method: 'paper',
    givenAt: c.recipient.createdAt as Date,
    recordedBy: c.recipient.createdBy ?? null,
  }))
  const withdrawn = cases[cases.length - 1]!
  consents.push({
    id: demoId(8, cases.length + 1),
    recipientId: withdrawn.recipient.id,
    purpose: 'share_with_org',
    scope: '姓名、电话',
    targetOrgId: orgIdOf('cd-community'),
    method: 'paper',
    givenAt: new Date(now.getTime() - 30 * 86_400_000),
    withdrawnAt: new Date(now.getTime() - 10 * 86_400_000),
    withdrawnReason: '服务对象不希望社区知晓其情况。',
    recordedBy: withdrawn.recipient.createdBy ?? null,
  })

  await db.transaction(async (tx) => {
    const insert = async <T extends Record<string, unknown>>(
      table: Parameters<typeof tx.insert>[0],
      rows: T[],
    ) => {
      for (let i = 0; i < rows.length; i += CHUNK)
        await tx.insert(table).values(rows.slice(i, i + CHUNK) as never)
    }
    await insert(
      schema.resources,
      resources.map((r) => r.row),
    )
    await insert(
      schema.resourceLocations,
      resources.map((r) => r.location),
    )
    await insert(
      schema.recipients,
      cases.map((c) => c.recipient),
    )
    await insert(schema.recipientConsents, [...consents, ...flow.consents])
    await insert(
      schema.needs,
      cases.map((c) => c.need),
    )
    // A successor is inserted before the referral that points at it (no foreign key, but in order).
    await insert(schema.referrals, flow.referrals)
    await insert(schema.referralEvents, flow.events)
    await insert(schema.notifications, flow.notifications)
    // The search documents: resources and needs reach the index through the outbox like any write.
    await insert(schema.outbox, [
      ...resources.map((r) => ({ indexName: 'resources', op: 'upsert' as const, docId: r.row.id })),
      ...cases.map((c) => ({ indexName: 'needs', op: 'upsert' as const, docId: c.need.id })),
    ])
    await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`)
  })
  return {
    resources: resources.length,
    recipients: cases.length,
    needs: cases.length,
    referrals: flow.referrals.length,
    events: flow.events.length,
  }
}
