import { genders, idTypes } from '@liandong/db'
import { Type } from 'typebox'
import { IsoDate, IsoDateInput, Nullable, PageQuery, StringEnum, Uuid } from '../../http/schemas.ts'
import { ageBands } from '../needs/need-types.ts'
import { DistrictCode } from '../organizations/organization.schemas.ts'
import { RecipientCategory } from '../resources/resource.schemas.ts'

export const revealableFields = [
  'name',
  'birthDate',
  'phone',
  'idNumber',
  'address',
  'household',
  'health',
  'income',
  'military',
] as const
export type RevealableField = (typeof revealableFields)[number]
export const consentPurposes = ['service', 'share_with_org', 'data_processing'] as const

/** One person living with the recipient (家庭成员); the whole list is sealed as one value. */
export const HouseholdMember = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50 }),
    relation: Type.String({ minLength: 1, maxLength: 20, description: '配偶、子女、父母 …' }),
    birthYear: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })),
    occupation: Type.Optional(Type.String({ maxLength: 50 })),
    note: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
)

// Household, health and disability, income and assistance status, military-service details:
// sealed, never in lists, revealed one at a time with a reason.
const sensitiveFields = {
  household: Type.Array(HouseholdMember, { maxItems: 20, description: 'Sealed; lists show only how many.' }),
  health: Type.String({ minLength: 1, maxLength: 2000, description: 'Health and disability. Sealed.' }),
  income: Type.String({
    minLength: 1,
    maxLength: 2000,
    description: 'Income and assistance status. Sealed.',
  }),
  military: Type.String({
    minLength: 1,
    maxLength: 2000,
    description: 'Military-service details (no military secrets, Chengdu §4.1 b). Sealed.',
  }),
}

export const SensitivePatch = Type.Object(
  {
    household: Type.Optional(Nullable(sensitiveFields.household)),
    health: Type.Optional(Nullable(sensitiveFields.health)),
    income: Type.Optional(Nullable(sensitiveFields.income)),
    military: Type.Optional(Nullable(sensitiveFields.military)),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const RecipientInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50, description: 'Sealed at rest; lists show 王**.' }),
    code: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9-]{2,30}$',
        description: 'File number, unique in the organization; R<year>-<seq> when omitted.',
      }),
    ),
    gender: Type.Optional(StringEnum(genders)),
    birthDate: Type.Optional(
      Type.String({ format: 'date', description: 'Sealed; its year stays in clear.' }),
    ),
    birthYear: Type.Optional(
      Type.Integer({ minimum: 1900, maximum: 2100, description: 'When the full date is unknown.' }),
    ),
    categories: Type.Array(RecipientCategory, { maxItems: 16, uniqueItems: true }),
    districtCode: Type.Optional(DistrictCode),
    phone: Type.Optional(
      Type.String({ minLength: 5, maxLength: 20, description: 'Sealed; lists show the last 4.' }),
    ),
    idType: Type.Optional(StringEnum(idTypes)),
    idNumber: Type.Optional(
      Type.String({
        minLength: 5,
        maxLength: 30,
        description: 'Sealed; duplicates in the organization refused.',
      }),
    ),
    address: Type.Optional(Type.String({ minLength: 2, maxLength: 200, description: 'Sealed.' })),
    primaryWorkerId: Type.Optional(Uuid),
    household: Type.Optional(sensitiveFields.household),
    health: Type.Optional(sensitiveFields.health),
    income: Type.Optional(sensitiveFields.income),
    military: Type.Optional(sensitiveFields.military),
  },
  { additionalProperties: false },
)

export const Consent = Type.Object({
  id: Uuid,
  recipientId: Uuid,
  purpose: StringEnum(consentPurposes),
  scope: Type.String(),
  targetOrgId: Nullable(Uuid),
  targetOrgName: Nullable(Type.String()),
  givenBy: StringEnum(['self', 'guardian']),
  guardianNameMasked: Nullable(Type.String()),
  guardianRelation: Nullable(Type.String()),
  method: StringEnum(['paper', 'verbal', 'electronic']),
  givenAt: IsoDate,
  expiresAt: Nullable(IsoDate),
  withdrawnAt: Nullable(IsoDate),
  withdrawnReason: Nullable(Type.String()),
  active: Type.Boolean({ description: 'Given, not withdrawn and not expired now.' }),
  createdAt: IsoDate,
})

export const Recipient = Type.Object({
  id: Uuid,
  orgId: Uuid,
  code: Type.String(),
  nameMasked: Type.String({ description: 'First character and stars (王**).' }),
  gender: Nullable(Type.String()),
  birthYear: Nullable(Type.Integer()),
  ageBand: Nullable(StringEnum(ageBands)),
  categories: Type.Array(Type.String()),
  districtCode: Nullable(Type.String()),
  phoneLast4: Nullable(Type.String()),
  idType: Nullable(Type.String()),
  idNumberMasked: Nullable(Type.String()),
  has: Type.Object(
    {
      birthDate: Type.Boolean(),
      phone: Type.Boolean(),
      idNumber: Type.Boolean(),
      address: Type.Boolean(),
      household: Type.Boolean(),
      health: Type.Boolean(),
      income: Type.Boolean(),
      military: Type.Boolean(),
    },
    { description: 'Which sealed fields hold a value (reveal them one at a time).' },
  ),
  householdSize: Nullable(Type.Integer({ description: 'How many household members are recorded.' })),
  primaryWorkerId: Nullable(Uuid),
  status: StringEnum(['active', 'inactive', 'archived', 'erased']),
  createdAt: IsoDate,
  updatedAt: IsoDate,
})

export const RecipientDetail = Type.Object({ ...Recipient.properties, consents: Type.Array(Consent) })

export const RecipientParams = Type.Object({ id: Uuid })
export const ConsentParams = Type.Object({ id: Uuid, consentId: Uuid })

export const RecipientListQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(['active', 'inactive', 'archived', 'erased'])),
    category: Type.Optional(RecipientCategory),
    code: Type.Optional(Type.String({ maxLength: 30, description: 'File number starts with this.' })),
    phoneLast4: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })),
    ...PageQuery,
  },
  { additionalProperties: false },
)

export const RevealInput = Type.Object(
  {
    field: StringEnum(revealableFields),
    reason: Type.String({
      minLength: 4,
      maxLength: 200,
      description: 'Why the full value is needed; kept on the audit trail.',
    }),
  },
  { additionalProperties: false },
)
export const Revealed = Type.Object({
  field: StringEnum(revealableFields),
  value: Nullable(Type.String()),
  household: Type.Optional(Type.Array(HouseholdMember, { description: 'For field = household.' })),
})

export const ConsentInput = Type.Object(
  {
    purpose: StringEnum(consentPurposes),
    scope: Type.Optional(
      Type.String({ maxLength: 300, description: 'What may be shared or done (e.g. 姓名、电话、需求摘要).' }),
    ),
    targetOrgId: Type.Optional(Uuid),
    givenBy: Type.Optional(StringEnum(['self', 'guardian'])),
    guardianName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    guardianRelation: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    method: Type.Optional(StringEnum(['paper', 'verbal', 'electronic'])),
    givenAt: Type.Optional(IsoDateInput),
    expiresAt: Type.Optional(IsoDateInput),
  },
  { additionalProperties: false },
)

export const WithdrawInput = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 300 })) },
  { additionalProperties: false },
)
