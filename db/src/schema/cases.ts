import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from './accounts.ts'
import { createdAt, id, updatedAt } from './ids.ts'
import { organizations } from './organizations.ts'
import { recipients } from './recipients.ts'

// The service process of Chengdu §8 (GLOSSARY "Case workflow"): 接案 → 预估 → 计划 → 介入 → 评估 →
// 结案 → 跟进. Keys are never renamed; labels live in the message catalogues.
export const caseStages = [
  'intake',
  'assessment',
  'planning',
  'intervention',
  'evaluation',
  'closure',
  'follow_up',
] as const
export type CaseStage = (typeof caseStages)[number]

// open: being served; closed: closure approved (follow-ups may still be recorded);
// referred_out: the agency could not help and referred the person elsewhere at intake.
export const caseStatuses = ['open', 'closed', 'referred_out'] as const
export type CaseStatus = (typeof caseStatuses)[number]

// The documents each stage keeps. Assessment, plan and closure go to a supervisor for approval.
export const caseRecordKinds = [
  'intake',
  'referral_out',
  'assessment',
  'plan',
  'intervention_note',
  'evaluation',
  'closure',
  'follow_up',
] as const
export type CaseRecordKind = (typeof caseRecordKinds)[number]

export const caseRecordStatuses = ['draft', 'submitted', 'approved', 'returned', 'recorded'] as const
export type CaseRecordStatus = (typeof caseRecordStatuses)[number]

/**
 * A case (个案) of one recipient at one agency. Only the case's workers and the agency's
 * supervisors read it. A transfer to another worker is two-phase: `transferTo` holds the
 * receiver until they accept (the lead changes) or decline.
 */
export const cases = pgTable(
  'cases',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => recipients.id),
    // Human-facing file number, unique per organization (e.g. C2026-0007).
    code: text('code').notNull(),
    stage: text('stage', { enum: caseStages }).notNull().default('intake'),
    status: text('status', { enum: caseStatuses }).notNull().default('open'),
    leadWorkerId: uuid('lead_worker_id')
      .notNull()
      .references(() => users.id),
    transferTo: uuid('transfer_to').references(() => users.id),
    transferRequestedBy: uuid('transfer_requested_by').references(() => users.id),
    transferRequestedAt: timestamp('transfer_requested_at', { withTimezone: true }),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('cases_org_code_uq').on(t.orgId, t.code),
    index('cases_org_idx').on(t.orgId, t.status, t.stage),
    index('cases_recipient_idx').on(t.recipientId),
    index('cases_transfer_idx').on(t.transferTo),
  ],
)

/** Who works a case: the lead and any co-workers. Leaving the case (a transfer) deletes the row. */
export const caseWorkers = pgTable(
  'case_workers',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: ['lead', 'co_worker'] })
      .notNull()
      .default('lead'),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] }), index('case_workers_user_idx').on(t.userId)],
)

/**
 * A stage's document: one row per version. The content (JSON, shaped per kind by the API) and
 * the supervisor's comment are sealed like other personal data — case notes are the most
 * sensitive thing an agency writes. A returned document is revised as a new version, so the
 * history of submissions and decisions stays.
 */
export const caseRecords = pgTable(
  'case_records',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: caseRecordKinds }).notNull(),
    version: integer('version').notNull().default(1),
    status: text('status', { enum: caseRecordStatuses }).notNull(),
    contentSealed: text('content_sealed').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionCommentSealed: text('decision_comment_sealed'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('case_records_case_idx').on(t.caseId, t.kind, t.version),
    index('case_records_status_idx').on(t.status),
  ],
)

/**
 * A file kept with a case (signed agreement, report scan, photo). Kept in the database, sealed —
 * file name included, since scans are often named after the person (docs/decisions.md).
 */
export const caseAttachments = pgTable(
  'case_attachments',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    recordId: uuid('record_id').references(() => caseRecords.id, { onDelete: 'set null' }),
    fileNameSealed: text('file_name_sealed').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    dataSealed: text('data_sealed').notNull(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('case_attachments_case_idx').on(t.caseId)],
)

/** Who opened a case and when (the "who viewed" log supervisors and auditors read). */
export const caseViews = pgTable(
  'case_views',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    // What was opened: the case, or one attachment.
    what: text('what', { enum: ['case', 'attachment'] }).notNull(),
    attachmentId: uuid('attachment_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('case_views_case_idx').on(t.caseId, t.at)],
)

/** The case's history: opened, stage moves, submissions, decisions, transfers. Ids and codes only. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    kind: text('kind').notNull(),
    details: jsonb('details').$type<Record<string, string | number | null>>().notNull().default({}),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.at)],
)
