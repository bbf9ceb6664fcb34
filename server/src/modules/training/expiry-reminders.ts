import { type Database, trainingRepo } from '@liandong/db'
import type { Clock } from '../../context.ts'
import type { Notify } from '../notifications/notification.service.ts'
import { shanghaiDate } from '../volunteers/age.ts'

export const TRAINING_REMINDER_JOB = 'training.expiry-reminders'
/** Renewal reminders go out this long before a completion expires. */
export const REMINDER_LEAD_MS = 30 * 86_400_000
const BATCH = 200

/**
 * One sweep: every completion expiring within 30 days whose holder has not been reminded gets one
 * notification (and its e-mail copy). Claiming `reminder_sent_at` and writing the notification
 * share a transaction, so a reminder is sent once however many workers sweep, and a failure
 * leaves it for the next sweep. A renewal clears the mark, so the next expiry is reminded again.
 */
export async function sendTrainingReminders(
  database: Database,
  clock: Clock,
  notify: Notify,
): Promise<number> {
  let sent = 0
  for (;;) {
    const now = clock.now()
    const due = await trainingRepo(database.db).expiringUnreminded(
      now,
      new Date(now.getTime() + REMINDER_LEAD_MS),
      BATCH,
    )
    if (due.length === 0) return sent
    for (const { enrolment, courseTitle } of due) {
      await database.db.transaction(async (tx) => {
        if (!(await trainingRepo(tx).markReminded(enrolment.id, now))) return
        await notify(
          enrolment.userId,
          'training_expiring',
          { course: courseTitle, date: shanghaiDate(enrolment.expiresAt!) },
          `/volunteer/training/${enrolment.courseId}`,
          { tx },
        )
        sent++
      })
    }
    if (due.length < BATCH) return sent
  }
}
