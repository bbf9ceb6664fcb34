import type { AgeBand } from './need-types.ts'

// What leaves the agency about a recipient's age is a band, never a birth date. Bands follow the
// lines the rules draw: under 14 a guardian consents, under 18 is a minor, 60 is the usual lower
// bound of elderly services, 80 of high-age allowances.

export const AGE_BAND_RANGES: Record<AgeBand, { min: number; max: number }> = {
  child: { min: 0, max: 13 },
  teen: { min: 14, max: 17 },
  adult: { min: 18, max: 59 },
  senior: { min: 60, max: 79 },
  elder: { min: 80, max: 150 },
}

/** The band of an age in whole years. */
export function ageBandOf(age: number): AgeBand {
  if (age < 14) return 'child'
  if (age < 18) return 'teen'
  if (age < 60) return 'adult'
  if (age < 80) return 'senior'
  return 'elder'
}

/**
 * From a birth year alone the age in `year` is `year - birthYear` or one less (birthday still to
 * come); the band is taken from the larger, as the recipient reaches it during the year.
 */
export function ageBandFromBirthYear(birthYear: number, year: number): AgeBand {
  return ageBandOf(Math.max(0, year - birthYear))
}

/** The ages a recipient may have: exact-to-a-year from the birth year, else the band's range. */
export function ageRangeOf(
  birthYear: number | null,
  band: AgeBand,
  year: number,
): { min: number; max: number } {
  if (birthYear === null) return AGE_BAND_RANGES[band]
  const age = year - birthYear
  return { min: Math.max(0, age - 1), max: Math.max(0, age) }
}
