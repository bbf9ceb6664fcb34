import { type DbOrTx, schema } from '@liandong/db'
import { and, eq } from 'drizzle-orm'
import type { Principal } from '../../auth/principal.ts'
import { ForbiddenError, NotFoundError } from '../../errors.ts'
import { borrowsCase } from '../archives/archive.borrowing-access.ts'

export type CaseRow = typeof schema.cases.$inferSelect
const { cases, caseWorkers } = schema

/**
 * What the caller is to a case. Only the case's workers and the agency's supervisors see it (a
 * worker being handed the case sees it too, to decide); partners and volunteers hold no case
 * grant at all, and anyone else gets 404, as for a case that does not exist.
 */
export interface CaseAccess {
  row: CaseRow
  isWorker: boolean
  isLead: boolean
  /** A supervisor of the case's agency. */
  supervises: boolean
  isTransferee: boolean
  /** Reads the filed case through an approved, unreturned, not-overdue archive borrowing (read only). */
  isBorrower?: boolean
}

export type CaseNeed = 'read' | 'write' | 'views'

export async function caseAccess(
  db: DbOrTx,
  principal: Principal,
  id: string,
  lock = false,
): Promise<CaseAccess> {
  const query = db.select().from(cases).where(eq(cases.id, id))
  const [row] = lock ? await query.for('update') : await query
  if (!row) throw new NotFoundError()
  const [worker] = await db
    .select({ role: caseWorkers.role })
    .from(caseWorkers)
    .where(and(eq(caseWorkers.caseId, id), eq(caseWorkers.userId, principal.userId)))
  return {
    row,
    isWorker: Boolean(worker) && principal.canInOrg('case.read', row.orgId),
    isLead: row.leadWorkerId === principal.userId && principal.canInOrg('case.read', row.orgId),
    supervises: principal.canInOrg('case.approve', row.orgId),
    isTransferee: row.transferTo === principal.userId && principal.canInOrg('case.read', row.orgId),
  }
}

/** The case if the caller may do `need` on it; 404 otherwise. */
export async function loadCase(
  db: DbOrTx,
  principal: Principal,
  id: string,
  need: CaseNeed,
  lock = false,
): Promise<CaseAccess> {
  const access = await caseAccess(db, principal, id, lock)
  const { row } = access
  const allowed =
    need === 'views'
      ? principal.canInOrg('case.views', row.orgId)
      : need === 'write'
        ? access.isWorker && principal.canInOrg('case.manage', row.orgId)
        : access.isWorker || access.supervises || access.isTransferee
  if (!allowed && need === 'read' && (await borrowsCase(db, principal, row)))
    return { ...access, isBorrower: true }
  if (!allowed) {
    // A worker of the agency who may read the case but not write it learns that much.
    if (need === 'write' && (access.supervises || access.isTransferee))
      throw new ForbiddenError('case.not_yours')
    throw new NotFoundError()
  }
  return access
}
