// Dates of birth and shift days are calendar dates in Asia/Shanghai (UTC+8 all year, no DST).
const SHANGHAI_OFFSET_MS = 8 * 3_600_000

/** The Asia/Shanghai calendar date of an instant, as YYYY-MM-DD. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

/** Whole years between a birth date and a day (both YYYY-MM-DD); a 29 February birthday counts on 1 March. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [y, m, d] = on.split('-').map(Number) as [number, number, number]
  let age = y - by
  if (m < bm || (m === bm && d < bd)) age--
  return age
}

/** Youngest age at which anyone may register (中国注册志愿者管理办法). */
export const MIN_REGISTRATION_AGE = 14
/** Below this age a guardian's consent is needed before any sign-up. */
export const ADULT_AGE = 18
