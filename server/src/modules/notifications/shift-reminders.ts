import { type Database, type ReminderKind, shiftRemindersRepo } from '@liandong/db'
import type { Clock } from '../../context.ts'
import type { Notify } from './notification.service.ts'

export const SHIFT_REMINDER_JOB = 'signups.shift-reminders'
/** The sweep runs this often; a reminder goes out at most this late. */
export const SHIFT_REMINDER_EVERY_MS = 5 * 60_000
const HOUR = 3_600_000
/** Reminders before a shift: 24 hours and 2 hours. */
export const reminderLeads: ReadonlyArray<{ kind: ReminderKind; leadMs: number }> = [
  // The 2-hour one first: it also marks the 24-hour one, so a late sign-up gets one reminder.
  { kind: 'hours', leadMs: 2 * HOUR },
  { kind: 'day', leadMs: 24 * HOUR },
]
const BATCH = 200

/**
 * One sweep: every confirmed volunteer of a shift starting within 24 h (2 h) who has not had that
 * reminder gets one notification (in-app, live, and by e-mail). Claiming the mark and writing the
 * notification share a transaction: a failure leaves the reminder for the next sweep, and two
 * workers sweeping at once send each reminder once.
 */
export async function sendShiftReminders(database: Database, clock: Clock, notify: Notify): Promise<number> {
  let sent = 0
  for (const { kind, leadMs } of reminderLeads) {
    for (;;) {
      const now = clock.now()
      const due = await shiftRemindersRepo(database.db).due(
        kind,
        now,
        new Date(now.getTime() + leadMs),
        BATCH,
      )
      for (const r of due) {
        await database.db.transaction(async (tx) => {
          if (!(await shiftRemindersRepo(tx).claim(r.signupId, kind, now))) return
          await notify(
            r.userId,
            `shift_reminder_${kind}`,
            { opportunity: r.title, startsAt: r.startsAt.toISOString(), address: r.address },
            `/volunteer/signups/${r.signupId}`,
            { tx },
          )
          sent++
        })
      }
      if (due.length < BATCH) break
    }
  }
  return sent
}
