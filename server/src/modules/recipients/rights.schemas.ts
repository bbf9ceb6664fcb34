import { genders, idTypes, schema } from '@liandong/db'
import { Type } from 'typebox'
import { IsoDate, IsoDateInput, Nullable, PageQuery, StringEnum, Uuid } from '../../http/schemas.ts'
import { DistrictCode } from '../organizations/organization.schemas.ts'
import { RecipientCategory } from '../resources/resource.schemas.ts'
import { HouseholdMember } from './recipient.schemas.ts'

const { recipientRequestKinds, recipientRequestStatuses } = schema
export const requestChannels = ['in_person', 'phone', 'written'] as const

/** The fields a correction may name: the profile's and the sealed details'. */
export const correctableFields = [
  'name',
  'gender',
  'birthDate',
  'birthYear',
  'categories',
  'districtCode',
  'phone',
  'idNumber',
  'address',
  'household',
  'health',
  'income',
  'military',
] as const
export type CorrectableField = (typeof correctableFields)[number]

export const RequestInput = Type.Object(
  {
    kind: StringEnum(recipientRequestKinds),
    channel: Type.Optional(StringEnum(requestChannels)),
    details: Type.String({
      minLength: 4,
      maxLength: 2000,
      description: 'What the person asked for, in their words. Sealed at rest.',
    }),
    receivedAt: Type.Optional(IsoDateInput),
  },
  { additionalProperties: false },
)

export const RightsRequest = Type.Object({
  id: Uuid,
  recipientId: Uuid,
  recipientCode: Type.String(),
  recipientNameMasked: Type.String(),
  orgId: Uuid,
  kind: StringEnum(recipientRequestKinds),
  status: StringEnum(recipientRequestStatuses),
  channel: StringEnum(requestChannels),
  details: Nullable(Type.String({ description: 'Opened for the recipient page; null in agency lists.' })),
  outcome: Nullable(Type.String({ description: 'The answer, or the reason of a refusal.' })),
  correctedFields: Type.Array(StringEnum(correctableFields)),
  receivedAt: IsoDate,
  dueAt: IsoDate,
  overdue: Type.Boolean({ description: 'Open (or scheduled without its decision) past the due date.' }),
  recordedBy: Uuid,
  recordedByName: Type.String(),
  decidedBy: Nullable(Uuid),
  decidedByName: Nullable(Type.String()),
  decidedAt: Nullable(IsoDate),
  scheduledFor: Nullable(IsoDate),
  createdAt: IsoDate,
})

export const RequestParams = Type.Object({ id: Uuid })

export const AgencyRequestsQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(recipientRequestStatuses)),
    kind: Type.Optional(StringEnum(recipientRequestKinds)),
    overdue: Type.Optional(Type.Boolean({ description: 'Only open requests past their due date.' })),
    ...PageQuery,
  },
  { additionalProperties: false },
)

export const AnswerInput = Type.Object(
  {
    status: StringEnum(['done', 'refused'] as const),
    outcome: Type.Optional(
      Type.String({
        minLength: 4,
        maxLength: 1000,
        description: 'What was done, or why it was refused (required for a refusal). Sealed.',
      }),
    ),
  },
  { additionalProperties: false },
)

export const DecideInput = Type.Object(
  {
    decision: StringEnum(['erase', 'refuse'] as const),
    reason: Type.Optional(
      Type.String({ minLength: 4, maxLength: 1000, description: 'Required when refusing. Sealed.' }),
    ),
  },
  { additionalProperties: false },
)

