import { sql } from 'drizzle-orm'
import {
  check,
  date,
  index,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from './accounts.ts'
import { createdAt, id, updatedAt } from './ids.ts'
import { organizations } from './organizations.ts'

export const complaintKinds = ['complaint', 'suggestion', 'praise'] as const
export const complaintCategories = [
  'service_quality',
  'staff_conduct',
  'privacy',
  'access',
  'volunteer',
  'other',
] as const
export const complaintStatuses = ['open', 'assigned', 'answered', 'closed'] as const
export type ComplaintStatus = (typeof complaintStatuses)[number]

/**
 * A complaint or feedback (投诉与建议, Chengdu §9.4) about one organization. Anyone may submit —
 * signed in (`submittedBy`) or through the public form. The submitter follows it with the
 * tracking code and a secret link (only the secret's SHA-256 is stored). Contact details, if
 * given, are sealed like other personal data. `dueAt` = submission + N working days (config),
 * counted over `calendar_days`; the escalation job marks `escalatedAt` once it passes unanswered.
 */
export const complaints = pgTable(
  'complaints',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    trackingCode: text('tracking_code').notNull(),
    secretHash: text('secret_hash').notNull(),
    kind: text('kind', { enum: complaintKinds }).notNull().default('complaint'),
    category: text('category', { enum: complaintCategories }).notNull().default('other'),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    channel: text('channel', { enum: ['account', 'public_form'] }).notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    contactSealed: text('contact_sealed'),
    // The solved proof-of-work challenge of a public submission: unique, so it cannot be replayed.
    powChallenge: text('pow_challenge'),
    status: text('status', { enum: complaintStatuses }).notNull().default('open'),
    assigneeId: uuid('assignee_id').references(() => users.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    answer: text('answer'),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    satisfaction: smallint('satisfaction'),
    satisfactionNote: text('satisfaction_note'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => users.id),
    closeNote: text('close_note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('complaints_tracking_code_uq').on(t.trackingCode),
    uniqueIndex('complaints_pow_challenge_uq').on(t.powChallenge),
    index('complaints_org_status_idx').on(t.orgId, t.status, t.dueAt),
    index('complaints_assignee_idx').on(t.assigneeId, t.status),
    index('complaints_submitter_idx').on(t.submittedBy),
    check('complaints_satisfaction_ck', sql`${t.satisfaction} is null or ${t.satisfaction} between 1 and 5`),
  ],
)

/** What happened to a complaint, in order: the timeline the desk and the tracking page show. */
export const complaintEvents = pgTable(
  'complaint_events',
  {
    id: id(),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id, { onDelete: 'cascade' }),
    kind: text('kind', {
      enum: ['submitted', 'assigned', 'answered', 'escalated', 'rated', 'closed'],
    }).notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('complaint_events_complaint_idx').on(t.complaintId, t.at)],
)

/**
 * Days that break the Monday–Friday rule (China's 调休): public holidays (`holiday`) and the
 * weekend days worked in exchange (`workday`). Shipped for the years the State Council has
 * announced; the platform admin adds later years. Used to count working days for deadlines.
 */
export const calendarDays = pgTable('calendar_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
  name: text('name').notNull(),
})
