import { index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { id } from './ids.ts'

export const auditResults = ['ok', 'denied', 'failed'] as const
export type AuditResult = (typeof auditResults)[number]
export const auditResultEnum = pgEnum('audit_result', auditResults)

// Append-only: a trigger in the migrations refuses UPDATE and DELETE (see 0001_audit_append_only).
// No personal data goes in `details` — only ids, codes and counts.
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    orgId: uuid('org_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    result: auditResultEnum('result').notNull(),
    ip: text('ip'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorId, t.at),
    index('audit_org_idx').on(t.orgId, t.at),
  ],
)
