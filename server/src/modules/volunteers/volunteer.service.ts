import {
  accountsRepo,
  evaluationsRepo,
  trainingRepo,
  type VolunteerProfile,
  volunteersRepo,
} from '@liandong/db'
import type { Static } from 'typebox'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { createSecretBox } from '../../crypto/secret-box.ts'
import { ConflictError, type FieldProblem, NotFoundError, ValidationError } from '../../errors.ts'
import { type Locale, t } from '../../i18n/index.ts'
import { ADULT_AGE, ageOn, MIN_REGISTRATION_AGE, shanghaiDate } from './age.ts'
import { isServedDistrict } from './districts.ts'
import { profileGates } from './eligibility.ts'
import {
  isPlausibleIdNumber,
  maskLast4,
  normaliseIdNumber,
  normalisePhone,
  residentIdBirthDate,
} from './id-number.ts'
import type { ProfileInput } from './volunteer.schemas.ts'

type Input = Static<typeof ProfileInput>

const isUniqueViolation = (error: unknown, constraint?: string) => {
  const e = error as {
    code?: string
    constraint_name?: string
    cause?: { code?: string; constraint?: string }
  }
  const code = e.code ?? e.cause?.code
  if (code !== '23505') return false
  if (!constraint) return true
  const name = e.constraint_name ?? e.cause?.constraint ?? String((error as Error).message ?? '')
  return name.includes(constraint) || String((error as Error).message).includes(constraint)
}

/** LD + year + six-digit sequence within the year: LD2026000042. */
export function nextVolunteerNumber(year: number, last: string | undefined): string {
  const prefix = `LD${year}`
  const seq = last ? Number(last.slice(prefix.length)) + 1 : 1
  return `${prefix}${String(seq).padStart(6, '0')}`
}

