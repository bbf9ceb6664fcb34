import {
  date,
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

// Service archives (服务档案, Chengdu §9.2.1): what is filed, how long it is kept, who borrows it,
// how it moves to another agency and how it is destroyed. Keys are never renamed.
export const archiveRecordTypes = ['case', 'complaint', 'incident'] as const
export type ArchiveRecordType = (typeof archiveRecordTypes)[number]

// archived: filed and readable by its keepers (and borrowers); destroyed: the contents are purged
// and only this row (the tombstone) says the file existed, what it was and who destroyed it.
export const archiveStatuses = ['archived', 'destroyed'] as const
export type ArchiveStatus = (typeof archiveStatuses)[number]

/**
 * One filed record (a closed case, complaint or incident). The row never holds personal data:
 * `title` is built from codes (case C2026-0007 · recipient R2026-0042), so it can outlive the
 * contents as the tombstone. `retainUntil` = the record's closing date + the retention period of
 * its type at filing time (a later change of the period does not move filed records).
 * A transfer to another agency is two-phase: `transferToOrgId` holds the receiver until one of its
 * keepers accepts (the archive, and the record it files, change organization) or declines.
 */
export const archives = pgTable(
  'archives',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    recordType: text('record_type', { enum: archiveRecordTypes }).notNull(),
    // The filed record's id (cases.id, complaints.id, incidents.id). No foreign key: the row stays
    // after destruction purges the record.
    subjectId: uuid('subject_id').notNull(),
    // The recipient a case file concerns, for the recipient's rights (export, deletion).
    recipientId: uuid('recipient_id').references(() => recipients.id),
    // Archive number, unique per organization (e.g. A2026-0003).
    code: text('code').notNull(),
    title: text('title').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }).notNull(),
    archivedBy: uuid('archived_by').references(() => users.id),
    retentionYears: integer('retention_years').notNull(),
    retainUntil: date('retain_until').notNull(),
    status: text('status', { enum: archiveStatuses }).notNull().default('archived'),
    destroyedAt: timestamp('destroyed_at', { withTimezone: true }),
    transferToOrgId: uuid('transfer_to_org_id').references(() => organizations.id),
    transferRequestedBy: uuid('transfer_requested_by').references(() => users.id),
    transferRequestedAt: timestamp('transfer_requested_at', { withTimezone: true }),
    transferReason: text('transfer_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('archives_org_code_uq').on(t.orgId, t.code),
    uniqueIndex('archives_subject_uq').on(t.recordType, t.subjectId),
    index('archives_org_idx').on(t.orgId, t.status, t.retainUntil),
    index('archives_recipient_idx').on(t.recipientId),
    index('archives_transfer_idx').on(t.transferToOrgId),
  ],
)

/** An agency's own retention period for a record type; without a row, configuration's default applies. */
export const archiveRetention = pgTable(
  'archive_retention',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    recordType: text('record_type', { enum: archiveRecordTypes }).notNull(),
    years: integer('years').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.recordType] })],
)

export const archiveBorrowingStatuses = [
  'requested',
  'approved',
  'rejected',
  'returned',
  'cancelled',
] as const
export type ArchiveBorrowingStatus = (typeof archiveBorrowingStatuses)[number]

/**
 * A request to read a filed record (档案借阅): a purpose, a return date; a keeper approves or
 * rejects; while approved and not returned (and not past `dueOn`) the borrower may read it.
 */
export const archiveBorrowings = pgTable(
  'archive_borrowings',
  {
    id: id(),
    archiveId: uuid('archive_id')
      .notNull()
      .references(() => archives.id),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => users.id),
    purpose: text('purpose').notNull(),
    dueOn: date('due_on').notNull(),
    status: text('status', { enum: archiveBorrowingStatuses }).notNull().default('requested'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    // Set once the overdue reminder went out, so the job tells the borrower once.
    overdueNotifiedAt: timestamp('overdue_notified_at', { withTimezone: true }),
  },
  (t) => [
    index('archive_borrowings_archive_idx').on(t.archiveId, t.status),
    index('archive_borrowings_requester_idx').on(t.requesterId, t.status),
  ],
)

export const archiveDestructionStatuses = ['pending', 'approved', 'rejected', 'cancelled'] as const

/**
 * Destruction of a file after its retention (档案销毁): asked by one keeper, approved by two other
 * people (`firstApproverId`, `secondApproverId`, all distinct). On the second approval the
 * contents are purged in the same transaction and the archive becomes the tombstone.
 */
export const archiveDestructions = pgTable(
  'archive_destructions',
  {
    id: id(),
    archiveId: uuid('archive_id')
      .notNull()
      .references(() => archives.id),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: archiveDestructionStatuses }).notNull().default('pending'),
    firstApproverId: uuid('first_approver_id').references(() => users.id),
    firstApprovedAt: timestamp('first_approved_at', { withTimezone: true }),
    secondApproverId: uuid('second_approver_id').references(() => users.id),
    secondApprovedAt: timestamp('second_approved_at', { withTimezone: true }),
    rejectedBy: uuid('rejected_by').references(() => users.id),
    rejectedAt: timestamp('rejected_at', { withTimezone: true }),
    note: text('note'),
    // What was purged, by count (records, attachments …) — never what they said.
    purged: jsonb('purged').$type<Record<string, number>>(),
  },
  (t) => [index('archive_destructions_archive_idx').on(t.archiveId, t.status)],
)

/** The archive's own history (filed, borrowed, returned, transferred, destroyed). Ids and codes only. */
export const archiveEvents = pgTable(
  'archive_events',
  {
    id: id(),
    archiveId: uuid('archive_id')
      .notNull()
      .references(() => archives.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    kind: text('kind').notNull(),
    details: jsonb('details').$type<Record<string, string | number | null>>().notNull().default({}),
  },
  (t) => [index('archive_events_archive_idx').on(t.archiveId, t.at)],
)
