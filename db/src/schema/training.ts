import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from './accounts.ts'
import { createdAt, id, updatedAt } from './ids.ts'
import { organizations } from './organizations.ts'

export interface QuizQuestion {
  question: string
  options: string[]
  /** Index into options; never sent to volunteers. */
  answer: number
}

/** A training course (志愿服务条例 §16). Hours are training hours, kept apart from service hours. */
export const courses = pgTable(
  'courses',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    mode: text('mode', { enum: ['online', 'onsite'] }).notNull(),
    minutes: integer('minutes').notNull(),
    // Null: never expires.
    validityMonths: integer('validity_months'),
    quiz: jsonb('quiz').$type<QuizQuestion[]>(),
    // Percent of quiz answers needed to pass.
    passMark: integer('pass_mark'),
    published: boolean('published').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('courses_org_idx').on(t.orgId)],
)

export const courseModules = pgTable(
  'course_modules',
  {
    id: id(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull().default(''),
    minutes: integer('minutes').notNull().default(0),
  },
  (t) => [uniqueIndex('course_modules_position_uq').on(t.courseId, t.position)],
)

/** One row per volunteer and course; a renewal updates it (history goes to the audit trail). */
export const enrolments = pgTable(
  'enrolments',
  {
    id: id(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['enrolled', 'completed', 'failed'] })
      .notNull()
      .default('enrolled'),
    score: integer('score'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    // Set when a coordinator marks attendance of an on-site course.
    markedBy: uuid('marked_by').references(() => users.id),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('enrolments_course_user_uq').on(t.courseId, t.userId),
    index('enrolments_expiry_idx').on(t.expiresAt),
  ],
)
