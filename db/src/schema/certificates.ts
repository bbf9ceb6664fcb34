import { sql } from 'drizzle-orm'
import {
  check,
  date,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from './accounts.ts'
import { createdAt, id, updatedAt } from './ids.ts'
import { opportunities, shifts } from './opportunities.ts'
import { organizations } from './organizations.ts'

/**
 * A service-record certificate (志愿服务记录证明, 民政部令第67号 §12–16): requested by a volunteer
 * for a period, issued by the organizing organization ("谁记录谁证明") with a unique number. What it
 * certifies is copied in at issue so later edits to records or names do not change an issued paper.
 * The public verification page finds it by number plus `verifyCode` (so numbers cannot be walked).
 */
export const certificates = pgTable(
  'certificates',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['requested', 'issued', 'rejected', 'revoked'] })
      .notNull()
      .default('requested'),
    requestNote: text('request_note'),
    number: text('number'),
    verifyCode: text('verify_code'),
    minutes: integer('minutes'),
    recordCount: integer('record_count'),
    content: text('content'),
    volunteerName: text('volunteer_name'),
    volunteerNumber: text('volunteer_number'),
    idType: text('id_type'),
    idNumberMasked: text('id_number_masked'),
    issuerName: text('issuer_name'),
    personInCharge: text('person_in_charge'),
    handlerName: text('handler_name'),
    issuerContact: text('issuer_contact'),
    issuedBy: uuid('issued_by').references(() => users.id),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    rejectedReason: text('rejected_reason'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('certificates_number_uq').on(t.number),
    index('certificates_user_idx').on(t.userId, t.createdAt),
    index('certificates_org_idx').on(t.orgId, t.status),
    check('certificates_period_ck', sql`${t.periodFrom} <= ${t.periodTo}`),
  ],
)

/**
 * Ratings per shift in both directions: the organization rates a volunteer (private to that
 * organization), a volunteer rates the opportunity. One of each per shift and volunteer.
 */
export const shiftEvaluations = pgTable(
  'shift_evaluations',
  {
    id: id(),
    shiftId: uuid('shift_id')
      .notNull()
      .references(() => shifts.id, { onDelete: 'cascade' }),
    opportunityId: uuid('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => users.id),
    direction: text('direction', { enum: ['of_volunteer', 'of_opportunity'] }).notNull(),
    score: smallint('score').notNull(),
    comment: text('comment'),
    ratedBy: uuid('rated_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('shift_evaluations_uq').on(t.shiftId, t.volunteerId, t.direction),
    index('shift_evaluations_volunteer_idx').on(t.volunteerId, t.direction),
    index('shift_evaluations_opportunity_idx').on(t.opportunityId, t.direction),
    check('shift_evaluations_score_ck', sql`${t.score} between 1 and 5`),
  ],
)

/** A volunteer's private iCal feed: the URL carries a random token, stored here only as a hash. */
export const calendarFeeds = pgTable('calendar_feeds', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: createdAt(),
})
