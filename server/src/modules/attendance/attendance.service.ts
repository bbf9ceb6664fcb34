import { createHmac, timingSafeEqual } from 'node:crypto'
import {
  type Attendance,
  attendanceRepo,
  type DbOrTx,
  type SignupShift,
  serviceRecordsRepo,
  signupsRepo,
} from '@liandong/db'
import type { FastifyInstance } from 'fastify'
import QRCode from 'qrcode'
import type { Principal } from '../../auth/principal.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts'
import { attendedMinutes, recordFromAttendance } from '../service-records/record-from-attendance.ts'

export const AUTOCLOSE_JOB = 'attendance.autoclose'
/** The QR code changes every 30 s; the previous window is still accepted (a scan at the boundary). */
export const CODE_WINDOW_MS = 30_000
/** A second scan this soon after the first is the same scan repeated: nothing changes. */
const REPEAT_MS = 10_000

/** HMAC-SHA256 of the shift's secret over the 30-second window, shortened for a QR code. */
export function checkinCode(qrSecret: string, shiftId: string, window: number): string {
  return createHmac('sha256', qrSecret).update(`${shiftId}:${window}`).digest('base64url').slice(0, 22)
}

function codeMatches(qrSecret: string, shiftId: string, code: string, now: Date): boolean {
  const window = Math.floor(now.getTime() / CODE_WINDOW_MS)
  const given = Buffer.from(code)
  return [window, window - 1].some((w) => {
    const expected = Buffer.from(checkinCode(qrSecret, shiftId, w))
    return expected.length === given.length && timingSafeEqual(expected, given)
  })
}

/**
 * Check-in and out: a rotating QR code scanned by the volunteer, or the coordinator's roll call.
 * A check-out (or the auto-close of a forgotten one) creates the pending service record in the
 * same transaction.
 */
