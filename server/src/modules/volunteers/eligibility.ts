import {
  type DbOrTx,
  opportunitiesRepo,
  trainingRepo,
  type VolunteerProfile,
  volunteersRepo,
} from '@liandong/db'
import { ConflictError, type FieldProblem, NotFoundError } from '../../errors.ts'
import type { MessageKey } from '../../i18n/index.ts'
import { ADULT_AGE, ageOn, MIN_REGISTRATION_AGE, shanghaiDate } from './age.ts'

// The sign-up gates of 志愿服务条例 §15–17 and the minors' rule, in one function the sign-up
// service calls inside its own transaction. Each failing gate is reported, not only the first,
// so a volunteer sees everything to fix at once.

export type EligibilityGate = 'profile' | 'age' | 'guardian_consent' | 'training' | 'skills' | 'insurance'

export interface EligibilityFailure {
  gate: EligibilityGate
  code: MessageKey
  params?: Record<string, string | number>
  /** training: the required courses without a completion valid on the shift's day. */
  courseIds?: string[]
  /** skills: the required skills the volunteer has not listed. */
  skills?: string[]
}

export interface Eligibility {
  ok: boolean
  failures: EligibilityFailure[]
  /** Age on the shift's day (Asia/Shanghai), or null without a profile. */
  age: number | null
}

/** The parts of an opportunity the gates read. */
export interface GatedOpportunity {
  minAge: number
  skills: string[]
  requiredCourseIds: string[]
  insuranceRequired: boolean
}

/** Gates that depend on the profile alone (age, guardian consent) on a given day. */
export function profileGates(profile: VolunteerProfile, day: string, minAge = MIN_REGISTRATION_AGE) {
  const failures: EligibilityFailure[] = []
  const age = ageOn(profile.birthDate, day)
  const needed = Math.max(minAge, MIN_REGISTRATION_AGE)
  if (age < needed) failures.push({ gate: 'age', code: 'eligibility.age', params: { minAge: needed } })
  if (age < ADULT_AGE && !profile.guardianConsentAt)
    failures.push({ gate: 'guardian_consent', code: 'eligibility.guardian_consent' })
  return { age, failures }
}

/**
 * Which gates `userId` fails for a shift: a registered profile; age on the shift's day at least
 * the opportunity's minimum (and 14); a guardian's consent on record under 18; a completion of
 * every required course still valid when the shift starts; every required skill; and the
 * insurance notice acknowledged when the opportunity requires insurance.
 *
 * `shift` is a shift id or `{ startsAt, opportunity }` when the caller has loaded them already.
 * Throws NotFoundError for an unknown shift id. Pass a transaction to read inside it.
 */
export async function volunteerEligibility(
  db: DbOrTx,
  userId: string,
  shift: string | { startsAt: Date; opportunity: GatedOpportunity },
): Promise<Eligibility> {
  let target: { startsAt: Date; opportunity: GatedOpportunity }
  if (typeof shift === 'string') {
    const found = await opportunitiesRepo(db).findShiftWithOpportunity(shift)
    if (!found) throw new NotFoundError()
    target = { startsAt: found.shift.startsAt, opportunity: found.opportunity }
  } else target = shift
  const { startsAt, opportunity } = target

  const profile = await volunteersRepo(db).findByUser(userId)
  if (!profile) return { ok: false, age: null, failures: [{ gate: 'profile', code: 'eligibility.profile' }] }

  const { age, failures } = profileGates(profile, shanghaiDate(startsAt), opportunity.minAge)

  const required = [...new Set(opportunity.requiredCourseIds)]
  if (required.length) {
    const valid = await trainingRepo(db).validCompletions(userId, required, startsAt)
    const done = new Set(valid.map((e) => e.courseId))
    const missing = required.filter((id) => !done.has(id))
    if (missing.length) {
      const titles = (await trainingRepo(db).findCourses(missing)).map((c) => c.title)
      failures.push({
        gate: 'training',
        code: 'eligibility.training',
        params: { courses: titles.join('、') },
        courseIds: missing,
      })
    }
  }

  const lacking = opportunity.skills.filter((s) => !profile.skills.includes(s))
  if (lacking.length)
    failures.push({
      gate: 'skills',
      code: 'eligibility.skills',
      params: { skills: lacking.join(', ') },
      skills: lacking,
    })

  if (opportunity.insuranceRequired && !profile.insuranceAcknowledgedAt)
    failures.push({ gate: 'insurance', code: 'eligibility.insurance' })

  return { ok: failures.length === 0, failures, age }
}

/**
 * The error a sign-up answers with when gates fail: 409 `signup_ineligible`, one detail per gate
 * (`field` is `gate.<name>`), so clients can point at what to fix.
 */
export function ineligibleError(failures: EligibilityFailure[]): ConflictError {
  const details: FieldProblem[] = failures.map((f) => ({
    field: `gate.${f.gate}`,
    code: f.code,
    ...(f.params ? { params: f.params } : {}),
  }))
  return new ConflictError('signup_ineligible', {}, details)
}

/** Throws `ineligibleError` unless every gate passes. */
export async function assertEligible(
  db: DbOrTx,
  userId: string,
  shift: Parameters<typeof volunteerEligibility>[2],
): Promise<Eligibility> {
  const result = await volunteerEligibility(db, userId, shift)
  if (!result.ok) throw ineligibleError(result.failures)
  return result
}
