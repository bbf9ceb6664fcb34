import { sql } from 'drizzle-orm'
import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts.ts'
import { cases } from './cases.ts'
import { createdAt, id, updatedAt } from './ids.ts'
import { organizations } from './organizations.ts'
import { recipients } from './recipients.ts'
import { resources } from './resources.ts'

export const needUrgencies = ['low', 'normal', 'high', 'urgent'] as const
export type NeedUrgency = (typeof needUrgencies)[number]

export const needStatuses = ['open', 'matched', 'referred', 'met', 'closed', 'withdrawn'] as const
export type NeedStatus = (typeof needStatuses)[number]

// Age bands are what leaves the agency: eligibility is checked against a band, never a birth date.
export const ageBands = ['child', 'teen', 'adult', 'senior', 'elder'] as const
export type AgeBand = (typeof ageBands)[number]

/**
 * A recipient's need (需求), posted by a social worker. `privateDescriptionSealed` never leaves the
 * agency; `publicSummary` is the de-identified text partners, volunteers and the search index see.
 */
export const needs = pgTable(
  'needs',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => recipients.id),
    // Set when the need is posted from a case.
    caseId: uuid('case_id').references(() => cases.id),
    title: text('title').notNull(),
    categories: text('categories').array().notNull(),
    privateDescriptionSealed: text('private_description_sealed'),
    publicSummary: text('public_summary').notNull(),
    urgency: text('urgency').notNull().default('normal'),
    districtCode: text('district_code').notNull(),
    recipientCategories: text('recipient_categories').array().notNull().default(sql`'{}'::text[]`),
    ageBand: text('age_band').notNull(),
    // How much of a resource the need takes when referred (places, portions, hours …).
    quantity: integer('quantity').notNull().default(1),
    dueDate: date('due_date', { mode: 'string' }),
    status: text('status').notNull().default('open'),
    createdBy: uuid('created_by').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('needs_org_idx').on(t.orgId, t.status),
    index('needs_recipient_idx').on(t.recipientId),
    index('needs_status_idx').on(t.status, t.districtCode),
  ],
)

/**
 * A partner's offer of help for an open need seen in its de-identified form (the reverse view);
 * the social worker may turn it into a referral.
 */
export const needPledges = pgTable(
  'need_pledges',
  {
    id: id(),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    resourceId: uuid('resource_id').references(() => resources.id),
    message: text('message').notNull().default(''),
    status: text('status', { enum: ['offered', 'accepted', 'declined', 'withdrawn'] })
      .notNull()
      .default('offered'),
    referralId: uuid('referral_id'),
    createdBy: uuid('created_by').references(() => users.id),
    respondedBy: uuid('responded_by').references(() => users.id),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('need_pledges_need_idx').on(t.needId), index('need_pledges_org_idx').on(t.orgId)],
)
