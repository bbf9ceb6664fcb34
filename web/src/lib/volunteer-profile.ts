/** The privacy notice volunteers accept; changing the text means a new version to accept again. */
export const PRIVACY_VERSION = '2026-01'

/** Today's date in China (YYYY-MM-DD), whatever the browser's zone. */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now)
}

/** Whole years between a birth date and a day, both YYYY-MM-DD (as the server counts). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number]
  return y - by - (mo < bm || (mo === bm && d < bd) ? 1 : 0)
}
