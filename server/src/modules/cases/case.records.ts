import { type DbOrTx, schema } from '@liandong/db'
import { and, desc, eq } from 'drizzle-orm'
import type { Static } from 'typebox'
import type { SecretBox } from '../../crypto/secret-box.ts'
import type { StageDocs } from './case.schemas.ts'

// Stage documents at rest: the content is one sealed JSON value per version. These helpers are
// the only place that seals and opens it.

export type CaseRecordRow = typeof schema.caseRecords.$inferSelect
export type CaseRecordKind = schema.CaseRecordKind
export type DocOf<K extends CaseRecordKind> = Static<StageDocs[K]>
const { caseRecords, caseEvents } = schema

export const sealDoc = (box: SecretBox, content: unknown) => box.seal(JSON.stringify(content))
export const openDoc = <K extends CaseRecordKind>(box: SecretBox, row: CaseRecordRow): DocOf<K> =>
  JSON.parse(box.open(row.contentSealed)) as DocOf<K>

/** The newest version of one kind of document of a case. */
export async function latestRecord(
  db: DbOrTx,
  caseId: string,
  kind: CaseRecordKind,
): Promise<CaseRecordRow | undefined> {
  const [row] = await db
    .select()
    .from(caseRecords)
    .where(and(eq(caseRecords.caseId, caseId), eq(caseRecords.kind, kind)))
    .orderBy(desc(caseRecords.version))
    .limit(1)
  return row
}

/** One line of the case's history: ids, codes and counts only (never what a document says). */
export async function caseEvent(
  db: DbOrTx,
  caseId: string,
  actorId: string | null,
  kind: string,
  at: Date,
  details: Record<string, string | number | null> = {},
) {
  await db.insert(caseEvents).values({ caseId, actorId, kind, at, details })
}
