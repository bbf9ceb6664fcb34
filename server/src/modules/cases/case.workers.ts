import { type Db, schema } from '@liandong/db'
import { and, count, eq } from 'drizzle-orm'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts'
import type { Notify } from '../notifications/notification.service.ts'
import { loadCase } from './case.access.ts'
import { caseEvent } from './case.records.ts'
import { caseStaff } from './case.service.ts'

const { caseWorkers } = schema

/** More hands than this on one case is a team, not a case; the agency should split the work. */
export const MAX_CO_WORKERS = 5

/**
 * Co-workers (协同社工) share a case with its lead: they read and write its documents like the
 * lead, but only the lead (or a supervisor) adds or removes them and hands the case over. A
 * co-worker may leave on their own. The lead never leaves this way — that is a hand-over.
 */
export function caseWorkersService({ database, clock }: Infrastructure, notify: Notify) {
  const db: Db = database.db

  return {
    async add(principal: Principal, id: string, userId: string) {
      return db.transaction(async (tx) => {
        const access = await loadCase(tx, principal, id, 'read', true)
        const { row } = access
        if (!access.isLead && !access.supervises) throw new ForbiddenError('case.not_lead_workers')
        if (row.status === 'referred_out') throw new ConflictError('case.closed')
        const staff = await caseStaff(tx, row.orgId)
        if (!staff.some((s) => s.userId === userId))
          throw new ValidationError([{ field: 'body.userId', code: 'field.case_worker' }])
        const [existing] = await tx
          .select({ role: caseWorkers.role })
          .from(caseWorkers)
          .where(and(eq(caseWorkers.caseId, id), eq(caseWorkers.userId, userId)))
        if (existing) throw new ConflictError('case.already_worker')
        const [{ n } = { n: 0 }] = await tx
          .select({ n: count() })
          .from(caseWorkers)
          .where(and(eq(caseWorkers.caseId, id), eq(caseWorkers.role, 'co_worker')))
        if (n >= MAX_CO_WORKERS) throw new ConflictError('case.too_many_workers')
        const at = clock.now()
        await tx.insert(caseWorkers).values({ caseId: id, userId, role: 'co_worker', addedAt: at })
        await caseEvent(tx, id, principal.userId, 'worker_added', at, { worker: userId })
        await notify(userId, 'case.worker_added', { code: row.code }, `/cases/${id}`, { tx })
        return row
      })
    },

    async remove(principal: Principal, id: string, userId: string) {
      return db.transaction(async (tx) => {
        const access = await loadCase(tx, principal, id, 'read', true)
        const { row } = access
        const leaving = userId === principal.userId
        if (!leaving && !access.isLead && !access.supervises)
          throw new ForbiddenError('case.not_lead_workers')
        const [worker] = await tx
          .select({ role: caseWorkers.role })
          .from(caseWorkers)
          .where(and(eq(caseWorkers.caseId, id), eq(caseWorkers.userId, userId)))
        if (!worker) throw new NotFoundError()
        if (worker.role === 'lead') throw new ConflictError('case.lead_stays')
        const at = clock.now()
        await tx.delete(caseWorkers).where(and(eq(caseWorkers.caseId, id), eq(caseWorkers.userId, userId)))
        await caseEvent(tx, id, principal.userId, 'worker_removed', at, { worker: userId })
        if (!leaving) await notify(userId, 'case.worker_removed', { code: row.code }, null, { tx })
        return row
      })
    },
  }
}
