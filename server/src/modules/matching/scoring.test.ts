import { describe, expect, it } from 'vitest'
import {
  areaFit,
  capacityFit,
  categoryFit,
  eligibilityFit,
  type MatchNeed,
  type MatchResource,
  NO_HISTORY,
  rankMatches,
  responsivenessFit,
  scoreMatch,
} from './scoring.ts'

const need: MatchNeed = {
  categories: ['rehabilitation'],
  recipientCategories: ['demobilized'],
  ages: { min: 54, max: 55 },
  districtCode: '510104',
  quantity: 1,
}
const resource = (over: Partial<MatchResource> = {}): MatchResource => ({
  id: 'r',
  needCategories: ['rehabilitation'],
  recipientCategories: [],
  ageMin: null,
  ageMax: null,
  districtCodes: ['510104'],
  locations: [],
  capacityAvailable: 10,
  ...over,
})

describe('category fit', () => {
  it('rewards covering the need and being specific', () => {
    expect(categoryFit(need, resource()).score).toBe(1)
    expect(categoryFit(need, resource({ needCategories: ['rehabilitation', 'medical'] })).score).toBe(0.85)
    expect(categoryFit({ ...need, categories: ['rehabilitation', 'care'] }, resource()).score).toBe(0.65)
    expect(categoryFit(need, resource({ needCategories: ['legal'] }))).toEqual({ score: 0, matched: [] })
  })
})

describe('eligibility', () => {
  it('prefers a targeted match over an open resource and refuses other categories', () => {
    expect(eligibilityFit(need, resource({ recipientCategories: ['demobilized'] }))).toMatchObject({
      score: 1,
      recipientCategories: 'matched',
    })
    expect(eligibilityFit(need, resource()).score).toBe(0.88)
    expect(eligibilityFit(need, resource({ recipientCategories: ['dibao'] }))).toMatchObject({
      score: 0,
      recipientCategories: 'mismatch',
    })
  })
  it('checks the possible ages against the range', () => {
    expect(eligibilityFit(need, resource({ ageMin: 18, ageMax: 60 })).age).toBe('fits')
    expect(eligibilityFit(need, resource({ ageMin: 55 })).age).toBe('partly')
    expect(eligibilityFit(need, resource({ ageMin: 60 }))).toMatchObject({ age: 'outside', score: 0 })
    expect(eligibilityFit(need, resource({ ageMax: 50 })).age).toBe('outside')
  })
})

describe('area', () => {
  it('orders same district, city-wide, neighbouring, province-wide', () => {
    const levels = [['510104'], ['510100'], ['510107'], ['510000'], ['620102'], []].map((districtCodes) =>
      areaFit(need, resource({ districtCodes })),
    )
    expect(levels.map((a) => a.level)).toEqual([
      'same_district',
      'city_wide',
      'neighbouring',
      'province_wide',
      'out_of_area',
      'anywhere',
    ])
    const scores = levels.slice(0, 4).map((a) => a.score)
    expect([...scores].sort((a, b) => b - a)).toEqual(scores)
    expect(levels[4]!.score).toBe(0)
  })
  it('uses locations when no service area is listed, and distance from the district centre', () => {
    const near = areaFit(
      need,
      resource({
        districtCodes: [],
        locations: [{ districtCode: '510108', latitude: 30.66, longitude: 104.1 }],
      }),
    )
    expect(near.level).toBe('neighbouring')
    expect(near.distanceKm).toBeLessThan(3)
    const far = areaFit(
      need,
      resource({
        districtCodes: ['510112'],
        locations: [{ districtCode: '510112', latitude: 30.557, longitude: 104.275 }],
      }),
    )
    expect(far.level).toBe('neighbouring')
    expect(far.score).toBeLessThan(near.score)
  })
  it('lets a resource just across a prefecture line count as nearby', () => {
    const across = areaFit(
      { ...need, districtCode: '510117' },
      resource({
        districtCodes: ['510600'],
        locations: [{ districtCode: '510603', latitude: 30.9, longitude: 104.0 }],
      }),
    )
    expect(across.level).toBe('nearby')
  })
})

describe('capacity and responsiveness', () => {
  it('needs room for the quantity', () => {
    expect(capacityFit({ ...need, quantity: 3 }, resource({ capacityAvailable: 2 })).score).toBe(0)
    expect(capacityFit({ ...need, quantity: 3 }, resource({ capacityAvailable: 3 })).score).toBe(0.6)
    expect(capacityFit(need, resource({ capacityAvailable: 50 })).score).toBe(1)
  })
  it('is neutral without history and smooths small numbers', () => {
    expect(responsivenessFit(NO_HISTORY)).toEqual({
      score: 0.5,
      acceptanceRate: null,
      medianResponseHours: null,
      referrals: 0,
    })
    const one = responsivenessFit({ responded: 1, accepted: 1, medianResponseHours: 2 })
    const many = responsivenessFit({ responded: 20, accepted: 19, medianResponseHours: 2 })
    const slow = responsivenessFit({ responded: 20, accepted: 4, medianResponseHours: 70 })
    expect(one.score).toBeGreaterThan(0.5)
    expect(many.score).toBeGreaterThan(one.score)
    expect(slow.score).toBeLessThan(0.5)
    expect(many.acceptanceRate).toBe(0.95)
  })
})

describe('scoreMatch and ranking', () => {
  it('flags every broken hard rule', () => {
    const m = scoreMatch(
      need,
      resource({
        needCategories: ['legal'],
        recipientCategories: ['dibao'],
        districtCodes: ['620102'],
        capacityAvailable: 0,
      }),
    )
    expect(m.failures).toEqual(['no_category', 'not_eligible', 'out_of_area', 'no_capacity'])
  })

  it('shares out the text weight when text is not measured', () => {
    const perfect = resource({ recipientCategories: ['demobilized'], capacityAvailable: 100 })
    const history = { responded: 50, accepted: 50, medianResponseHours: 0 }
    expect(scoreMatch(need, perfect, history, null).score).toBe(99.9)
    expect(scoreMatch(need, perfect, history, 1).score).toBeGreaterThan(99)
    expect(scoreMatch(need, perfect, history, 0).score).toBeLessThan(86)
  })

  it('puts every eligible candidate before any flagged one', () => {
    const items = [
      { id: 'flagged', match: scoreMatch(need, resource({ capacityAvailable: 0 }), NO_HISTORY, 1) },
      { id: 'far', match: scoreMatch(need, resource({ districtCodes: ['510112'] }), NO_HISTORY, 0) },
      { id: 'near', match: scoreMatch(need, resource(), NO_HISTORY, 0) },
    ]
    expect(rankMatches(items).map((i) => i.id)).toEqual(['near', 'far', 'flagged'])
  })
})
