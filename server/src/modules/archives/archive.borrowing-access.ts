import { type DbOrTx, schema } from '@liandong/db'
import { and, eq, gte, isNull } from 'drizzle-orm'
import type { Principal } from '../../auth/principal.ts'
import { shanghaiDate } from '../volunteers/age.ts'

const { archives, archiveBorrowings } = schema

/**
 * True while the caller holds an approved, unreturned borrowing of the case's archive that is not
 * past its return date (today in Beijing time), the archive is not destroyed, and the caller still
 * borrows for the organization that keeps it. Grants reading only; writing stays with the case's
 * own workers.
 */
export async function borrowsCase(
  db: DbOrTx,
  principal: Principal,
  row: { id: string; orgId: string },
  now = new Date(),
): Promise<boolean> {
  if (!principal.canInOrg('archive.borrow', row.orgId)) return false
  const [found] = await db
    .select({ id: archiveBorrowings.id })
    .from(archiveBorrowings)
    .innerJoin(archives, eq(archives.id, archiveBorrowings.archiveId))
    .where(
      and(
        eq(archives.recordType, 'case'),
        eq(archives.subjectId, row.id),
        eq(archives.orgId, row.orgId),
        eq(archives.status, 'archived'),
        eq(archiveBorrowings.requesterId, principal.userId),
        eq(archiveBorrowings.status, 'approved'),
        isNull(archiveBorrowings.returnedAt),
        gte(archiveBorrowings.dueOn, shanghaiDate(now)),
      ),
    )
    .limit(1)
  return Boolean(found)
}
