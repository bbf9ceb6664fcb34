/** One approved record as the hours report reads it. */
export interface ReportRecord {
  recordId: string
  userId: string
  name: string
  volunteerNumber: string | null
  opportunityId: string | null
  opportunityTitle: string | null
  activityName: string
  source: string
  serviceDate: string
  place: string
  minutes: number
}

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100

/**
 * Totals by person and by opportunity. Self-reported hours have no opportunity: they are grouped
 * by their activity name, so they stay visible without being merged into a real opportunity.
 */
export function summarise(records: ReportRecord[], from: string, to: string) {
  const people = new Map<
    string,
    { userId: string; name: string; volunteerNumber: string | null; minutes: number; records: number }
  >()
  const activities = new Map<
    string,
    { opportunityId: string | null; title: string; minutes: number; records: number; volunteers: Set<string> }
  >()
  let minutes = 0
  for (const r of records) {
    minutes += r.minutes
    const person = people.get(r.userId) ?? {
      userId: r.userId,
      name: r.name,
      volunteerNumber: r.volunteerNumber,
      minutes: 0,
      records: 0,
    }
    person.minutes += r.minutes
    person.records++
    people.set(r.userId, person)
    const key = r.opportunityId ?? `self:${r.activityName}`
    const activity = activities.get(key) ?? {
      opportunityId: r.opportunityId,
      title: r.opportunityTitle ?? r.activityName,
      minutes: 0,
      records: 0,
      volunteers: new Set<string>(),
    }
    activity.minutes += r.minutes
    activity.records++
    activity.volunteers.add(r.userId)
    activities.set(key, activity)
  }
  const byMinutes = (a: { minutes: number }, b: { minutes: number }) => b.minutes - a.minutes
  return {
    from,
    to,
    total: { minutes, hours: hours(minutes), records: records.length, volunteers: people.size },
    byPerson: [...people.values()].sort(byMinutes).map((p) => ({ ...p, hours: hours(p.minutes) })),
    byOpportunity: [...activities.values()].sort(byMinutes).map(({ volunteers, ...a }) => ({
      ...a,
      hours: hours(a.minutes),
      volunteers: volunteers.size,
    })),
  }
}

export type HoursSummary = ReturnType<typeof summarise>
