import { schema } from '@liandong/db'

const { qualificationLevels, qualificationTypes, supervisionFormats, supervisionKinds } = schema

import { Type } from 'typebox'
import { IsoDate, Nullable, StringEnum, Uuid } from '../../http/schemas.ts'

export const SupervisionKind = StringEnum(supervisionKinds)
export const SupervisionFormat = StringEnum(supervisionFormats)
export const QualificationType = StringEnum(qualificationTypes)
export const QualificationLevel = StringEnum(qualificationLevels)
const Day = Type.String({ format: 'date' })

export const RecordInput = Type.Object(
  {
    workerId: Uuid,
    kind: SupervisionKind,
    format: SupervisionFormat,
    heldOn: Day,
    minutes: Type.Integer({ minimum: 5, maximum: 600 }),
    topics: Type.String({ minLength: 2, maxLength: 500 }),
    notes: Type.String({ maxLength: 10_000 }),
    agreedActions: Type.String({ maxLength: 2000 }),
    nextOn: Type.Optional(Nullable(Day)),
  },
  { additionalProperties: false },
)

export const SupervisionRecord = Type.Object({
  id: Uuid,
  orgId: Uuid,
  orgName: Type.String(),
  workerId: Uuid,
  workerName: Type.String(),
  supervisorId: Uuid,
  supervisorName: Type.String(),
  kind: SupervisionKind,
  format: SupervisionFormat,
  heldOn: Type.String(),
  minutes: Type.Integer(),
  topics: Type.String(),
  notes: Type.String(),
  agreedActions: Type.String(),
  nextOn: Nullable(Type.String()),
  acknowledgedAt: Nullable(IsoDate),
  createdAt: IsoDate,
})

export const QualificationInput = Type.Object(
  {
    userId: Uuid,
    type: QualificationType,
    level: Type.Optional(Nullable(QualificationLevel)),
    number: Type.String({ minLength: 2, maxLength: 60 }),
    issuer: Type.String({ minLength: 2, maxLength: 120 }),
    issuedOn: Type.Optional(Nullable(Day)),
    expiresOn: Type.Optional(Nullable(Day)),
  },
  { additionalProperties: false },
)
export const QualificationPatch = Type.Partial(Type.Omit(QualificationInput, ['userId']), {
  additionalProperties: false,
})

export const QualificationState = StringEnum(['valid', 'expiring', 'expired', 'no_expiry'])
export const Qualification = Type.Object({
  id: Uuid,
  orgId: Uuid,
  orgName: Type.String(),
  userId: Uuid,
  type: QualificationType,
  level: Nullable(QualificationLevel),
  number: Type.String(),
  issuer: Type.String(),
  issuedOn: Nullable(Type.String()),
  expiresOn: Nullable(Type.String()),
  state: QualificationState,
  verifiedAt: Nullable(IsoDate),
})

export const Worker = Type.Object({
  userId: Uuid,
  name: Type.String(),
  role: Type.String(),
  /** Holds at least one §5.1.1 qualification that has not expired. */
  qualified: Type.Boolean(),
  qualifications: Type.Array(Qualification),
  lastSupervisedOn: Nullable(Type.String()),
  supervisionCount: Type.Integer(),
})

export const Mine = Type.Object({
  records: Type.Array(SupervisionRecord),
  qualifications: Type.Array(Qualification),
})

export const RecordsQuery = Type.Object({ workerId: Type.Optional(Uuid) }, { additionalProperties: false })
export const IdParams = Type.Object({ id: Uuid })
