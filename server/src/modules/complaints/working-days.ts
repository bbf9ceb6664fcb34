// Working days in Asia/Shanghai: Monday to Friday, minus public holidays, plus the weekend days
// worked in exchange (调休). China has no daylight saving, so a day is always UTC+8.

const SHANGHAI_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

/** Days that break the weekday rule, by ISO date (YYYY-MM-DD). */
export type CalendarExceptions = ReadonlyMap<string, 'holiday' | 'workday'>

/** The calendar date in Shanghai of an instant, as YYYY-MM-DD. */
export const shanghaiDay = (at: Date): string =>
  new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)

export function isWorkingDay(day: string, exceptions: CalendarExceptions): boolean {
  const kind = exceptions.get(day)
  if (kind) return kind === 'workday'
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

const nextDay = (day: string) =>
  new Date(new Date(`${day}T00:00:00Z`).getTime() + DAY_MS).toISOString().slice(0, 10)

/**
 * The deadline `n` working days after `from`: the last millisecond (23:59:59.999 Shanghai) of the
 * n-th working day after the day `from` falls on, so it reads as that day wherever it is shown. Submitting on a Friday with n = 5 is due at the end of the next
 * Friday; submitting on a Saturday, likewise (the weekend does not count).
 */
export function addWorkingDays(from: Date, n: number, exceptions: CalendarExceptions): Date {
  let day = shanghaiDay(from)
  let left = n
  // A calendar without enough working days would loop forever; ten years is a safe bound.
  for (let guard = 0; left > 0 && guard < 3660; guard++) {
    day = nextDay(day)
    if (isWorkingDay(day, exceptions)) left--
  }
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + DAY_MS - SHANGHAI_OFFSET_MS - 1)
}

/** Working days from one day to another (exclusive of `from`, inclusive of `to`); for display. */
export function workingDaysBetween(from: Date, to: Date, exceptions: CalendarExceptions): number {
  let day = shanghaiDay(from)
  const end = shanghaiDay(to)
  let count = 0
  for (let guard = 0; day < end && guard < 3660; guard++) {
    day = nextDay(day)
    if (isWorkingDay(day, exceptions)) count++
  }
  return count
}
