import { and, asc, count, desc, eq, inArray, isNull, lt, not, or, type SQL, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { organizations } from '../schema/organizations.ts'
import { resourceLocations, resources } from '../schema/resources.ts'
import type { ResourceStatus } from '../schema/taxonomies.ts'

export type Resource = typeof resources.$inferSelect
export type NewResource = typeof resources.$inferInsert
export type ResourceLocation = typeof resourceLocations.$inferSelect
export type NewResourceLocation = Omit<typeof resourceLocations.$inferInsert, 'resourceId'>
export type ResourceWithLocations = Resource & { locations: ResourceLocation[]; orgName: string }

export interface ResourceListFilter {
  orgId?: string
  status?: ResourceStatus
  /** true: only stale ones (active, not verified since the date); false: none of them. */
  stale?: { before: Date; only: boolean }
  limit: number
  offset: number
}

export const resourcesRepo = (db: DbOrTx) => ({
  async create(values: NewResource, locations: NewResourceLocation[]): Promise<Resource> {
    const [row] = await db.insert(resources).values(values).returning()
    if (locations.length)
      await db.insert(resourceLocations).values(locations.map((l) => ({ ...l, resourceId: row!.id })))
    return row!
  },
  async update(
    id: string,
    values: Partial<NewResource>,
    locations?: NewResourceLocation[],
  ): Promise<Resource | undefined> {
    const [row] = await db.update(resources).set(values).where(eq(resources.id, id)).returning()
    if (row && locations) {
      await db.delete(resourceLocations).where(eq(resourceLocations.resourceId, id))
      if (locations.length)
        await db.insert(resourceLocations).values(locations.map((l) => ({ ...l, resourceId: id })))
    }
    return row
  },
  async findById(id: string): Promise<Resource | undefined> {
    const [row] = await db.select().from(resources).where(eq(resources.id, id))
    return row
  },
  /** Rows with their locations and owner's name — what a search document or a detail page needs. */
  async findManyWithLocations(ids: readonly string[]): Promise<ResourceWithLocations[]> {
    if (ids.length === 0) return []
    const rows = await db
      .select({ resource: resources, orgName: organizations.name })
      .from(resources)
      .innerJoin(organizations, eq(organizations.id, resources.orgId))
      .where(inArray(resources.id, [...ids]))
    const locations = await db
      .select()
      .from(resourceLocations)
      .where(inArray(resourceLocations.resourceId, [...ids]))
      .orderBy(asc(resourceLocations.createdAt))
    return rows.map(({ resource, orgName }) => ({
      ...resource,
      orgName,
      locations: locations.filter((l) => l.resourceId === resource.id),
    }))
  },
  async list(filter: ResourceListFilter): Promise<{ items: Resource[]; total: number }> {
    const where: SQL[] = []
    if (filter.orgId) where.push(eq(resources.orgId, filter.orgId))
    if (filter.status) where.push(eq(resources.status, filter.status))
    if (filter.stale) {
      const stale = isStaleSince(filter.stale.before)!
      where.push(filter.stale.only ? stale : not(stale))
    }
    const condition = where.length ? and(...where) : undefined
    const [items, [total]] = await Promise.all([
      db
        .select()
        .from(resources)
        .where(condition)
        .orderBy(desc(resources.updatedAt))
        .limit(filter.limit)
        .offset(filter.offset),
      db.select({ n: count() }).from(resources).where(condition),
    ])
    return { items, total: total?.n ?? 0 }
  },
  /** Ids in pages of `size`, ordered, for a reindex that never holds the whole table in memory. */
  async *idPages(size: number): AsyncGenerator<string[]> {
    let after = ''
    for (;;) {
      const rows = await db
        .select({ id: resources.id })
        .from(resources)
        .where(after ? sql`${resources.id} > ${after}` : undefined)
        .orderBy(asc(resources.id))
        .limit(size)
      if (rows.length === 0) return
      yield rows.map((r) => r.id)
      after = rows.at(-1)!.id
    }
  },
  async count(): Promise<number> {
    const [row] = await db.select({ n: count() }).from(resources)
    return row?.n ?? 0
  },
  /** Active resources nobody has verified since `before` and nobody was reminded of since then. */
  async staleUnreminded(before: Date, limit: number): Promise<Resource[]> {
    return db.select().from(resources).where(staleDue(before)).orderBy(asc(resources.id)).limit(limit)
  },
  /**
   * Marks the reminder of each still-due resource, returning those this caller claimed: several
   * workers may sweep at once, and each resource is reminded by one of them only.
   */
  async claimStaleReminders(ids: readonly string[], before: Date, at: Date): Promise<Resource[]> {
    if (ids.length === 0) return []
    return db
      .update(resources)
      .set({ staleRemindedAt: at })
      .where(and(inArray(resources.id, [...ids]), staleDue(before)))
      .returning()
  },
})

/** Active, not verified since `before`, and not reminded since `before` either. */
const staleDue = (before: Date) =>
  and(isStaleSince(before), or(isNull(resources.staleRemindedAt), lt(resources.staleRemindedAt, before)))

const isStaleSince = (before: Date) =>
  and(
    eq(resources.status, 'active'),
    or(isNull(resources.lastVerifiedAt), lt(resources.lastVerifiedAt, before)),
  )
