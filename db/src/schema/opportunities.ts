import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from './accounts.ts'
import { createdAt, id, updatedAt } from './ids.ts'
import { organizations } from './organizations.ts'

/** A volunteer opportunity (活动/岗位) published by an agency or partner; its shifts are the dates. */
export const opportunities = pgTable(
  'opportunities',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    needCategory: text('need_category').notNull(),
    // 服务对象群体, copied into each service record.
    recipientGroup: text('recipient_group').notNull().default(''),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    requiredCourseIds: uuid('required_course_ids').array().notNull().default(sql`'{}'::uuid[]`),
    minAge: integer('min_age').notNull().default(18),
    // 志愿服务条例 §17: accident insurance for risky service; volunteers acknowledge it.
    insuranceRequired: boolean('insurance_required').notNull().default(false),
    districtCode: text('district_code').notNull(),
    address: text('address').notNull(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    status: text('status', { enum: ['draft', 'published', 'closed'] })
      .notNull()
      .default('draft'),
    waitlistEnabled: boolean('waitlist_enabled').notNull().default(true),
    approvalRequired: boolean('approval_required').notNull().default(false),
    // Sign-ups close this many hours before a shift; cancellations after it need a reason and count late.
    cancelCutoffHours: integer('cancel_cutoff_hours').notNull().default(24),
    // Recurrence of the series (RFC 5545 RRULE, Asia/Shanghai wall time); null for one-off.
    rrule: text('rrule'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('opportunities_org_idx').on(t.orgId, t.status)],
)

/**
 * One dated occurrence. `confirmedCount` is kept in step with sign-ups in the same transaction
 * (a conditional UPDATE … WHERE confirmed_count + n <= capacity), which is what makes
 * oversubscription impossible under concurrency; the CHECK is the last line of defence.
 */
export const shifts = pgTable(
  'shifts',
  {
    id: id(),
    opportunityId: uuid('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    // The occurrence's original start in its series, so "this one" or "this and following" edits find it.
    recurrenceId: timestamp('recurrence_id', { withTimezone: true }),
    capacity: integer('capacity').notNull(),
    confirmedCount: integer('confirmed_count').notNull().default(0),
    status: text('status', { enum: ['scheduled', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    leadUserId: uuid('lead_user_id').references(() => users.id),
    // Seed of the rotating check-in QR code (HMAC over the time window).
    qrSecret: text('qr_secret').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('shifts_opportunity_idx').on(t.opportunityId, t.startsAt),
    index('shifts_starts_idx').on(t.startsAt),
    check('shifts_capacity_ck', sql`${t.confirmedCount} >= 0 and ${t.confirmedCount} <= ${t.capacity}`),
    check('shifts_time_ck', sql`${t.endsAt} > ${t.startsAt}`),
  ],
)

export const signups = pgTable(
  'signups',
  {
    id: id(),
    shiftId: uuid('shift_id')
      .notNull()
      .references(() => shifts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    // Team sign-up: one leader signs up a group of this many people.
    headCount: integer('head_count').notNull().default(1),
    teamName: text('team_name'),
    offerExpiresAt: timestamp('offer_expires_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    lateCancel: boolean('late_cancel').notNull().default(false),
    // Shift reminders already sent (24 h and 2 h before), so a re-run of the job never repeats one.
    remindedDayAt: timestamp('reminded_day_at', { withTimezone: true }),
    remindedHoursAt: timestamp('reminded_hours_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('signups_shift_user_uq').on(t.shiftId, t.userId),
    index('signups_user_idx').on(t.userId),
    index('signups_waitlist_idx').on(t.shiftId, t.status, t.createdAt),
  ],
)

export const attendance = pgTable(
  'attendance',
  {
    id: id(),
    signupId: uuid('signup_id')
      .notNull()
      .references(() => signups.id, { onDelete: 'cascade' }),
    shiftId: uuid('shift_id')
      .notNull()
      .references(() => shifts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    checkInAt: timestamp('check_in_at', { withTimezone: true }).notNull(),
    checkOutAt: timestamp('check_out_at', { withTimezone: true }),
    method: text('method', { enum: ['qr', 'roll_call'] }).notNull(),
    // Closed by the job after the shift plus a grace period, because nobody checked out.
    autoClosed: boolean('auto_closed').notNull().default(false),
    overrideMinutes: integer('override_minutes'),
    overrideReason: text('override_reason'),
    overrideBy: uuid('override_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('attendance_signup_uq').on(t.signupId), index('attendance_shift_idx').on(t.shiftId)],
)
