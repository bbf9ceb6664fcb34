import { DISTRICT_POINTS, distanceKm } from './district-points.ts'

// How well one resource fits one need: six explained parts, a weighted score, and the hard rules it
// breaks. Pure — the service gathers the inputs (rows, referral history, search ranks) and this
// module decides; the unit tests and the labelled fixture (tests/support/matching-fixture.ts) hold
// it to account. docs/marketplace.md has the formula in prose.

export const hardRules = ['no_category', 'not_eligible', 'out_of_area', 'no_capacity'] as const
export type HardRule = (typeof hardRules)[number]

export const areaLevels = [
  'same_district',
  'city_wide',
  'neighbouring',
  'province_wide',
  'nearby',
  'anywhere',
  'out_of_area',
] as const
export type AreaLevel = (typeof areaLevels)[number]

export interface MatchNeed {
  categories: readonly string[]
  recipientCategories: readonly string[]
  /** The ages the recipient may have (a year's span from the birth year, or the band's range). */
  ages: { min: number; max: number }
  districtCode: string
  quantity: number
}

export interface MatchResource {
  id: string
  needCategories: readonly string[]
  recipientCategories: readonly string[]
  ageMin: number | null
  ageMax: number | null
  districtCodes: readonly string[]
  locations: readonly { districtCode: string; latitude: number | null; longitude: number | null }[]
  capacityAvailable: number
}

/** Past referrals to the resource's organization that it answered. */
export interface ReferralHistory {
  responded: number
  accepted: number
  medianResponseHours: number | null
}

export const WEIGHTS = {
  category: 0.3,
  eligibility: 0.2,
  area: 0.2,
  text: 0.15,
  capacity: 0.08,
  responsiveness: 0.07,
} as const

export interface MatchReasons {
  category: { score: number; matched: string[] }
  eligibility: {
    score: number
    recipientCategories: 'matched' | 'open' | 'mismatch'
    matched: string[]
    age: 'fits' | 'partly' | 'open' | 'outside'
  }
  area: { score: number; level: AreaLevel; distanceKm: number | null }
  capacity: { score: number; available: number; needed: number }
  responsiveness: {
    score: number
    acceptanceRate: number | null
    medianResponseHours: number | null
    referrals: number
  }
  text: { score: number | null }
}

export interface MatchScore {
  /** 0–100, one decimal. */
  score: number
  /** Hard rules broken; empty means the resource can take the need. */
  failures: HardRule[]
  reasons: MatchReasons
}

const round = (x: number, places = 3) => Math.round(x * 10 ** places) / 10 ** places
const intersect = (a: readonly string[], b: readonly string[]) => a.filter((x) => b.includes(x))

/** Share of the need's categories the resource serves, with a little credit for being specific. */
export function categoryFit(need: MatchNeed, resource: MatchResource): MatchReasons['category'] {
  const matched = intersect(need.categories, resource.needCategories)
  if (matched.length === 0 || need.categories.length === 0) return { score: 0, matched }
  const coverage = matched.length / need.categories.length
  const specificity = matched.length / resource.needCategories.length
  return { score: round(0.7 * coverage + 0.3 * specificity), matched }
}

/**
 * Recipient categories: a resource that lists some serves only those (an empty list serves anyone,
 * scored a little below a targeted match). Age: the recipient's possible ages against the range.
 */
export function eligibilityFit(need: MatchNeed, resource: MatchResource): MatchReasons['eligibility'] {
  const matched = intersect(need.recipientCategories, resource.recipientCategories)
  const categories =
    resource.recipientCategories.length === 0 ? 'open' : matched.length > 0 ? 'matched' : 'mismatch'
  const categoryScore = categories === 'matched' ? 1 : categories === 'open' ? 0.8 : 0
  let age: MatchReasons['eligibility']['age'] = 'open'
  if (resource.ageMin !== null || resource.ageMax !== null) {
    const lo = resource.ageMin ?? 0
    const hi = resource.ageMax ?? 150
    if (need.ages.max < lo || need.ages.min > hi) age = 'outside'
    else if (need.ages.min >= lo && need.ages.max <= hi) age = 'fits'
    else age = 'partly'
  }
  const ageScore = age === 'outside' ? 0 : age === 'partly' ? 0.5 : 1
  return {
    score: round(categories === 'mismatch' || age === 'outside' ? 0 : 0.6 * categoryScore + 0.4 * ageScore),
    recipientCategories: categories,
    matched,
    age,
  }
}

const AREA_BASE: Record<AreaLevel, number> = {
  same_district: 1,
  city_wide: 0.85,
  neighbouring: 0.65,
  province_wide: 0.5,
  nearby: 0.5,
  anywhere: 0.6,
  out_of_area: 0,
}
/** Beyond this, a resource outside the need's prefecture is out of area. */
export const NEARBY_KM = 30

/**
 * Where the resource serves (its district codes, else its locations' districts) against the need's
 * district: the same district, the whole city, another district of the same city (neighbouring),
 * the whole province, or — across a prefecture line — within NEARBY_KM of the district's centre.
 * Distance also lifts the score a little within a level.
 */
