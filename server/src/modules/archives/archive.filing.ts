import { auditRepo, type DbOrTx, schema } from '@liandong/db'
import { and, eq } from 'drizzle-orm'
import type { Config } from '../../config.ts'
import { nextFileNumber } from '../organizations/file-numbers.ts'
import { shanghaiDate } from '../volunteers/age.ts'

// Filing a closed record in the archive (归档, Chengdu §9.2.1). Called by the cases, complaints and
// incidents services inside the transaction that closes the record, and by the demo seeding.

export type ArchiveRow = typeof schema.archives.$inferSelect
export type RecordType = schema.ArchiveRecordType
const { archives, archiveRetention, archiveEvents, organizations } = schema

type RetentionConfig = Pick<
  Config,
  'ARCHIVE_RETENTION_YEARS_CASE' | 'ARCHIVE_RETENTION_YEARS_COMPLAINT' | 'ARCHIVE_RETENTION_YEARS_INCIDENT'
>

/** The configured default retention of each record type. */
export const defaultRetention = (config: RetentionConfig): Record<RecordType, number> => ({
  case: config.ARCHIVE_RETENTION_YEARS_CASE,
  complaint: config.ARCHIVE_RETENTION_YEARS_COMPLAINT,
  incident: config.ARCHIVE_RETENTION_YEARS_INCIDENT,
})

/** An agency's retention periods: its own where set, the configured default otherwise. */
export async function retentionOf(db: DbOrTx, config: RetentionConfig, orgId: string) {
  const own = await db.select().from(archiveRetention).where(eq(archiveRetention.orgId, orgId))
  const defaults = defaultRetention(config)
  return schema.archiveRecordTypes.map((recordType) => {
    const row = own.find((r) => r.recordType === recordType)
    return {
      recordType,
      years: row?.years ?? defaults[recordType],
      isDefault: !row,
      default: defaults[recordType],
    }
  })
}

/** A calendar day plus whole years; 29 February becomes 28 February in a common year. */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const year = y + years
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const dd = m === 2 && d === 29 && !leap ? 28 : d
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`
}

/** One line of an archive's history: ids, codes and counts only. */
export async function archiveEvent(
  db: DbOrTx,
  archiveId: string,
  actorId: string | null,
  kind: string,
  at: Date,
  details: Record<string, string | number | null> = {},
) {
  await db.insert(archiveEvents).values({ archiveId, actorId, kind, at, details })
}

/** Archive number per organization and year: A2026-0001, A2026-0002 … */
export const nextArchiveCode = (db: DbOrTx, orgId: string, at: Date) =>
  nextFileNumber(
    db,
    { table: archives, orgId: archives.orgId, code: archives.code },
    orgId,
    'A',
    shanghaiDate(at).slice(0, 4),
  )

export interface FilingInput {
  recordType: RecordType
  subjectId: string
  orgId: string
  closedAt: Date
  /** Codes only (case and recipient codes, a complaint's tracking code, an incident's date). */
  title: string
  recipientId?: string | null
  actorId: string | null
}

/**
 * Files a closed record: archive number, retention fixed from the agency's period at filing time,
 * an `archive_events` row and an audit row. Idempotent: a record already filed is returned as is.
 */
export async function fileRecord(
  tx: DbOrTx,
  config: RetentionConfig,
  at: Date,
  input: FilingInput,
): Promise<ArchiveRow> {
  const existing = async () => {
    const [row] = await tx
      .select()
      .from(archives)
      .where(and(eq(archives.recordType, input.recordType), eq(archives.subjectId, input.subjectId)))
    return row
  }
  const found = await existing()
  if (found) return found
  // Serialises numbering within the organization (one filing at a time per agency).
  await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, input.orgId))
    .for('update')
  const [own] = await tx
    .select({ years: archiveRetention.years })
    .from(archiveRetention)
    .where(and(eq(archiveRetention.orgId, input.orgId), eq(archiveRetention.recordType, input.recordType)))
  const years = own?.years ?? defaultRetention(config)[input.recordType]
  const [row] = await tx
    .insert(archives)
    .values({
      orgId: input.orgId,
      recordType: input.recordType,
      subjectId: input.subjectId,
      recipientId: input.recipientId ?? null,
      code: await nextArchiveCode(tx, input.orgId, at),
      title: input.title,
      closedAt: input.closedAt,
      archivedAt: at,
      archivedBy: input.actorId,
      retentionYears: years,
      retainUntil: addYears(shanghaiDate(input.closedAt), years),
      createdAt: at,
      updatedAt: at,
    })
    .onConflictDoNothing({ target: [archives.recordType, archives.subjectId] })
    .returning()
  if (!row) return (await existing())!
  await archiveEvent(tx, row.id, input.actorId, 'filed', at, {
    code: row.code,
    recordType: row.recordType,
    retentionYears: years,
    retainUntil: row.retainUntil,
  })
  await auditRepo(tx).append({
    at,
    actorId: input.actorId,
    orgId: row.orgId,
    action: 'archive.file',
    targetType: 'archive',
    targetId: row.id,
    result: 'ok',
    details: { code: row.code, recordType: row.recordType, subjectId: row.subjectId },
  })
  return row
}

/** Titles from codes only — they outlive the contents as the tombstone. */
export const caseTitle = (caseCode: string, recipientCode: string) => `${caseCode} · ${recipientCode}`
export const incidentTitle = (occurredAt: Date) => shanghaiDate(occurredAt)
