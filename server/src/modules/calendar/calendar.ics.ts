import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator'

export interface FeedShift {
  signupId: string
  signupStatus: string
  shiftId: string
  startsAt: Date
  endsAt: Date
  shiftStatus: string
  title: string
  address: string
  contactName: string | null
  contactPhone: string | null
}

/**
 * The iCalendar text of a volunteer's shifts. Times are written in UTC (…Z): every client shows
 * them in its own zone, and no VTIMEZONE block has to be kept in step with tz data. A shift that
 * was cancelled, or a sign-up the volunteer cancelled, stays in the feed as STATUS:CANCELLED with
 * a higher SEQUENCE, which is how subscribed clients learn to remove it. UIDs are per shift.
 */
export function shiftsCalendar(shifts: FeedShift[], options: { name: string; publicUrl: string; now: Date }) {
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Liandong', product: 'volunteer-shifts', language: 'ZH' },
    method: ICalCalendarMethod.PUBLISH,
    // Subscribed clients poll at most this often (seconds).
    ttl: 60 * 60,
    x: { 'X-WR-TIMEZONE': 'Asia/Shanghai' },
  })
  for (const s of shifts) {
    const cancelled = s.shiftStatus === 'cancelled' || s.signupStatus === 'cancelled'
    const contact = [s.contactName, s.contactPhone].filter(Boolean).join(' ')
    calendar.createEvent({
      id: `shift-${s.shiftId}@liandong`,
      start: s.startsAt,
      end: s.endsAt,
      summary: cancelled ? `[已取消] ${s.title}` : s.title,
      location: s.address,
      description: contact ? `联系人 Contact: ${contact}` : null,
      url: `${options.publicUrl}/volunteer/signups/${s.signupId}`,
      status: cancelled
        ? ICalEventStatus.CANCELLED
        : s.signupStatus === 'offered'
          ? ICalEventStatus.TENTATIVE
          : ICalEventStatus.CONFIRMED,
      // A cancellation is the change clients must not miss: it raises SEQUENCE over the original.
      sequence: cancelled ? 1 : 0,
      stamp: options.now,
    })
  }
  return calendar.toString()
}
