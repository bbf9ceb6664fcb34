import { type Database, organizationsRepo, type Resource, resourcesRepo } from '@liandong/db'
import type { Clock } from '../../context.ts'
import type { Notify } from '../notifications/notification.service.ts'

export const STALE_REMINDER_JOB = 'resources.stale-reminders'
const BATCH = 200
/** Names listed in one reminder; the rest are counted. */
const NAMED = 3

/**
 * One sweep: every active resource not verified for `staleDays` whose owners were not reminded
 * within the same period is claimed (`stale_reminded_at`) and its owners — the member who created
 * it and the organization's admins — get one notification per organization listing them. Claim and
 * notifications share a transaction, so a reminder goes out once however many workers sweep, and a
 * failure leaves it for the next sweep. Verifying or editing a resource restarts its period.
 */
export async function sendStaleReminders(
  database: Database,
  clock: Clock,
  notify: Notify,
  staleDays: number,
): Promise<number> {
  let sent = 0
  for (;;) {
    const now = clock.now()
    const before = new Date(now.getTime() - staleDays * 86_400_000)
    const due = await resourcesRepo(database.db).staleUnreminded(before, BATCH)
    if (due.length === 0) return sent
    const byOrg = new Map<string, Resource[]>()
    for (const r of due) byOrg.set(r.orgId, [...(byOrg.get(r.orgId) ?? []), r])
    for (const [orgId, candidates] of byOrg) {
      await database.db.transaction(async (tx) => {
        const claimed = await resourcesRepo(tx).claimStaleReminders(
          candidates.map((r) => r.id),
          before,
          now,
        )
        if (claimed.length === 0) return
        const orgs = organizationsRepo(tx)
        const org = await orgs.findById(orgId)
        const members = await orgs.members(orgId)
        for (const userId of owners(claimed, members)) {
          await notify(
            userId,
            'resource_stale',
            {
              org: org?.name ?? '',
              count: claimed.length,
              days: staleDays,
              names: claimed
                .slice(0, NAMED)
                .map((r) => r.name)
                .join('、'),
            },
            `/organizations/${orgId}/resources?stale=true`,
            { tx },
          )
          sent++
        }
      })
    }
    if (due.length < BATCH) return sent
  }
}

/** The creators who are still members, and every admin of the organization. */
function owners(resources: Resource[], members: { userId: string; role: string }[]): Set<string> {
  const memberIds = new Set(members.map((m) => m.userId))
  const result = new Set(members.filter((m) => m.role === 'org_admin').map((m) => m.userId))
  for (const r of resources) if (r.createdBy && memberIds.has(r.createdBy)) result.add(r.createdBy)
  return result
}
