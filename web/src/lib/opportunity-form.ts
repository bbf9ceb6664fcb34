import type { Opportunity, OpportunityInput } from '$lib/api/volunteer-types.ts'

/** What the opportunity form edits: text as typed, converted to the API's shape on submit. */
export interface OpportunityValues {
  title: string
  description: string
  needCategory: string
  recipientGroup: string
  skills: string[]
  requiredCourseIds: string[]
  minAge: string
  insuranceRequired: boolean
  districtCode: string
  address: string
  contactName: string
  contactPhone: string
  waitlistEnabled: boolean
  approvalRequired: boolean
  cancelCutoffHours: string
}

export interface ShiftDraft {
  date: string
  from: string
  to: string
  capacity: string
}

export interface SeriesDraft {
  days: string[]
  firstDate: string
  from: string
  to: string
  capacity: string
  count: string
}

export const emptyOpportunity = (): OpportunityValues => ({
  title: '',
  description: '',
  needCategory: 'care',
  recipientGroup: '',
  skills: [],
  requiredCourseIds: [],
  minAge: '16',
  insuranceRequired: false,
  districtCode: '',
  address: '',
  contactName: '',
  contactPhone: '',
  waitlistEnabled: true,
  approvalRequired: false,
  cancelCutoffHours: '24',
})

export const fromOpportunity = (o: Opportunity): OpportunityValues => ({
  title: o.title,
  description: o.description,
  needCategory: o.needCategory,
  recipientGroup: o.recipientGroup,
  skills: [...o.skills],
  requiredCourseIds: [...o.requiredCourseIds],
  minAge: String(o.minAge),
  insuranceRequired: o.insuranceRequired,
  districtCode: o.districtCode,
  address: o.address,
  contactName: o.contactName ?? '',
  contactPhone: o.contactPhone ?? '',
  waitlistEnabled: o.waitlistEnabled,
  approvalRequired: o.approvalRequired,
  cancelCutoffHours: String(o.cancelCutoffHours),
})

/** A whole number from a box, or NaN so that the server names the field (never silently 0). */
const int = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN)

/** The details as the API takes them (without shifts). */
export function toDetails(v: OpportunityValues) {
  return {
    title: v.title.trim(),
    description: v.description.trim(),
    needCategory: v.needCategory as OpportunityInput['needCategory'],
    recipientGroup: v.recipientGroup.trim(),
    skills: v.skills as NonNullable<OpportunityInput['skills']>,
    requiredCourseIds: v.requiredCourseIds,
    minAge: int(v.minAge),
    insuranceRequired: v.insuranceRequired,
    districtCode: v.districtCode,
    address: v.address.trim(),
    contactName: v.contactName.trim() || null,
    contactPhone: v.contactPhone.trim() || null,
    waitlistEnabled: v.waitlistEnabled,
    approvalRequired: v.approvalRequired,
    cancelCutoffHours: int(v.cancelCutoffHours),
  }
}

/** A day and a wall-clock time in China as an instant: ("2026-12-05", "09:00") → 2026-12-05T01:00:00.000Z. */
export function chinaInstant(date: string, time: string): string {
  const d = new Date(`${date}T${time}:00+08:00`)
  return Number.isNaN(d.getTime()) ? `${date}T${time}` : d.toISOString()
}

/** An instant as the date and time a China-time form shows. */
export function chinaParts(iso: string): { date: string; time: string } {
  const shifted = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString()
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) }
}

export const shiftInput = (s: ShiftDraft) => ({
  startsAt: chinaInstant(s.date, s.from),
  endsAt: chinaInstant(s.date, s.to),
  capacity: int(s.capacity),
})

const byday = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA']

/** A weekly series as the API's recurrence: FREQ=WEEKLY;BYDAY=SA,SU;COUNT=8. */
export function seriesInput(s: SeriesDraft) {
  const days = s.days.map((d) => byday[Number(d)]).join(',')
  const count = int(s.count)
  return {
    rrule: `FREQ=WEEKLY;BYDAY=${days}${Number.isFinite(count) && count > 0 ? `;COUNT=${count}` : ''}`,
    firstStartsAt: chinaInstant(s.firstDate, s.from),
    firstEndsAt: chinaInstant(s.firstDate, s.to),
    capacity: int(s.capacity),
  }
}