export const CorrectionQuery = Type.Object(
  {
    request: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)

/** Corrects the recipient's profile (null clears an optional field). Sealed like registration. */
export const RecipientPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    gender: Type.Optional(Nullable(StringEnum(genders))),
    birthDate: Type.Optional(Nullable(Type.String({ format: 'date' }))),
    birthYear: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })),
    categories: Type.Optional(Type.Array(RecipientCategory, { maxItems: 16, uniqueItems: true })),
    districtCode: Type.Optional(Nullable(DistrictCode)),
    phone: Type.Optional(Nullable(Type.String({ minLength: 5, maxLength: 20 }))),
    idType: Type.Optional(StringEnum(idTypes)),
    idNumber: Type.Optional(Nullable(Type.String({ minLength: 5, maxLength: 30 }))),
    address: Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 200 }))),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const ExportInput = Type.Object(
  {
    reason: Type.String({
      minLength: 4,
      maxLength: 200,
      description: 'Why the data is opened (kept on the audit trail).',
    }),
    requestId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)

const Referral = Type.Object({
  id: Uuid,
  needId: Uuid,
  toOrgName: Type.String(),
  resourceName: Type.String(),
  status: Type.String(),
  sentAt: Nullable(IsoDate),
  closedAt: Nullable(IsoDate),
  consentOverride: Type.Boolean(),
  shared: Nullable(Type.Record(Type.String(), Type.Unknown(), { description: 'The fields shared.' })),
  outcome: Nullable(Type.String()),
})

const CaseDocument = Type.Object({
  id: Uuid,
  kind: Type.String(),
  version: Type.Integer(),
  status: Type.String(),
  authorName: Type.String(),
  createdAt: IsoDate,
  decidedAt: Nullable(IsoDate),
  comment: Nullable(Type.String()),
  content: Type.Unknown({ description: 'The document, opened.' }),
})

export const RecipientExport = Type.Object({
  format: Type.Literal('liandong.recipient-export/1'),
  generatedAt: IsoDate,
  generatedByName: Type.String(),
  organization: Type.Object({ id: Uuid, name: Type.String() }),
  erased: Type.Boolean({ description: 'The data was erased: only the tombstone is left.' }),
  profile: Type.Object({
    id: Uuid,
    code: Type.String(),
    status: Type.String(),
    name: Nullable(Type.String()),
    gender: Nullable(Type.String()),
    birthDate: Nullable(Type.String()),
    birthYear: Nullable(Type.Integer()),
    categories: Type.Array(Type.String()),
    districtCode: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    idType: Nullable(Type.String()),
    idNumber: Nullable(Type.String()),
    address: Nullable(Type.String()),
    household: Type.Array(HouseholdMember),
    health: Nullable(Type.String()),
    income: Nullable(Type.String()),
    military: Nullable(Type.String()),
    primaryWorkerName: Nullable(Type.String()),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  }),
  consents: Type.Array(
    Type.Object({
      id: Uuid,
      purpose: Type.String(),
      scope: Type.String(),
      targetOrgName: Nullable(Type.String()),
      givenBy: Type.String(),
      guardianName: Nullable(Type.String()),
      guardianRelation: Nullable(Type.String()),
      method: Type.String(),
      givenAt: IsoDate,
      expiresAt: Nullable(IsoDate),
      withdrawnAt: Nullable(IsoDate),
    }),
  ),
  needs: Type.Array(
    Type.Object({
      id: Uuid,
      title: Type.String(),
      categories: Type.Array(Type.String()),
      status: Type.String(),
      urgency: Type.String(),
      privateDescription: Nullable(Type.String()),
      publicSummary: Type.String(),
      createdAt: IsoDate,
      referrals: Type.Array(Referral),
    }),
  ),
  cases: Type.Array(
    Type.Object({
      id: Uuid,
      code: Type.String(),
      stage: Type.String(),
      status: Type.String(),
      openedAt: IsoDate,
      closedAt: Nullable(IsoDate),
      leadWorkerName: Type.String(),
      documents: Type.Array(CaseDocument),
      attachments: Type.Array(
        Type.Object({
          id: Uuid,
          fileName: Type.String(),
          contentType: Type.String(),
          size: Type.Integer(),
          createdAt: IsoDate,
        }),
      ),
    }),
  ),
  requests: Type.Array(
    Type.Object({
      id: Uuid,
      kind: Type.String(),
      status: Type.String(),
      channel: Type.String(),
      details: Nullable(Type.String()),
      outcome: Nullable(Type.String()),
      receivedAt: IsoDate,
      dueAt: IsoDate,
      decidedAt: Nullable(IsoDate),
      scheduledFor: Nullable(IsoDate),
    }),
  ),
  reads: Type.Array(
    Type.Object({
      at: IsoDate,
      byName: Type.String(),
      what: Type.String({ description: 'recipient, reveal:<field>, export, case, case_file …' }),
      reason: Nullable(Type.String()),
    }),
    { description: 'Who at the agency opened this person’s data (the audit trail and case views).' },
  ),
})

export const ExportQuery = Type.Object(
  {
    reason: Type.String({ minLength: 4, maxLength: 200 }),
    requestId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)

export const RequestList = Type.Object({
  items: Type.Array(RightsRequest),
  can: Type.Object({
    erase: Type.Boolean({ description: 'The caller may decide deletion requests (a supervisor).' }),
  }),
})
