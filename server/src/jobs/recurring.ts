import { accountsRepo, type Database, jobsRepo } from '@liandong/db'
import type { Clock } from '../context.ts'
import type { JobQueue } from './queue.ts'
import type { Scheduler } from './scheduler.ts'

const HOUR = 60 * 60_000
const DAY = 24 * HOUR
/** Finished jobs are kept this long for inspection (and so their dedupe keys hold). */
const JOB_RETENTION_MS = 7 * DAY

/** Housekeeping every deployment needs. Both handlers are sweeps, idempotent by nature. */
export function registerHousekeeping(
  queue: JobQueue,
  scheduler: Scheduler,
  database: Database,
  clock: Clock,
) {
  queue.register('sessions.cleanup', async ({ log }) => {
    const deleted = await accountsRepo(database.db).deleteExpiredSessions(clock.now())
    if (deleted > 0) log.info({ deleted }, 'expired sessions deleted')
  })
  scheduler.add({ name: 'sessions.cleanup', everyMs: HOUR })

  queue.register('jobs.purge', async ({ log }) => {
    const purged = await jobsRepo(database.db).purgeFinished(
      new Date(clock.now().getTime() - JOB_RETENTION_MS),
    )
    if (purged > 0) log.info({ purged }, 'finished jobs purged')
  })
  scheduler.add({ name: 'jobs.purge', everyMs: DAY })
}
