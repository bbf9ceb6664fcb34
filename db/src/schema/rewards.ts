import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts.ts'
import { createdAt, id } from './ids.ts'
import { organizations } from './organizations.ts'
import { serviceRecords } from './service-records.ts'

/** Star thresholds and points per hour by region (province code, or 'default'). */
export const regionSettings = pgTable('region_settings', {
  region: text('region').primaryKey(),
  starThresholdsHours: integer('star_thresholds_hours').array().notNull(),
  pointsPerHour: integer('points_per_hour').notNull(),
})

/** Points move only through this ledger: earned on approval, spent on redemption, reversed on correction. */
export const pointLedger = pgTable(
  'point_ledger',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    delta: integer('delta').notNull(),
    reason: text('reason', { enum: ['service', 'redemption', 'correction', 'refund'] }).notNull(),
    recordId: uuid('record_id').references(() => serviceRecords.id),
    redemptionId: uuid('redemption_id'),
    createdAt: createdAt(),
  },
  (t) => [index('point_ledger_user_idx').on(t.userId)],
)

export const badges = pgTable(
  'badges',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    badge: text('badge').notNull(),
    awardedAt: timestamp('awarded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('badges_user_badge_uq').on(t.userId, t.badge)],
)

export const rewardItems = pgTable(
  'reward_items',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    pointsCost: integer('points_cost').notNull(),
    stock: integer('stock').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('reward_items_org_idx').on(t.orgId)],
)

export const redemptions = pgTable(
  'redemptions',
  {
    id: id(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => rewardItems.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    points: integer('points').notNull(),
    status: text('status', { enum: ['requested', 'fulfilled', 'cancelled'] })
      .notNull()
      .default('requested'),
    fulfilledAt: timestamp('fulfilled_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('redemptions_user_idx').on(t.userId), index('redemptions_item_idx').on(t.itemId)],
)
