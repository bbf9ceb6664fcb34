import { genders, idTypes, nameDisplays, volunteerSkills } from '@liandong/db'
import { Type } from 'typebox'
import { IsoDate, Nullable, StringEnum, Uuid } from '../../http/schemas.ts'

export const Skill = StringEnum(volunteerSkills)
const Phone = Type.String({
  minLength: 5,
  maxLength: 20,
  description: 'Mainland mobile; +86 and separators allowed.',
})
const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$' })

export const AvailabilitySlot = Type.Object(
  { day: Type.Integer({ minimum: 0, maximum: 6, description: '0 = Sunday' }), from: Time, to: Time },
  { additionalProperties: false },
)
const Contact = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 40 }),
    relation: Type.String({ minLength: 1, maxLength: 20 }),
    phone: Phone,
  },
  { additionalProperties: false },
)

export const ProfileInput = Type.Object(
  {
    realName: Type.String({ minLength: 2, maxLength: 40 }),
    phone: Phone,
    idType: Type.Optional(Nullable(StringEnum(idTypes))),
    idNumber: Type.Optional(
      Nullable(
        Type.String({
          minLength: 5,
          maxLength: 30,
          description: 'Write-only: stored encrypted, shown as the last 4. Omit to keep, null to remove.',
        }),
      ),
    ),
    gender: Type.Optional(StringEnum(genders)),
    birthDate: Type.String({ format: 'date' }),
    skills: Type.Optional(Type.Array(Skill, { maxItems: 20, uniqueItems: true })),
    languages: Type.Optional(
      Type.Array(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z]{2,4})?$' }), {
        maxItems: 10,
        uniqueItems: true,
      }),
    ),
    districtCodes: Type.Optional(
      Type.Array(Type.String({ pattern: '^[0-9]{6}$' }), {
        maxItems: 20,
        uniqueItems: true,
        description: 'GB/T 2260 prefecture or county codes in Sichuan (51) or Gansu (62).',
      }),
    ),
    availability: Type.Optional(Type.Array(AvailabilitySlot, { maxItems: 21 })),
    emergencyContact: Type.Optional(Nullable(Contact)),
    privacyConsentVersion: Type.String({
      minLength: 1,
      maxLength: 20,
      description: 'The privacy notice version the volunteer accepted; the time is recorded when it changes.',
    }),
    guardian: Type.Optional(
      Nullable(
        Type.Object(Contact.properties, {
          additionalProperties: false,
          description: "Ages 14–17: the guardian's consent, recorded now.",
        }),
      ),
    ),
    nameDisplay: Type.Optional(StringEnum(nameDisplays)),
    leaderboardOptIn: Type.Optional(Type.Boolean()),
    acknowledgeInsurance: Type.Optional(
      Type.Boolean({ description: 'True records that the accident-insurance notice was acknowledged.' }),
    ),
  },
  { additionalProperties: false },
)

const Blocker = Type.Object({ gate: Type.String(), code: Type.String(), message: Type.String() })

export const Profile = Type.Object(
  {
    userId: Uuid,
    volunteerNumber: Type.String(),
    realName: Type.String(),
    phone: Type.String(),
    email: Type.String(),
    idType: Nullable(Type.String()),
    idNumberMasked: Nullable(Type.String({ description: 'Last 4 characters only.' })),
    gender: Type.String(),
    birthDate: Type.String({ format: 'date' }),
    age: Type.Integer(),
    skills: Type.Array(Type.String()),
    languages: Type.Array(Type.String()),
    districtCodes: Type.Array(Type.String()),
    availability: Type.Array(AvailabilitySlot),
    emergencyContact: Nullable(Contact),
    privacyConsent: Type.Object({ version: Type.String(), at: IsoDate }),
    guardianConsent: Nullable(
      Type.Object({ name: Type.String(), relation: Type.String(), phone: Type.String(), at: IsoDate }),
    ),
    nameDisplay: Type.String(),
    leaderboardOptIn: Type.Boolean(),
    insuranceAcknowledgedAt: Nullable(IsoDate),
    trainingMinutes: Type.Integer({ description: 'Completed training, kept apart from service hours.' }),
    canSignUp: Type.Boolean(),
    signUpBlockers: Type.Array(Blocker, { description: 'Why sign-ups are refused today, if they are.' }),
    orgRating: Type.Optional(
      Type.Object(
        { average: Nullable(Type.Number()), count: Type.Integer() },
        { description: "The reading organization's own ratings of the volunteer (its staff's view only)." },
      ),
    ),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  },
  { $id: 'VolunteerProfile' },
)

export const OrgVolunteerParams = Type.Object({ id: Uuid, userId: Uuid })
