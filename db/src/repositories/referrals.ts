import { and, asc, count, desc, eq, gte, inArray, lte, or, type SQL, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { DbOrTx } from '../client.ts'
import { users } from '../schema/accounts.ts'
import { needs } from '../schema/needs.ts'
import { memberships, organizations } from '../schema/organizations.ts'
import { recipients } from '../schema/recipients.ts'
import { type ReferralStatus, referralEvents, referrals } from '../schema/referrals.ts'
import { resources } from '../schema/resources.ts'

export type { ReferralDeclineReason, ReferralStatus } from '../schema/referrals.ts'
export { referralDeclineReasons, referralStatuses } from '../schema/referrals.ts'

export type Referral = typeof referrals.$inferSelect
export type NewReferral = typeof referrals.$inferInsert
export type ReferralEvent = typeof referralEvents.$inferSelect
export type NewReferralEvent = typeof referralEvents.$inferInsert

const fromOrg = alias(organizations, 'from_org')
const toOrg = alias(organizations, 'to_org')
const creator = alias(users, 'creator')

const viewColumns = {
  referral: referrals,
  need: {
    id: needs.id,
    title: needs.title,
    publicSummary: needs.publicSummary,
    categories: needs.categories,
    urgency: needs.urgency,
    ageBand: needs.ageBand,
    districtCode: needs.districtCode,
    status: needs.status,
    recipientId: needs.recipientId,
  },
  recipient: { code: recipients.code, nameMasked: recipients.nameMasked },
  resource: {
    id: resources.id,
    name: resources.name,
    capacityAvailable: resources.capacityAvailable,
    capacityUnit: resources.capacityUnit,
  },
  fromOrgName: fromOrg.name,
  toOrgName: toOrg.name,
  createdByName: creator.displayName,
}

/** A referral with what either side's pages show beside it; the service decides what each side may see. */
export interface ReferralView {
  referral: Referral
  need: {
    id: string
    title: string
    publicSummary: string
    categories: string[]
    urgency: string
    ageBand: string
    districtCode: string
    status: string
    recipientId: string
  }
  recipient: { code: string; nameMasked: string }
  resource: { id: string; name: string; capacityAvailable: number; capacityUnit: string }
  fromOrgName: string
  toOrgName: string
  createdByName: string | null
}

export interface ReferralListFilter {
  /** Sent by these organizations, or received by them. */
  side: 'sent' | 'received'
  orgIds: readonly string[]
  statuses?: readonly ReferralStatus[]
  needId?: string
  resourceId?: string
  urgency?: string
  category?: string
  /** Sent and past their answer time (the SLA is running out or gone). */
  respondByBefore?: Date
  updatedSince?: Date
  limit: number
  offset: number
}

export interface ResponsivenessFigures {
  orgId: string
  /** Referrals the organization answered or let expire (an unanswered referral counts against it). */
  responded: number
  accepted: number
  declined: number
  expired: number
  /** accepted / responded, null before the first one. */
  acceptanceRate: number | null
  /** Median hours from sending to the answer, over answered referrals. */
  medianResponseHours: number | null
}

export const referralsRepo = (db: DbOrTx) => ({
  async insert(values: NewReferral): Promise<Referral> {
    const [row] = await db.insert(referrals).values(values).returning()
    return row!
  },
  async findById(id: string): Promise<Referral | undefined> {
    const [row] = await db.select().from(referrals).where(eq(referrals.id, id))
    return row
  },
  /** The row under FOR UPDATE: transitions of one referral run one at a time. */
  async lock(id: string): Promise<Referral | undefined> {
    const [row] = await db.select().from(referrals).where(eq(referrals.id, id)).for('update')
    return row
  },
  async update(id: string, values: Partial<NewReferral>): Promise<Referral> {
    const [row] = await db.update(referrals).set(values).where(eq(referrals.id, id)).returning()
    return row!
  },

  async view(id: string): Promise<ReferralView | undefined> {
    const [row] = await viewQuery(db).where(eq(referrals.id, id))
    return row
  },

  async list(filter: ReferralListFilter): Promise<{ items: ReferralView[]; total: number }> {
    if (filter.orgIds.length === 0) return { items: [], total: 0 }
    const where: SQL[] = [
      inArray(filter.side === 'sent' ? referrals.fromOrgId : referrals.toOrgId, [...filter.orgIds]),
    ]
    // The receiving side never sees drafts: nothing has been sent to it yet.
    if (filter.side === 'received') where.push(sql`${referrals.status} <> 'draft'`)
    if (filter.statuses?.length) where.push(inArray(referrals.status, [...filter.statuses]))
    if (filter.needId) where.push(eq(referrals.needId, filter.needId))
    if (filter.resourceId) where.push(eq(referrals.resourceId, filter.resourceId))
    if (filter.urgency) where.push(eq(needs.urgency, filter.urgency))
    if (filter.category) where.push(sql`${filter.category} = any(${needs.categories})`)
    if (filter.respondByBefore)
      where.push(and(eq(referrals.status, 'sent'), lte(referrals.respondBy, filter.respondByBefore))!)
    if (filter.updatedSince) where.push(gte(referrals.updatedAt, filter.updatedSince))
    const condition = and(...where)
    const [items, [total]] = await Promise.all([
      viewQuery(db)
        .where(condition)
        .orderBy(desc(referrals.updatedAt), desc(referrals.id))
        .limit(filter.limit)
        .offset(filter.offset),
      db
        .select({ n: count() })
        .from(referrals)
        .innerJoin(needs, eq(needs.id, referrals.needId))
        .where(condition),
    ])
    return { items, total: total?.n ?? 0 }
  },

  /**
   * Takes `quantity` units of the resource's capacity if that many are left — one conditional
   * UPDATE, so two accepts racing for the last place cannot both succeed.
   */
  async takeCapacity(resourceId: string, quantity: number): Promise<boolean> {
    const rows = await db
      .update(resources)
      .set({ capacityAvailable: sql`${resources.capacityAvailable} - ${quantity}` })
      .where(and(eq(resources.id, resourceId), gte(resources.capacityAvailable, quantity)))
      .returning({ id: resources.id })
    return rows.length === 1
  },
  /** Gives capacity back, never above the total (which the owner may have lowered meanwhile). */
  async releaseCapacity(resourceId: string, quantity: number): Promise<void> {
    await db
      .update(resources)
      .set({
        capacityAvailable: sql`least(${resources.capacityTotal}, ${resources.capacityAvailable} + ${quantity})`,
      })
      .where(eq(resources.id, resourceId))
  },

  async addEvent(values: NewReferralEvent): Promise<ReferralEvent> {
    const [row] = await db.insert(referralEvents).values(values).returning()
    return row!
  },
  async timeline(referralId: string) {
    return db
      .select({
        event: referralEvents,
        actorName: users.displayName,
        actorOrgName: organizations.name,
      })
      .from(referralEvents)
      .leftJoin(users, eq(users.id, referralEvents.actorId))
      .leftJoin(organizations, eq(organizations.id, referralEvents.actorOrgId))
      .where(eq(referralEvents.referralId, referralId))
      .orderBy(asc(referralEvents.at), asc(referralEvents.id))
  },

  /** Members of `orgId` holding one of `roles` — who hears about a referral. */
  async staffOf(orgId: string, roles: readonly string[]): Promise<string[]> {
    const rows = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, [...roles] as never[])))
    return rows.map((r) => r.userId)
  },

  /** Sent referrals whose answer time has passed (the expiry sweep's catch-all). */
  async overdue(now: Date, limit: number): Promise<string[]> {
    const rows = await db
      .select({ id: referrals.id })
      .from(referrals)
      .where(and(eq(referrals.status, 'sent'), lte(referrals.respondBy, now)))
      .orderBy(asc(referrals.respondBy))
      .limit(limit)
    return rows.map((r) => r.id)
  },

  /** Referrals of a need that still wait for someone or are being served. */
  async liveForNeed(needId: string, except: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(referrals)
      .where(
        and(
          eq(referrals.needId, needId),
          sql`${referrals.id} <> ${except}`,
          inArray(referrals.status, ['sent', 'accepted', 'in_progress', 'on_hold']),
        ),
      )
    return row?.n ?? 0
  },

  /**
   * Partner responsiveness from past referrals: per receiving organization, how many it answered
   * or let expire, the share it accepted, and the median time to an answer. Counted from the
   * timeline (accept, decline, expire events), so later steps — closing, passing on — do not
   * change the figures. `since` limits it to recent referrals.
   */
  async responsiveness(orgIds: readonly string[], since?: Date): Promise<Map<string, ResponsivenessFigures>> {
    const figures = new Map<string, ResponsivenessFigures>()
    if (orgIds.length === 0) return figures
    const decided = or(
      eq(referralEvents.kind, 'accept'),
      eq(referralEvents.kind, 'decline'),
      eq(referralEvents.kind, 'expire'),
    )
    const where = [inArray(referrals.toOrgId, [...orgIds]), decided!]
    if (since) where.push(gte(referrals.sentAt, since))
    const hours = sql<number>`extract(epoch from (${referralEvents.at} - ${referrals.sentAt})) / 3600.0`
    const rows = await db
      .select({
        orgId: referrals.toOrgId,
        responded: sql<number>`count(distinct ${referrals.id})::int`,
        accepted: sql<number>`count(*) filter (where ${referralEvents.kind} = 'accept')::int`,
        declined: sql<number>`count(*) filter (where ${referralEvents.kind} = 'decline')::int`,
        expired: sql<number>`count(*) filter (where ${referralEvents.kind} = 'expire')::int`,
        median: sql<
          number | null
        >`percentile_cont(0.5) within group (order by ${hours}) filter (where ${referralEvents.kind} <> 'expire')`,
      })
      .from(referralEvents)
      .innerJoin(referrals, eq(referrals.id, referralEvents.referralId))
      .where(and(...where))
      .groupBy(referrals.toOrgId)
    for (const r of rows) {
      const median = r.median === null ? null : Math.round(Number(r.median) * 10) / 10
      figures.set(r.orgId, {
        orgId: r.orgId,
        responded: r.responded,
        accepted: r.accepted,
        declined: r.declined,
        expired: r.expired,
        acceptanceRate: r.responded > 0 ? Math.round((r.accepted / r.responded) * 1000) / 1000 : null,
        medianResponseHours: median,
      })
    }
    return figures
  },
})

function viewQuery(db: DbOrTx) {
  return db
    .select(viewColumns)
    .from(referrals)
    .innerJoin(needs, eq(needs.id, referrals.needId))
    .innerJoin(recipients, eq(recipients.id, needs.recipientId))
    .innerJoin(resources, eq(resources.id, referrals.resourceId))
    .innerJoin(fromOrg, eq(fromOrg.id, referrals.fromOrgId))
    .innerJoin(toOrg, eq(toOrg.id, referrals.toOrgId))
    .leftJoin(creator, eq(creator.id, referrals.createdBy))
}