export function volunteerService({ database, clock, config }: Infrastructure) {
  const db = database.db
  const box = createSecretBox(config.dataKeys)

  function validate(input: Input, today: string) {
    const problems: FieldProblem[] = []
    const phone = normalisePhone(input.phone)
    if (!phone) problems.push({ field: 'body.phone', code: 'field.phone' })
    for (const [i, code] of (input.districtCodes ?? []).entries())
      if (!isServedDistrict(code)) problems.push({ field: `body.districtCodes.${i}`, code: 'field.district' })
    for (const [i, slot] of (input.availability ?? []).entries())
      if (slot.to <= slot.from)
        problems.push({ field: `body.availability.${i}.to`, code: 'field.after_start' })
    if (input.emergencyContact && !normalisePhone(input.emergencyContact.phone))
      problems.push({ field: 'body.emergencyContact.phone', code: 'field.phone' })
    if (input.guardian && !normalisePhone(input.guardian.phone))
      problems.push({ field: 'body.guardian.phone', code: 'field.phone' })
    if (input.birthDate > today) problems.push({ field: 'body.birthDate', code: 'field.invalid_value' })

    let idNumber: string | null | undefined = input.idNumber
    if (idNumber) {
      idNumber = normaliseIdNumber(idNumber)
      if (!input.idType) problems.push({ field: 'body.idType', code: 'field.required' })
      else if (!isPlausibleIdNumber(input.idType, idNumber))
        problems.push({ field: 'body.idNumber', code: 'field.id_number' })
      else if (input.idType === 'resident_id' && residentIdBirthDate(idNumber) !== input.birthDate)
        problems.push({ field: 'body.birthDate', code: 'field.id_birth_mismatch' })
    }
    const age = ageOn(input.birthDate, today)
    if (problems.length) throw new ValidationError(problems)
    // A clear refusal of its own, not a field error: the person cannot fix it by editing.
    if (age < MIN_REGISTRATION_AGE)
      throw new ValidationError(
        [{ field: 'body.birthDate', code: 'volunteer.under_14' }],
        'volunteer.under_14',
      )
    return { phone: phone!, idNumber, age }
  }

  async function present(profile: VolunteerProfile, locale: Locale) {
    const user = await accountsRepo(db).findUserById(profile.userId)
    const today = shanghaiDate(clock.now())
    const { age, failures } = profileGates(profile, today)
    return {
      userId: profile.userId,
      volunteerNumber: profile.volunteerNumber,
      realName: profile.realName,
      phone: profile.phone,
      email: user?.email ?? '',
      idType: profile.idType,
      idNumberMasked: maskLast4(profile.idNumberLast4),
      gender: profile.gender,
      birthDate: profile.birthDate,
      age,
      skills: profile.skills,
      languages: profile.languages,
      districtCodes: profile.districtCodes,
      availability: profile.availability,
      emergencyContact: profile.emergencyContactName
        ? {
            name: profile.emergencyContactName,
            relation: profile.emergencyContactRelation ?? '',
            phone: profile.emergencyContactPhone ?? '',
          }
        : null,
      privacyConsent: { version: profile.privacyConsentVersion, at: profile.privacyConsentAt },
      guardianConsent: profile.guardianConsentAt
        ? {
            name: profile.guardianName ?? '',
            relation: profile.guardianRelation ?? '',
            phone: profile.guardianPhone ?? '',
            at: profile.guardianConsentAt,
          }
        : null,
      nameDisplay: profile.nameDisplay,
      leaderboardOptIn: profile.leaderboardOptIn,
      insuranceAcknowledgedAt: profile.insuranceAcknowledgedAt,
      trainingMinutes: await trainingRepo(db).trainingMinutes(profile.userId),
      canSignUp: failures.length === 0,
      signUpBlockers: failures.map((f) => ({
        gate: f.gate,
        code: f.code,
        message: t(locale, f.code, f.params),
      })),
      createdAt: profile.createdAt,
      updatedAt: profile.updatedAt,
    }
  }

  return {
    present,

    async getOwn(principal: Principal, locale: Locale) {
      const profile = await volunteersRepo(db).findByUser(principal.userId)
      if (!profile) throw new NotFoundError('volunteer.profile_missing')
      return present(profile, locale)
    },

    /** Registers (first call, issuing a volunteer number) or replaces the caller's profile. */
    async save(principal: Principal, raw: Input, locale: Locale) {
      const now = clock.now()
      const today = shanghaiDate(now)
      const { phone, idNumber, age } = validate(raw, today)
      let input = raw
      const current = await volunteersRepo(db).findByUser(principal.userId)

      // A minor may register without a guardian's consent but cannot sign up until one is on
      // record (canSignUp says why). An adult's form does not touch it: a consent recorded while
      // they were a minor stays as evidence for that time.
      if (age >= ADULT_AGE && input.guardian !== undefined) {
        const { guardian: _ignored, ...rest } = input
        input = rest
      }

      const idHashes = idNumber ? box.hashes(idNumber) : []
      const duplicates = await volunteersRepo(db).findDuplicates(principal.userId, phone, idHashes)
      const duplicateError = (phoneTaken: boolean, idTaken: boolean) =>
        new ConflictError('volunteer.duplicate', {}, [
          ...(phoneTaken ? [{ field: 'body.phone', code: 'field.taken' as const }] : []),
          ...(idTaken ? [{ field: 'body.idNumber', code: 'field.taken' as const }] : []),
        ])
      if (duplicates.phone || duplicates.idNumber) throw duplicateError(duplicates.phone, duplicates.idNumber)

      const values = {
        realName: input.realName.trim(),
        phone,
        ...(idNumber !== undefined
          ? idNumber === null
            ? { idType: null, idNumberEnc: null, idNumberHash: null, idNumberLast4: null }
            : {
                idType: input.idType!,
                idNumberEnc: box.seal(idNumber),
                idNumberHash: box.hash(idNumber),
                idNumberLast4: idNumber.slice(-4),
              }
          : {}),
        gender: input.gender ?? 'undisclosed',
        birthDate: input.birthDate,
        skills: input.skills ?? [],
        languages: input.languages ?? ['zh'],
        districtCodes: input.districtCodes ?? [],
        availability: input.availability ?? [],
        emergencyContactName: input.emergencyContact?.name ?? null,
        emergencyContactRelation: input.emergencyContact?.relation ?? null,
        emergencyContactPhone: input.emergencyContact?.phone
          ? normalisePhone(input.emergencyContact.phone)
          : null,
        privacyConsentVersion: input.privacyConsentVersion,
        ...(current?.privacyConsentVersion === input.privacyConsentVersion ? {} : { privacyConsentAt: now }),
        ...(input.guardian
          ? {
              guardianName: input.guardian.name,
              guardianRelation: input.guardian.relation,
              guardianPhone: normalisePhone(input.guardian.phone),
              guardianConsentAt: now,
            }
          : input.guardian === null
            ? { guardianName: null, guardianRelation: null, guardianPhone: null, guardianConsentAt: null }
            : {}),
        ...(input.nameDisplay ? { nameDisplay: input.nameDisplay } : {}),
        ...(input.leaderboardOptIn !== undefined ? { leaderboardOptIn: input.leaderboardOptIn } : {}),
        ...(input.acknowledgeInsurance === true && !current?.insuranceAcknowledgedAt
          ? { insuranceAcknowledgedAt: now }
          : input.acknowledgeInsurance === false
            ? { insuranceAcknowledgedAt: null }
            : {}),
      }

      // Two registrations may race for a number (or a phone): the unique indexes decide, and a
      // lost race for the number is retried with the next one.
      for (let attempt = 0; ; attempt++) {
        try {
          const saved = await db.transaction(async (tx) => {
            const repo = volunteersRepo(tx)
            if (current) return (await repo.update(principal.userId, values))!
            const year = Number(today.slice(0, 4))
            const volunteerNumber = nextVolunteerNumber(year, await repo.lastNumberWithPrefix(`LD${year}`))
            return repo.create({
              ...values,
              userId: principal.userId,
              volunteerNumber,
              privacyConsentAt: now,
            })
          })
          return { profile: await present(saved, locale), created: !current }
        } catch (error) {
          if (isUniqueViolation(error, 'volunteer_profiles_phone_uq')) throw duplicateError(true, false)
          if (isUniqueViolation(error, 'volunteer_profiles_id_hash_uq')) throw duplicateError(false, true)
          if (isUniqueViolation(error) && attempt < 5) continue
          throw error
        }
      }
    },

    /**
     * A coordinator's view of a volunteer who has signed up for a shift or enrolled in a course
     * of the organization; anyone else is unknown to them (404). The ID number stays masked.
     */
    async getForOrg(principal: Principal, orgId: string, userId: string, locale: Locale) {
      if (!principal.canInOrg('volunteer.read', orgId)) throw new NotFoundError()
      const profile = await volunteersRepo(db).findByUser(userId)
      if (!profile) throw new NotFoundError()
      if (
        principal.scope('volunteer.read') !== 'all' &&
        !(await volunteersRepo(db).isRelatedToOrg(userId, orgId))
      )
        throw new NotFoundError()
      // Shift evaluations are private to the organization that gave them.
      const [presented, orgRating] = await Promise.all([
        present(profile, locale),
        evaluationsRepo(db).volunteerRatingForOrg(userId, orgId),
      ])
      return { ...presented, orgRating }
    },

    /** The full ID number, for a certificate the organizing organization issues. Audit the read. */
    async revealIdNumber(userId: string): Promise<{ idType: string; idNumber: string } | null> {
      const profile = await volunteersRepo(db).findByUser(userId)
      if (!profile?.idNumberEnc || !profile.idType) return null
      return { idType: profile.idType, idNumber: box.open(profile.idNumberEnc) }
    },
  }
}
