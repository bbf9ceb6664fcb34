import { sql } from 'drizzle-orm'
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts.ts'
import { createdAt, id, updatedAt } from './ids.ts'
import { organizations } from './organizations.ts'

/**
 * A person an agency serves (服务对象). Everything that identifies them is sealed (AES-256-GCM, see
 * the server's secret box) — columns ending in `Sealed`; what lists show is a mask kept beside it
 * (`nameMasked` = 王**, `phoneLast4`). Only the agency's own workers ever read a recipient; partners
 * and volunteers see a need's de-identified summary, and a referral's shared fields after consent.
 */
export const recipients = pgTable(
  'recipients',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    // Human-facing file number, unique per organization (e.g. R2026-0042).
    code: text('code').notNull(),
    nameSealed: text('name_sealed').notNull(),
    nameMasked: text('name_masked').notNull(),
    gender: text('gender'),
    // Birth year stays in clear for eligibility (age bands); the full date is sealed.
    birthYear: integer('birth_year'),
    birthDateSealed: text('birth_date_sealed'),
    categories: text('categories').array().notNull().default(sql`'{}'::text[]`),
    districtCode: text('district_code'),
    phoneSealed: text('phone_sealed'),
    phoneLast4: text('phone_last4'),
    idType: text('id_type'),
    idNumberSealed: text('id_number_sealed'),
    idNumberHash: text('id_number_hash'),
    idNumberLast4: text('id_number_last4'),
    addressSealed: text('address_sealed'),
    // Household members (JSON list), health and disability, income and assistance status,
    // military-service details: sealed like the rest; only the household's size stays in clear.
    householdSealed: text('household_sealed'),
    householdSize: integer('household_size'),
    healthSealed: text('health_sealed'),
    incomeSealed: text('income_sealed'),
    militarySealed: text('military_sealed'),
    primaryWorkerId: uuid('primary_worker_id').references(() => users.id),
    // erased: the person's data was deleted at their request (see recipientRequests); the row keeps
    // its code so that filed records and referrals still point somewhere.
    status: text('status', { enum: ['active', 'inactive', 'archived', 'erased'] })
      .notNull()
      .default('active'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('recipients_org_code_uq').on(t.orgId, t.code),
    uniqueIndex('recipients_org_id_hash_uq').on(t.orgId, t.idNumberHash),
    index('recipients_org_idx').on(t.orgId, t.status),
  ],
)

/**
 * A recipient's consent (知情同意): for a purpose, a scope, and — for sharing — one organization.
 * Referrals need an unwithdrawn `share_with_org` consent naming the receiving organization.
 * A child under 14 consents through a guardian (name sealed).
 */
export const recipientConsents = pgTable(
  'recipient_consents',
  {
    id: id(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => recipients.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['service', 'share_with_org', 'data_processing'] }).notNull(),
    scope: text('scope').notNull().default(''),
    targetOrgId: uuid('target_org_id').references(() => organizations.id),
    givenBy: text('given_by', { enum: ['self', 'guardian'] })
      .notNull()
      .default('self'),
    guardianNameSealed: text('guardian_name_sealed'),
    guardianRelation: text('guardian_relation'),
    // How it was given: signed paper form, spoken and witnessed, in the app.
    method: text('method', { enum: ['paper', 'verbal', 'electronic'] })
      .notNull()
      .default('paper'),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnReason: text('withdrawn_reason'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('recipient_consents_recipient_idx').on(t.recipientId, t.purpose)],
)

export const recipientRequestKinds = ['access', 'correction', 'deletion'] as const
export type RecipientRequestKind = (typeof recipientRequestKinds)[number]
// open: received; done: answered (data exported, corrected, erased); scheduled: a deletion waiting
// for the retention of filed records to end (`scheduledFor`); refused: with the reason given.
export const recipientRequestStatuses = ['open', 'done', 'scheduled', 'refused'] as const
export type RecipientRequestStatus = (typeof recipientRequestStatuses)[number]

/**
 * A recipient exercising a right over their data (PIPL arts. 44–47): to get a copy (access), to
 * have it corrected, to have it deleted — as far as the retention of filed records allows. What
 * the person asked for can itself be personal, so it is sealed. `dueAt` = received + the response
 * period from configuration.
 */
export const recipientRequests = pgTable(
  'recipient_requests',
  {
    id: id(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => recipients.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind', { enum: recipientRequestKinds }).notNull(),
    status: text('status', { enum: recipientRequestStatuses }).notNull().default('open'),
    detailsSealed: text('details_sealed'),
    // How it reached the agency: in person, by phone, in writing.
    channel: text('channel', { enum: ['in_person', 'phone', 'written'] })
      .notNull()
      .default('in_person'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    outcomeSealed: text('outcome_sealed'),
    scheduledFor: timestamp('scheduled_for', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('recipient_requests_recipient_idx').on(t.recipientId, t.kind),
    index('recipient_requests_org_idx').on(t.orgId, t.status, t.dueAt),
  ],
)
