import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts.ts'
import { createdAt, id, updatedAt } from './ids.ts'
import { organizations } from './organizations.ts'

// Chengdu §9.1.3 b): 行政性 (records, public relations), 教育性 (policy, theory, technique),
// 支持性 (professional values, emotional support).
export const supervisionKinds = ['administrative', 'educational', 'supportive'] as const
export const supervisionFormats = ['individual', 'group', 'peer', 'online'] as const

/** One supervision session for one worker, written by a supervisor of the worker's agency. */
export const supervisionRecords = pgTable(
  'supervision_records',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => users.id),
    supervisorId: uuid('supervisor_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: supervisionKinds }).notNull(),
    format: text('format', { enum: supervisionFormats }).notNull().default('individual'),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    minutes: integer('minutes').notNull(),
    topics: text('topics').notNull(),
    notes: text('notes').notNull().default(''),
    agreedActions: text('agreed_actions').notNull().default(''),
    nextOn: date('next_on', { mode: 'string' }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('supervision_worker_idx').on(t.workerId, t.heldOn),
    index('supervision_org_idx').on(t.orgId, t.heldOn),
  ],
)

// Chengdu §5.1.1: a) 全国社会工作者职业水平证书 (assistant / intermediate / senior levels);
// b) 社会工作员证书 recognised by a civil-affairs department at city level or above;
// c) a social-work diploma (大专) or higher degree.
export const qualificationTypes = [
  'national_certificate',
  'social_work_assistant',
  'social_work_degree',
] as const
export const qualificationLevels = [
  'assistant_social_worker',
  'social_worker',
  'senior_social_worker',
  'junior_college',
  'bachelor',
  'master',
  'doctorate',
] as const

/** A worker's qualification, kept by their agency, with the expiry that triggers reminders. */
export const workerQualifications = pgTable(
  'worker_qualifications',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    type: text('type', { enum: qualificationTypes }).notNull(),
    level: text('level', { enum: qualificationLevels }),
    number: text('number').notNull(),
    issuer: text('issuer').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }),
    // A degree never expires; certificates are re-registered (national: every 3 years).
    expiresOn: date('expires_on', { mode: 'string' }),
    verifiedBy: uuid('verified_by').references(() => users.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    // Set when the expiry reminder went out; cleared when the expiry date changes.
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('qualifications_user_idx').on(t.userId),
    index('qualifications_org_expiry_idx').on(t.orgId, t.expiresOn),
  ],
)
