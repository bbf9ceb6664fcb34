import { type Attendance, accountsRepo, type DbOrTx, serviceRecordsRepo, signupsRepo } from '@liandong/db'
import { shanghaiDate } from '../volunteers/age.ts'

/** Actual minutes between check-in and check-out, clipped to the shift's bounds (travel time does not count). */
export function attendedMinutes(
  att: { checkInAt: Date; checkOutAt: Date | null; overrideMinutes: number | null },
  shift: { startsAt: Date; endsAt: Date },
): number {
  if (att.overrideMinutes != null) return att.overrideMinutes
  if (!att.checkOutAt) return 0
  const from = Math.max(att.checkInAt.getTime(), shift.startsAt.getTime())
  const to = Math.min(att.checkOutAt.getTime(), shift.endsAt.getTime())
  return Math.max(0, Math.floor((to - from) / 60_000))
}

/**
 * Every completed attendance makes a pending service record with the fields 民政部令第67号 asks
 * for, copied from the opportunity and shift as they were that day. Idempotent: a repeated
 * check-out (or the auto-close job running twice) finds the record already there.
 */
export async function recordFromAttendance(tx: DbOrTx, att: Attendance, recorderId: string | null, at: Date) {
  const records = serviceRecordsRepo(tx)
  const existing = await records.findByAttendance(att.id)
  if (existing) return existing
  const { shift, opportunity } = (await signupsRepo(tx).findShift(att.shiftId))!
  const lead = shift.leadUserId ? await accountsRepo(tx).findUserById(shift.leadUserId) : undefined
  const recorder = recorderId ? await accountsRepo(tx).findUserById(recorderId) : undefined
  const minutes = attendedMinutes(att, shift)
  const record = await records.insert({
    userId: att.userId,
    orgId: opportunity.orgId,
    opportunityId: opportunity.id,
    shiftId: shift.id,
    attendanceId: att.id,
    source: 'attendance',
    activityName: opportunity.title,
    serviceDate: shanghaiDate(shift.startsAt),
    place: opportunity.address,
    recipientGroup: opportunity.recipientGroup || opportunity.needCategory,
    content: opportunity.description || opportunity.title,
    minutes,
    activityLead: lead?.displayName ?? null,
    recorderId: recorder?.id ?? null,
    recorderName: recorder?.displayName ?? null,
    status: 'pending',
    createdAt: at,
  })
  if (!record) return (await records.findByAttendance(att.id))!
  await records.addHistory({
    recordId: record.id,
    actorId: recorderId,
    action: 'created',
    after: { minutes, status: 'pending', autoClosed: att.autoClosed },
    at,
  })
  return record
}