export function attendanceService(app: FastifyInstance) {
  const { database, clock, config } = app.infra
  const db = database.db
  const opensMs = config.CHECKIN_OPENS_MINUTES * 60_000
  const closesMs = config.CHECKIN_CLOSES_MINUTES * 60_000

  async function loadManagedShift(principal: Principal, shiftId: string) {
    const found = await signupsRepo(db).findShift(shiftId)
    if (!found) throw new NotFoundError()
    if (!principal.canInOrg('attendance.manage', found.opportunity.orgId)) {
      if (found.opportunity.status === 'published') throw new ForbiddenError()
      throw new NotFoundError()
    }
    return found
  }

  function assertWindow(found: SignupShift, at: Date) {
    const t = at.getTime()
    if (t < found.shift.startsAt.getTime() - opensMs || t > found.shift.endsAt.getTime() + closesMs)
      throw new ConflictError('attendance.window_closed')
  }

  async function publish(tx: DbOrTx, shiftId: string, userId: string, state: string) {
    await app.realtime.publish(
      `shift:${shiftId}`,
      'shift.attendance_changed',
      { shiftId, userId, state },
      { tx },
    )
  }

  /** Checks in, or out on the second call; `at` is the scan time (or the roll-call time given). */
  async function toggle(
    found: SignupShift,
    signupId: string,
    method: 'qr' | 'roll_call',
    actorId: string,
    at: Date,
    want?: 'in' | 'out',
  ) {
    return db.transaction(async (tx) => {
      const signup = (await signupsRepo(tx).lock(signupId))!
      if (!['confirmed', 'attended'].includes(signup.status))
        throw new ConflictError('attendance.not_confirmed')
      const repo = attendanceRepo(tx)
      const current = await repo.lockBySignup(signupId)
      const now = clock.now()
      if (!current) {
        if (want === 'out') throw new ConflictError('attendance.not_checked_in')
        const created = (await repo.insert({
          signupId,
          shiftId: found.shift.id,
          userId: signup.userId,
          checkInAt: at,
          method,
          createdAt: now,
        }))!
        await signupsRepo(tx).update(signupId, { status: 'attended' })
        await publish(tx, found.shift.id, signup.userId, 'checked_in')
        return { attendance: created, state: 'checked_in' as const, changed: true }
      }
      if (!current.checkOutAt) {
        // A double scan (or a client's retry) is not a check-out.
        if (want === 'in' || (method === 'qr' && now.getTime() - current.checkInAt.getTime() < REPEAT_MS))
          return { attendance: current, state: 'checked_in' as const, changed: false }
        if (at < current.checkInAt)
          throw new ValidationError([{ field: 'body.at', code: 'attendance.out_before_in' }])
        const closed = await repo.update(current.id, { checkOutAt: at })
        await recordFromAttendance(tx, closed, method === 'roll_call' ? actorId : null, now)
        await publish(tx, found.shift.id, signup.userId, 'checked_out')
        return { attendance: closed, state: 'checked_out' as const, changed: true }
      }
      if (want || now.getTime() - current.checkOutAt.getTime() < REPEAT_MS)
        return { attendance: current, state: 'checked_out' as const, changed: false }
      throw new ConflictError('attendance.already_checked_out')
    })
  }

  function withMinutes<R extends { attendance: Attendance }>(result: R, found: SignupShift) {
    const minutes = attendedMinutes(result.attendance, found.shift)
    return { ...result, attendance: { ...result.attendance, minutes }, orgId: found.opportunity.orgId }
  }

  return {
    async code(principal: Principal, shiftId: string) {
      const found = await loadManagedShift(principal, shiftId)
      const now = clock.now()
      const window = Math.floor(now.getTime() / CODE_WINDOW_MS)
      const code = checkinCode(found.shift.qrSecret, shiftId, window)
      const url = `${config.publicUrl}/checkin/${shiftId}?code=${code}`
      const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      return {
        code,
        url,
        svg,
        expiresAt: new Date((window + 1) * CODE_WINDOW_MS),
        refreshSeconds: CODE_WINDOW_MS / 1000,
        orgId: found.opportunity.orgId,
      }
    },

    /** A signed-in volunteer scanned the code: check in, or out on the second scan. */
    async check(principal: Principal, shiftId: string, code: string) {
      const found = await signupsRepo(db).findShift(shiftId)
      const signup = found && (await signupsRepo(db).findForUser(shiftId, principal.userId))
      if (!found || !signup) throw new NotFoundError()
      const now = clock.now()
      if (!codeMatches(found.shift.qrSecret, shiftId, code, now))
        throw new ValidationError([{ field: 'body.code', code: 'attendance.code_invalid' }])
      assertWindow(found, now)
      const result = await toggle(found, signup.id, 'qr', principal.userId, now)
      return withMinutes(result, found)
    },

    /** The coordinator checks someone in or out (no phone); the time defaults to now. */
    async rollCall(
      principal: Principal,
      shiftId: string,
      input: { signupId: string; action: 'check_in' | 'check_out'; at?: string },
    ) {
      const found = await loadManagedShift(principal, shiftId)
      const signup = await signupsRepo(db).findById(input.signupId)
      if (signup?.shiftId !== shiftId) throw new NotFoundError()
      const at = input.at ? new Date(input.at) : clock.now()
      if (at.getTime() > clock.now().getTime() + 60_000)
        throw new ValidationError([{ field: 'body.at', code: 'attendance.in_future' }])
      assertWindow(found, at)
      const want = input.action === 'check_in' ? 'in' : 'out'
      const result = await toggle(found, signup.id, 'roll_call', principal.userId, at, want)
      return withMinutes(result, found)
    },

    /** Minutes set by a coordinator with a reason, while the record is still pending approval. */
    async override(principal: Principal, attendanceId: string, input: { minutes: number; reason: string }) {
      const att = await attendanceRepo(db).findById(attendanceId)
      if (!att) throw new NotFoundError()
      const found = await loadManagedShift(principal, att.shiftId)
      const shiftMinutes = Math.ceil((found.shift.endsAt.getTime() - found.shift.startsAt.getTime()) / 60_000)
      if (input.minutes > shiftMinutes)
        throw new ValidationError([
          { field: 'body.minutes', code: 'field.too_large', params: { limit: shiftMinutes } },
        ])
      return db.transaction(async (tx) => {
        const now = clock.now()
        const updated = await attendanceRepo(tx).update(att.id, {
          overrideMinutes: input.minutes,
          overrideReason: input.reason,
          overrideBy: principal.userId,
        })
        const records = serviceRecordsRepo(tx)
        const record = await records.findByAttendance(att.id)
        if (record) {
          const locked = (await records.lock(record.id))!
          if (locked.status !== 'pending') throw new ConflictError('service_record.not_pending')
          await records.update(record.id, { minutes: input.minutes })
          await records.addHistory({
            recordId: record.id,
            actorId: principal.userId,
            action: 'minutes_overridden',
            before: { minutes: locked.minutes },
            after: { minutes: input.minutes },
            reason: input.reason,
            at: now,
          })
        }
        return {
          attendance: updated,
          orgId: found.opportunity.orgId,
          minutes: attendedMinutes(updated, found.shift),
        }
      })
    },

    async listForShift(principal: Principal, shiftId: string) {
      const found = await loadManagedShift(principal, shiftId)
      const rows = await attendanceRepo(db).listForShift(shiftId)
      return rows.map((a) => ({ ...a, minutes: attendedMinutes(a, found.shift) }))
    },

    /**
     * The recurring sweep: check-ins still open when the check-out window has closed are closed at
     * the shift's end and flagged (autoClosed), and their records made. Idempotent per row.
     */
    async autoClose(): Promise<number> {
      const now = clock.now()
      const open = await attendanceRepo(db).forgotten(new Date(now.getTime() - closesMs), 200)
      let closed = 0
      for (const att of open) {
        await db.transaction(async (tx) => {
          const found = (await signupsRepo(tx).findShift(att.shiftId))!
          const at = new Date(Math.max(att.checkInAt.getTime(), found.shift.endsAt.getTime()))
          const row = await attendanceRepo(tx).autoClose(att.id, at)
          if (!row) return
          await recordFromAttendance(tx, row, null, now)
          await publish(tx, att.shiftId, att.userId, 'auto_closed')
          closed++
        })
      }
      return closed
    },
  }
}
