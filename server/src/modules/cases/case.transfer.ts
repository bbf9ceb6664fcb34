import { type Db, schema } from '@liandong/db'
import { and, eq } from 'drizzle-orm'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { ConflictError, ForbiddenError, ValidationError } from '../../errors.ts'
import type { Notify } from '../notifications/notification.service.ts'
import { loadCase } from './case.access.ts'
import { caseEvent } from './case.records.ts'
import { caseStaff } from './case.service.ts'

const { cases, caseWorkers } = schema

/**
 * Handing a case to another worker is two-phase: the lead (or a supervisor) asks, the receiver
 * accepts — only then does the lead change and the former lead leave the case — or declines.
 */
export function caseTransfers({ database, clock }: Infrastructure, notify: Notify) {
  const db: Db = database.db
  const clear = { transferTo: null, transferRequestedBy: null, transferRequestedAt: null }

  return {
    async request(principal: Principal, id: string, toUserId: string) {
      return db.transaction(async (tx) => {
        const access = await loadCase(tx, principal, id, 'read', true)
        const { row } = access
        if (!access.isLead && !access.supervises) throw new ForbiddenError('case.not_lead')
        if (row.status !== 'open') throw new ConflictError('case.closed')
        if (row.transferTo) throw new ConflictError('case.transfer_pending')
        const staff = await caseStaff(tx, row.orgId)
        if (toUserId === row.leadWorkerId || !staff.some((s) => s.userId === toUserId))
          throw new ValidationError([{ field: 'body.toUserId', code: 'field.case_worker' }])
        const at = clock.now()
        await tx
          .update(cases)
          .set({
            transferTo: toUserId,
            transferRequestedBy: principal.userId,
            transferRequestedAt: at,
            updatedAt: at,
          })
          .where(eq(cases.id, id))
        await caseEvent(tx, id, principal.userId, 'transfer_requested', at, { to: toUserId })
        await notify(toUserId, 'case.transfer_requested', { code: row.code }, `/cases/${id}`, { tx })
        return row
      })
    },

    async answer(principal: Principal, id: string, answer: 'accept' | 'decline') {
      return db.transaction(async (tx) => {
        const { row, isTransferee } = await loadCase(tx, principal, id, 'read', true)
        if (!isTransferee) throw new ConflictError('case.no_transfer')
        const at = clock.now()
        if (answer === 'accept') {
          await tx
            .delete(caseWorkers)
            .where(and(eq(caseWorkers.caseId, id), eq(caseWorkers.userId, row.leadWorkerId)))
          await tx
            .insert(caseWorkers)
            .values({ caseId: id, userId: principal.userId, role: 'lead', addedAt: at })
            .onConflictDoUpdate({ target: [caseWorkers.caseId, caseWorkers.userId], set: { role: 'lead' } })
        }
        await tx
          .update(cases)
          .set({
            ...clear,
            ...(answer === 'accept' ? { leadWorkerId: principal.userId } : {}),
            updatedAt: at,
          })
          .where(eq(cases.id, id))
        await caseEvent(
          tx,
          id,
          principal.userId,
          answer === 'accept' ? 'transfer_accepted' : 'transfer_declined',
          at,
          {
            from: row.leadWorkerId,
          },
        )
        if (row.transferRequestedBy)
          await notify(
            row.transferRequestedBy,
            answer === 'accept' ? 'case.transfer_accepted' : 'case.transfer_declined',
            { code: row.code },
            answer === 'accept' ? null : `/cases/${id}`,
            { tx },
          )
        return row
      })
    },

    async cancel(principal: Principal, id: string) {
      return db.transaction(async (tx) => {
        const access = await loadCase(tx, principal, id, 'read', true)
        if (!access.isLead && !access.supervises) throw new ForbiddenError('case.not_lead')
        if (!access.row.transferTo) throw new ConflictError('case.no_transfer')
        const at = clock.now()
        await tx
          .update(cases)
          .set({ ...clear, updatedAt: at })
          .where(eq(cases.id, id))
        await caseEvent(tx, id, principal.userId, 'transfer_cancelled', at, {})
        return access.row
      })
    },
  }
}
