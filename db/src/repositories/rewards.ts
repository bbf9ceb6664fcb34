import { and, desc, eq, gt, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { badges, pointLedger, redemptions, regionSettings, rewardItems } from '../schema/rewards.ts'
import { serviceRecords } from '../schema/service-records.ts'
import { volunteerProfiles } from '../schema/volunteers.ts'

export type RegionSetting = typeof regionSettings.$inferSelect
export type RewardItem = typeof rewardItems.$inferSelect
export type NewRewardItem = typeof rewardItems.$inferInsert
export type Redemption = typeof redemptions.$inferSelect
export type PointEntry = typeof pointLedger.$inferSelect
export type Badge = typeof badges.$inferSelect

export const rewardsRepo = (db: DbOrTx) => ({
  /** The region's settings, or the 'default' row the migration inserts. */
  async regionSetting(region: string): Promise<RegionSetting> {
    const rows = await db
      .select()
      .from(regionSettings)
      .where(sql`${regionSettings.region} in (${region}, 'default')`)
    return rows.find((r) => r.region === region) ?? rows.find((r) => r.region === 'default')!
  },
  async balance(userId: string): Promise<number> {
    const [row] = await db
      .select({ n: sql<number>`coalesce(sum(${pointLedger.delta}), 0)::int` })
      .from(pointLedger)
      .where(eq(pointLedger.userId, userId))
    return Number(row?.n ?? 0)
  },
  async addPoints(values: typeof pointLedger.$inferInsert): Promise<void> {
    await db.insert(pointLedger).values(values)
  },
  async ledger(userId: string, limit: number, offset: number) {
    const where = eq(pointLedger.userId, userId)
    const [items, [total]] = await Promise.all([
      db.select().from(pointLedger).where(where).orderBy(desc(pointLedger.id)).limit(limit).offset(offset),
      db.select({ n: sql<number>`count(*)::int` }).from(pointLedger).where(where),
    ])
    return { items, total: Number(total?.n ?? 0) }
  },
  /** Awards what is not yet awarded; returns the badges newly given. */
  async award(userId: string, names: readonly string[], at: Date): Promise<string[]> {
    if (names.length === 0) return []
    const rows = await db
      .insert(badges)
      .values(names.map((badge) => ({ userId, badge, awardedAt: at })))
      .onConflictDoNothing({ target: [badges.userId, badges.badge] })
      .returning({ badge: badges.badge })
    return rows.map((r) => r.badge)
  },
  async badges(userId: string): Promise<Badge[]> {
    return db.select().from(badges).where(eq(badges.userId, userId)).orderBy(badges.awardedAt, badges.badge)
  },
  /** Opted-in volunteers by approved minutes; approved records only. */
  async leaderboard(limit: number) {
    const minutes = sql<number>`coalesce(sum(${serviceRecords.minutes}) filter (where ${serviceRecords.status} = 'approved'), 0)::int`
    return db
      .select({
        userId: volunteerProfiles.userId,
        realName: volunteerProfiles.realName,
        volunteerNumber: volunteerProfiles.volunteerNumber,
        nameDisplay: volunteerProfiles.nameDisplay,
        minutes,
      })
      .from(volunteerProfiles)
      .leftJoin(serviceRecords, eq(serviceRecords.userId, volunteerProfiles.userId))
      .where(eq(volunteerProfiles.leaderboardOptIn, true))
      .groupBy(volunteerProfiles.userId)
      .having(sql`${minutes} > 0`)
      .orderBy(desc(minutes), volunteerProfiles.volunteerNumber)
      .limit(limit)
  },

  async createItem(values: NewRewardItem): Promise<RewardItem> {
    const [row] = await db.insert(rewardItems).values(values).returning()
    return row!
  },
  async findItem(id: string): Promise<RewardItem | undefined> {
    const [row] = await db.select().from(rewardItems).where(eq(rewardItems.id, id))
    return row
  },
  async updateItem(id: string, values: Partial<NewRewardItem>): Promise<RewardItem> {
    const [row] = await db.update(rewardItems).set(values).where(eq(rewardItems.id, id)).returning()
    return row!
  },
  async listItems(filter: { orgId?: string; availableOnly?: boolean }): Promise<RewardItem[]> {
    return db
      .select()
      .from(rewardItems)
      .where(
        and(
          filter.orgId ? eq(rewardItems.orgId, filter.orgId) : undefined,
          filter.availableOnly ? and(eq(rewardItems.active, true), gt(rewardItems.stock, 0)) : undefined,
        ),
      )
      .orderBy(rewardItems.pointsCost, rewardItems.id)
  },
  /** Takes one from stock if there is one, in one statement: stock never goes below zero. */
  async takeStock(id: string): Promise<boolean> {
    const rows = await db
      .update(rewardItems)
      .set({ stock: sql`${rewardItems.stock} - 1` })
      .where(and(eq(rewardItems.id, id), eq(rewardItems.active, true), gt(rewardItems.stock, 0)))
      .returning({ id: rewardItems.id })
    return rows.length === 1
  },
  async returnStock(id: string): Promise<void> {
    await db
      .update(rewardItems)
      .set({ stock: sql`${rewardItems.stock} + 1` })
      .where(eq(rewardItems.id, id))
  },
  async insertRedemption(values: typeof redemptions.$inferInsert): Promise<Redemption | undefined> {
    const [row] = await db.insert(redemptions).values(values).onConflictDoNothing().returning()
    return row
  },
  async findRedemption(id: string): Promise<Redemption | undefined> {
    const [row] = await db.select().from(redemptions).where(eq(redemptions.id, id))
    return row
  },
  async updateRedemption(id: string, values: Partial<typeof redemptions.$inferInsert>): Promise<Redemption> {
    const [row] = await db.update(redemptions).set(values).where(eq(redemptions.id, id)).returning()
    return row!
  },
  async redemptions(filter: { userId?: string; orgId?: string }) {
    return db
      .select({ redemption: redemptions, item: rewardItems })
      .from(redemptions)
      .innerJoin(rewardItems, eq(rewardItems.id, redemptions.itemId))
      .where(
        and(
          filter.userId ? eq(redemptions.userId, filter.userId) : undefined,
          filter.orgId ? eq(rewardItems.orgId, filter.orgId) : undefined,
        ),
      )
      .orderBy(desc(redemptions.id))
  },
  /** Serializes a volunteer's point spending: the balance check and the debit happen under this lock. */
  async lockVolunteer(userId: string): Promise<boolean> {
    const rows = await db
      .select({ userId: volunteerProfiles.userId })
      .from(volunteerProfiles)
      .where(eq(volunteerProfiles.userId, userId))
      .for('update')
    return rows.length === 1
  },
})