export function areaFit(need: MatchNeed, resource: MatchResource): MatchReasons['area'] {
  const codes = resource.districtCodes.length
    ? resource.districtCodes
    : resource.locations.map((l) => l.districtCode)
  const centre = DISTRICT_POINTS[need.districtCode]
  let km: number | null = null
  if (centre)
    for (const l of resource.locations)
      if (l.latitude !== null && l.longitude !== null) {
        const d = distanceKm(centre, { lat: l.latitude, lng: l.longitude })
        km = km === null ? d : Math.min(km, d)
      }
  const district = need.districtCode
  const city = `${district.slice(0, 4)}00`
  const province = `${district.slice(0, 2)}0000`
  let level: AreaLevel
  if (codes.length === 0) level = 'anywhere'
  else if (codes.includes(district)) level = 'same_district'
  else if (codes.includes(city)) level = 'city_wide'
  else if (codes.some((c) => c.startsWith(district.slice(0, 4)))) level = 'neighbouring'
  else if (codes.includes(province)) level = 'province_wide'
  else if (km !== null && km <= NEARBY_KM) level = 'nearby'
  else level = 'out_of_area'
  const base = AREA_BASE[level]
  const lift = level === 'out_of_area' || km === null ? 0 : (1 - base) * 0.5 * Math.exp(-km / 10)
  return { score: round(base + lift), level, distanceKm: km === null ? null : round(km, 1) }
}

/** Enough places for the need's quantity; more room scores higher, up to five times the need. */
export function capacityFit(need: MatchNeed, resource: MatchResource): MatchReasons['capacity'] {
  const needed = Math.max(1, need.quantity)
  const available = resource.capacityAvailable
  if (available < needed) return { score: 0, available, needed }
  return { score: round(Math.min(1, 0.6 + (0.4 * (available / needed - 1)) / 4)), available, needed }
}

/** Bayesian smoothing toward a neutral 50 %: two imagined referrals, one accepted. */
const PRIOR_REFERRALS = 2
/** A median answer in this many hours halves the speed part. */
const SPEED_HALF_HOURS = 24

/**
 * Acceptance rate (smoothed, so one referral does not make a partner perfect or hopeless) and
 * median response time. No history gives exactly 0.5 — neither a reward nor a penalty.
 */
export function responsivenessFit(history: ReferralHistory): MatchReasons['responsiveness'] {
  const rate = (history.accepted + PRIOR_REFERRALS / 2) / (history.responded + PRIOR_REFERRALS)
  const speed =
    history.medianResponseHours === null ? 0.5 : 1 / (1 + history.medianResponseHours / SPEED_HALF_HOURS)
  return {
    score: round(0.6 * rate + 0.4 * speed),
    acceptanceRate: history.responded > 0 ? round(history.accepted / history.responded) : null,
    medianResponseHours: history.medianResponseHours === null ? null : round(history.medianResponseHours, 1),
    referrals: history.responded,
  }
}

export const NO_HISTORY: ReferralHistory = { responded: 0, accepted: 0, medianResponseHours: null }

/**
 * The whole judgement. `text` is the resource's text relevance to the need in [0, 1] from the search
 * engine, or null when not measured (its weight is then shared out over the other parts).
 */
export function scoreMatch(
  need: MatchNeed,
  resource: MatchResource,
  history: ReferralHistory = NO_HISTORY,
  text: number | null = null,
): MatchScore {
  const reasons: MatchReasons = {
    category: categoryFit(need, resource),
    eligibility: eligibilityFit(need, resource),
    area: areaFit(need, resource),
    capacity: capacityFit(need, resource),
    responsiveness: responsivenessFit(history),
    text: { score: text === null ? null : round(Math.max(0, Math.min(1, text))) },
  }
  const failures: HardRule[] = []
  if (reasons.category.matched.length === 0) failures.push('no_category')
  if (reasons.eligibility.score === 0) failures.push('not_eligible')
  if (reasons.area.level === 'out_of_area') failures.push('out_of_area')
  if (reasons.capacity.score === 0) failures.push('no_capacity')

  const parts: [number, number | null][] = [
    [WEIGHTS.category, reasons.category.score],
    [WEIGHTS.eligibility, reasons.eligibility.score],
    [WEIGHTS.area, reasons.area.score],
    [WEIGHTS.text, reasons.text.score],
    [WEIGHTS.capacity, reasons.capacity.score],
    [WEIGHTS.responsiveness, reasons.responsiveness.score],
  ]
  let total = 0
  let weight = 0
  for (const [w, s] of parts)
    if (s !== null) {
      total += w * s
      weight += w
    }
  return { score: Math.round((1000 * total) / weight) / 10, failures, reasons }
}

/** Candidates that pass every hard rule first, each group best score first; ties by room, then id. */
export function rankMatches<T extends { id: string; match: MatchScore }>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) =>
      Number(a.match.failures.length > 0) - Number(b.match.failures.length > 0) ||
      b.match.score - a.match.score ||
      b.match.reasons.capacity.available - a.match.reasons.capacity.available ||
      a.id.localeCompare(b.id),
  )
}
