import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts.ts'
import { createdAt, id, updatedAt } from './ids.ts'
import { needs } from './needs.ts'
import { organizations } from './organizations.ts'
import { recipientConsents } from './recipients.ts'
import { resources } from './resources.ts'

// GLOSSARY "Referral statuses": the closed loop and its side exits.
export const referralStatuses = [
  'draft',
  'sent',
  'accepted',
  'declined',
  'in_progress',
  'on_hold',
  'resolved',
  'unresolved',
  'cancelled',
  'expired',
  'referred_elsewhere',
] as const
export type ReferralStatus = (typeof referralStatuses)[number]

export const referralDeclineReasons = [
  'not_eligible',
  'no_capacity',
  'out_of_area',
  'documents_missing',
  'unreachable',
  'other',
] as const
export type ReferralDeclineReason = (typeof referralDeclineReasons)[number]

/**
 * A referral (转介) of one need to one resource of another organization. The receiving side sees
 * the need's public summary plus `sharedSealed` — the fields the recipient consented to share —
 * and nothing else. `capacityHeld` says whether this referral currently holds `quantity` units of
 * the resource's capacity (taken on accept, given back on close).
 */
export const referrals = pgTable(
  'referrals',
  {
    id: id(),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => resources.id),
    fromOrgId: uuid('from_org_id')
      .notNull()
      .references(() => organizations.id),
    toOrgId: uuid('to_org_id')
      .notNull()
      .references(() => organizations.id),
    status: text('status').notNull().default('draft'),
    consentId: uuid('consent_id').references(() => recipientConsents.id),
    consentOverrideReason: text('consent_override_reason'),
    note: text('note').notNull().default(''),
    // Sealed JSON of the shared personal fields (name, phone …) for the receiving organization.
    sharedSealed: text('shared_sealed'),
    quantity: integer('quantity').notNull().default(1),
    capacityHeld: boolean('capacity_held').notNull().default(false),
    respondBy: timestamp('respond_by', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    declineReason: text('decline_reason'),
    declineNote: text('decline_note'),
    outcome: text('outcome'),
    outcomeNote: text('outcome_note'),
    // A referral passed on elsewhere points at its successor.
    nextReferralId: uuid('next_referral_id'),
    createdBy: uuid('created_by').references(() => users.id),
    assignedTo: uuid('assigned_to').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('referrals_from_idx').on(t.fromOrgId, t.status),
    index('referrals_to_idx').on(t.toOrgId, t.status),
    index('referrals_need_idx').on(t.needId),
    index('referrals_resource_idx').on(t.resourceId, t.status),
    index('referrals_respond_by_idx').on(t.status, t.respondBy),
    check('referrals_quantity_ck', sql`${t.quantity} > 0`),
  ],
)

/** The referral's timeline: every transition and comment, with who did it. */
export const referralEvents = pgTable(
  'referral_events',
  {
    id: id(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id),
    actorOrgId: uuid('actor_org_id').references(() => organizations.id),
    kind: text('kind').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('referral_events_referral_idx').on(t.referralId, t.at)],
)

/** A resource import run (CSV, XLSX, HSDS): progress and per-row errors. */
export const resourceImports = pgTable(
  'resource_imports',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    format: text('format').notNull(),
    fileName: text('file_name'),
    status: text('status', { enum: ['running', 'succeeded', 'failed'] })
      .notNull()
      .default('running'),
    skipInvalid: boolean('skip_invalid').notNull().default(false),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    imported: integer('imported').notNull().default(0),
    errors: jsonb('errors')
      .$type<{ row: number; field: string; code: string; message?: string }[]>()
      .notNull()
      .default([]),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('resource_imports_org_idx').on(t.orgId, t.createdAt)],
)
