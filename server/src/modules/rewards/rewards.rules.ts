import {
  type DbOrTx,
  type RegionSetting,
  rewardsRepo,
  serviceRecordsRepo,
  volunteersRepo,
} from '@liandong/db'
import type { FastifyInstance } from 'fastify'

/** Milestones, checked after every approval; approved records only. */
export const badgeRules: ReadonlyArray<{ badge: string; minutes?: number; shifts?: number }> = [
  { badge: 'first_shift', shifts: 1 },
  { badge: 'hours_10', minutes: 10 * 60 },
  { badge: 'hours_50', minutes: 50 * 60 },
  { badge: 'hours_100', minutes: 100 * 60 },
  { badge: 'hours_500', minutes: 500 * 60 },
  { badge: 'shifts_10', shifts: 10 },
  { badge: 'shifts_50', shifts: 50 },
]

/** The region of a volunteer: the province (first two digits) of their first district, else 'default'. */
export function regionOf(districtCodes: readonly string[] | undefined): string {
  const first = districtCodes?.[0]
  return first && /^\d{2}/.test(first) ? first.slice(0, 2) : 'default'
}

/** Stars earned: how many of the region's thresholds the approved hours reach. */
export function starLevel(approvedMinutes: number, thresholdsHours: readonly number[]) {
  const hours = approvedMinutes / 60
  const level = thresholdsHours.filter((h) => hours >= h).length
  const next = thresholdsHours[level] ?? null
  return { level, nextThresholdHours: next }
}

/** Points are earned per whole approved minute at the region's rate, rounded down per record. */
export const pointsFor = (minutes: number, setting: RegionSetting) =>
  Math.floor((minutes * setting.pointsPerHour) / 60)

export async function regionSettingFor(tx: DbOrTx, userId: string): Promise<RegionSetting> {
  const profile = await volunteersRepo(tx).findByUser(userId)
  return rewardsRepo(tx).regionSetting(regionOf(profile?.districtCodes))
}

export async function totalsOf(tx: DbOrTx, userId: string) {
  const [approved, pendingMinutes, points, setting, badges] = await Promise.all([
    serviceRecordsRepo(tx).approvedTotals(userId),
    serviceRecordsRepo(tx).pendingMinutes(userId),
    rewardsRepo(tx).balance(userId),
    regionSettingFor(tx, userId),
    rewardsRepo(tx).badges(userId),
  ])
  const stars = starLevel(approved.minutes, setting.starThresholdsHours)
  return {
    label: 'platform_record' as const,
    approvedMinutes: approved.minutes,
    approvedHours: Math.round((approved.minutes / 60) * 10) / 10,
    approvedShifts: approved.shifts,
    pendingMinutes,
    points,
    starLevel: stars.level,
    nextThresholdHours: stars.nextThresholdHours,
    region: setting.region,
    pointsPerHour: setting.pointsPerHour,
    thresholdsHours: setting.starThresholdsHours,
    badges: badges.map((b) => ({ badge: b.badge, awardedAt: b.awardedAt })),
  }
}

/**
 * What approving (or correcting) a record does to rewards, in the approval's transaction: the
 * points difference goes to the ledger, milestones are awarded, and the volunteer's open pages
 * hear `totals.changed` once the transaction commits.
 */
export async function applyApprovedMinutes(
  app: FastifyInstance,
  tx: DbOrTx,
  change: {
    userId: string
    recordId: string
    beforeMinutes: number
    afterMinutes: number
    reason: 'service' | 'correction'
  },
) {
  const setting = await regionSettingFor(tx, change.userId)
  const delta = pointsFor(change.afterMinutes, setting) - pointsFor(change.beforeMinutes, setting)
  const now = app.infra.clock.now()
  if (delta !== 0)
    await rewardsRepo(tx).addPoints({
      userId: change.userId,
      delta,
      reason: change.reason,
      recordId: change.recordId,
      createdAt: now,
    })
  const approved = await serviceRecordsRepo(tx).approvedTotals(change.userId)
  const earned = badgeRules
    .filter(
      (r) =>
        (r.minutes ? approved.minutes >= r.minutes : true) && (r.shifts ? approved.shifts >= r.shifts : true),
    )
    .map((r) => r.badge)
  const awarded = await rewardsRepo(tx).award(change.userId, earned, now)
  const totals = await totalsOf(tx, change.userId)
  await app.realtime.publish(
    `user:${change.userId}`,
    'totals.changed',
    {
      approvedMinutes: totals.approvedMinutes,
      points: totals.points,
      starLevel: totals.starLevel,
      newBadges: awarded,
    },
    { tx },
  )
  return { delta, awarded }
}
