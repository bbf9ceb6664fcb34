import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts.ts'
import { createdAt, id, updatedAt } from './ids.ts'
import { attendance, opportunities, shifts } from './opportunities.ts'
import { organizations } from './organizations.ts'

/**
 * A service record (志愿服务记录, 民政部令第67号): activity, date, place, recipient group, content,
 * hours, evaluation, activity lead, recorder. "谁组织谁记录": only the organizing organization
 * approves it, and only approved minutes count anywhere.
 */
export const serviceRecords = pgTable(
  'service_records',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    opportunityId: uuid('opportunity_id').references(() => opportunities.id),
    shiftId: uuid('shift_id').references(() => shifts.id),
    attendanceId: uuid('attendance_id').references(() => attendance.id),
    source: text('source', { enum: ['attendance', 'self_report'] }).notNull(),
    activityName: text('activity_name').notNull(),
    serviceDate: date('service_date', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    recipientGroup: text('recipient_group').notNull(),
    content: text('content').notNull(),
    minutes: integer('minutes').notNull(),
    evaluation: text('evaluation'),
    activityLead: text('activity_lead'),
    recorderId: uuid('recorder_id').references(() => users.id),
    recorderName: text('recorder_name'),
    // Self-reported hours carry evidence (a note or a link to a file).
    evidence: text('evidence'),
    status: text('status').notNull().default('pending'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('service_records_attendance_uq').on(t.attendanceId),
    index('service_records_user_idx').on(t.userId, t.status),
    index('service_records_org_idx').on(t.orgId, t.status),
  ],
)

/** After approval a record changes only through a correction request with a reason. */
export const serviceRecordCorrections = pgTable(
  'service_record_corrections',
  {
    id: id(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => serviceRecords.id, { onDelete: 'cascade' }),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] })
      .notNull()
      .default('pending'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    createdAt: createdAt(),
  },
  (t) => [index('service_record_corrections_record_idx').on(t.recordId)],
)

/** Every change to a record, before and after, in order. */
export const serviceRecordHistory = pgTable(
  'service_record_history',
  {
    id: id(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => serviceRecords.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id),
    action: text('action').notNull(),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('service_record_history_record_idx').on(t.recordId, t.at)],
)
