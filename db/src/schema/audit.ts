import {
  bigint,
  index,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { id } from './ids.ts'

export const auditResults = ['ok', 'denied', 'failed'] as const
export type AuditResult = (typeof auditResults)[number]
export const auditResultEnum = pgEnum('audit_result', auditResults)

// Append-only: a trigger in the migrations refuses UPDATE and DELETE (see 0001_audit_append_only).
// No personal data goes in `details` — only ids, codes and counts.
// Hash-chained: a BEFORE INSERT trigger (migration 0006) numbers each row (`seq`), copies the chain
// head's hash into `prev_hash` and stores `hash` = SHA-256 of the row's canonical content and
// `prev_hash`; every writer is chained, whatever code inserts the row. `audit:verify` walks it.
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
    // Filled by the chain trigger; null only if a row was forced in with the trigger disabled.
    seq: bigint('seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    uniqueIndex('audit_seq_uq').on(t.seq),
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorId, t.at),
    index('audit_org_idx').on(t.orgId, t.at),
  ],
)

/**
 * The chain head: one row (id = 1) holding the last row's sequence number and hash. The chain
 * trigger locks it (`FOR UPDATE`) for the rest of the inserting transaction, which serialises
 * appends across connections and processes on PostgreSQL (PGlite has one connection anyway).
 */
export const auditChainHead = pgTable('audit_chain_head', {
  id: smallint('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  hash: text('hash').notNull(),
  lastId: uuid('last_id'),
})
