import { describe, expect, it } from 'vitest'
import { ageBandFromBirthYear, ageBandOf, ageRangeOf } from './age-band.ts'

describe('age bands', () => {
  it('draws the lines at 14, 18, 60 and 80', () => {
    expect([0, 13, 14, 17, 18, 59, 60, 79, 80, 104].map(ageBandOf)).toEqual([
      'child',
      'child',
      'teen',
      'teen',
      'adult',
      'adult',
      'senior',
      'senior',
      'elder',
      'elder',
    ])
  })

  it('derives the band from a birth year and gives the one-year age range', () => {
    expect(ageBandFromBirthYear(2012, 2026)).toBe('teen')
    expect(ageBandFromBirthYear(1966, 2026)).toBe('senior')
    expect(ageRangeOf(1966, 'senior', 2026)).toEqual({ min: 59, max: 60 })
    expect(ageRangeOf(null, 'senior', 2026)).toEqual({ min: 60, max: 79 })
  })
})
