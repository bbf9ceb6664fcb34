import { sql } from 'drizzle-orm'
import { date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts.ts'
import { createdAt, id, updatedAt } from './ids.ts'
import { organizations } from './organizations.ts'
import { recipients } from './recipients.ts'

export const incidentTypes = [
  'injury',
  'illness',
  'self_harm',
  'violence',
  'missing_person',
  'accident',
  'fire',
  'natural_disaster',
  'privacy_breach',
  'conflict',
  'other',
] as const
// 一般 / 较大 / 重大 / 特别重大 — the four levels of China's emergency-response law.
export const incidentSeverities = ['general', 'major', 'serious', 'critical'] as const
export const incidentStatuses = ['open', 'closed'] as const

/**
 * An emergency incident (突发事件, Chengdu §9.3). Reporting alerts the organization's supervisors
 * and admins at once. Closing takes a review (what happened, causes, lessons) by a supervisor or
 * admin. No personal data in clear: people are referenced by role, a recipient only by id.
 */
export const incidents = pgTable(
  'incidents',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    type: text('type', { enum: incidentTypes }).notNull(),
    severity: text('severity', { enum: incidentSeverities }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    place: text('place').notNull(),
    summary: text('summary').notNull(),
    status: text('status', { enum: incidentStatuses }).notNull().default('open'),
    reportedBy: uuid('reported_by')
      .notNull()
      .references(() => users.id),
    reviewSummary: text('review_summary'),
    reviewCauses: text('review_causes'),
    reviewLessons: text('review_lessons'),
    closedBy: uuid('closed_by').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('incidents_org_status_idx').on(t.orgId, t.status, t.occurredAt)],
)

/** Who was involved, by role; a recipient by id (shown as their mask), staff by account. */
export const incidentPeople = pgTable(
  'incident_people',
  {
    id: id(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['recipient', 'volunteer', 'staff', 'public', 'other'] }).notNull(),
    recipientId: uuid('recipient_id').references(() => recipients.id),
    userId: uuid('user_id').references(() => users.id),
    // A description without names or numbers ("resident, about 60").
    note: text('note'),
  },
  (t) => [index('incident_people_incident_idx').on(t.incidentId)],
)

/** The response log: what was done, when and by whom. */
export const incidentLogEntries = pgTable(
  'incident_log_entries',
  {
    id: id(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['action', 'contact', 'escalation', 'note'] })
      .notNull()
      .default('action'),
    body: text('body').notNull(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incident_log_incident_idx').on(t.incidentId, t.at)],
)

export interface AttachmentMeta {
  name: string
  mediaType: string
  size: number
}

/** An emergency plan (应急处置预案, Chengdu §9.3.1): text plus the metadata of its attachments. */
export const emergencyPlans = pgTable(
  'emergency_plans',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title').notNull(),
    // Which incident types it covers; empty means all.
    incidentTypes: text('incident_types').array().notNull().default(sql`'{}'::text[]`),
    body: text('body').notNull(),
    attachments: jsonb('attachments').$type<AttachmentMeta[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    reviewedOn: date('reviewed_on', { mode: 'string' }),
    updatedBy: uuid('updated_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('emergency_plans_org_idx').on(t.orgId)],
)

/** A drill (应急演练, Chengdu §9.3.2): when, what was rehearsed, who took part, what was learned. */
export const emergencyDrills = pgTable(
  'emergency_drills',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    planId: uuid('plan_id').references(() => emergencyPlans.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    scenario: text('scenario').notNull(),
    participantCount: integer('participant_count').notNull(),
    participants: text('participants').notNull().default(''),
    lessons: text('lessons').notNull().default(''),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('emergency_drills_org_idx').on(t.orgId, t.heldOn)],
)
