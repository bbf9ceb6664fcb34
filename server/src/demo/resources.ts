import { type Db, enqueueOutbox, schema } from '@liandong/db'
import { AREA_NAMES } from '@liandong/search'
import { FIXTURE_RESOURCES, ORGS } from '@liandong/search/fixture'
import { sql } from 'drizzle-orm'

// The demo directory: the partners and resources the search relevance set is labelled against,
// so what a newcomer searches is what the relevance test measures. Fixed ids keep it deterministic.

const statusFromSearch = {
  published: 'active',
  draft: 'draft',
  paused: 'paused',
  archived: 'expired',
} as const
const agencyName = /社会工作|社工/

export async function seedDemoResources(db: Db, now = new Date()): Promise<number> {
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(schema.resources)
  if ((existing?.n ?? 0) > 0) return 0
  await db.transaction(async (tx) => {
    for (const org of Object.values(ORGS)) {
      await tx
        .insert(schema.organizations)
        .values({
          id: org.id,
          name: org.name,
          kind: agencyName.test(org.name) ? 'agency' : 'partner',
          status: 'approved',
          reviewedAt: now,
        })
        .onConflictDoNothing()
    }
    for (const [i, r] of FIXTURE_RESOURCES.entries()) {
      // Every seventh resource has gone unverified for half a year, so the stale flag shows.
      const verifiedDaysAgo = i % 7 === 3 ? 180 : i % 30
      const district = r.districtCodes[0] ?? null
      await tx.insert(schema.resources).values({
        id: r.id,
        orgId: r.orgId,
        name: r.title,
        description: r.description,
        keywords: r.keywords ?? [],
        resourceType: r.resourceType as (typeof schema.resources.$inferInsert)['resourceType'],
        visibility: r.visibility,
        status: statusFromSearch[r.status],
        needCategories: r.needCategories,
        recipientCategories: r.recipientCategories,
        ageMin: r.ageMin ?? null,
        ageMax: r.ageMax ?? null,
        districtCodes: r.districtCodes,
        capacityTotal: Math.max(r.capacityAvailable, 10 + (i % 5) * 10),
        capacityAvailable: r.capacityAvailable,
        contactPhone: `028-8${String(6000000 + i * 137).slice(0, 7)}`,
        lastVerifiedAt: new Date(now.getTime() - verifiedDaysAgo * 86_400_000),
        createdAt: new Date(Date.parse(String(r.updatedAt))),
      })
      if (district) {
        await tx.insert(schema.resourceLocations).values({
          resourceId: r.id,
          name: `${r.orgName ?? ''}服务点`,
          address: `${AREA_NAMES[district] ?? ''}服务点`,
          districtCode: district,
          latitude: r.location?.lat ?? null,
          longitude: r.location?.lng ?? null,
        })
      }
      await enqueueOutbox(tx, 'resources', 'upsert', r.id)
    }
  })
  return FIXTURE_RESOURCES.length
}
