import { serviceRecordStatuses } from '@liandong/db'
import { Type } from 'typebox'
import { IsoDate, Nullable, PageQuery, StringEnum, Uuid } from '../../http/schemas.ts'

export const RecordParams = Type.Object({ id: Uuid })
export const OrgParams = Type.Object({ id: Uuid })

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD (Asia/Shanghai)' })

export const ServiceRecord = Type.Object(
  {
    id: Uuid,
    userId: Uuid,
    orgId: Uuid,
    opportunityId: Nullable(Uuid),
    shiftId: Nullable(Uuid),
    attendanceId: Nullable(Uuid),
    source: StringEnum(['attendance', 'self_report'] as const),
    activityName: Type.String(),
    serviceDate: Type.String(),
    place: Type.String(),
    recipientGroup: Type.String(),
    content: Type.String(),
    minutes: Type.Integer(),
    evaluation: Nullable(Type.String()),
    activityLead: Nullable(Type.String()),
    recorderId: Nullable(Uuid),
    recorderName: Nullable(Type.String()),
    evidence: Nullable(Type.String()),
    // A text column: the enum is documented and checked on the way out, the static type stays string.
    status: Type.Unsafe<string>({ type: 'string', enum: [...serviceRecordStatuses] }),
    reviewedBy: Nullable(Uuid),
    reviewedAt: Nullable(IsoDate),
    reviewNote: Nullable(Type.String()),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  },
  { $id: 'ServiceRecord' },
)

export const ServiceRecordListed = Type.Intersect([
  ServiceRecord,
  Type.Object({
    volunteerName: Type.String(),
    autoClosed: Type.Boolean({
      description: 'Flag: nobody checked out; the sweep closed it at the shift end.',
    }),
  }),
])

export const HistoryEntry = Type.Object({
  id: Uuid,
  recordId: Uuid,
  actorId: Nullable(Uuid),
  action: Type.String(),
  before: Nullable(Type.Record(Type.String(), Type.Unknown())),
  after: Nullable(Type.Record(Type.String(), Type.Unknown())),
  reason: Nullable(Type.String()),
  at: IsoDate,
})

export const RecordWithHistory = Type.Object({ record: ServiceRecord, history: Type.Array(HistoryEntry) })

export const RecordListQuery = Type.Object({
  status: Type.Optional(StringEnum(serviceRecordStatuses)),
  ...PageQuery,
})

export const SelfReportInput = Type.Object(
  {
    orgId: Uuid,
    activityName: Type.String({ minLength: 2, maxLength: 200 }),
    serviceDate: Day,
    place: Type.String({ minLength: 2, maxLength: 200 }),
    recipientGroup: Type.String({ minLength: 1, maxLength: 100 }),
    content: Type.String({ minLength: 2, maxLength: 2000 }),
    minutes: Type.Integer({ minimum: 1, maximum: 1440 }),
    evidence: Type.String({ minLength: 2, maxLength: 2000, description: 'A note or a link to a file.' }),
  },
  { additionalProperties: false },
)

export const ReviewInput = Type.Object(
  {
    decision: StringEnum(['approve', 'reject'] as const),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)

export const BulkApproveInput = Type.Object(
  { ids: Type.Array(Uuid, { minItems: 1, maxItems: 200 }) },
  { additionalProperties: false },
)
export const BulkApproveResult = Type.Object({ approved: Type.Array(Uuid), skipped: Type.Array(Uuid) })

const editable = {
  activityName: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
  serviceDate: Type.Optional(Day),
  place: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
  recipientGroup: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  content: Type.Optional(Type.String({ minLength: 2, maxLength: 2000 })),
  evaluation: Type.Optional(Type.String({ maxLength: 1000 })),
  activityLead: Type.Optional(Type.String({ maxLength: 100 })),
}

export const PendingPatch = Type.Object(
  { ...editable, reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false, minProperties: 1 },
)

export const CorrectionInput = Type.Object(
  {
    reason: Type.String({ minLength: 2, maxLength: 500 }),
    changes: Type.Object(
      { ...editable, minutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
)

export const Correction = Type.Object(
  {
    id: Uuid,
    recordId: Uuid,
    requestedBy: Uuid,
    reason: Type.String(),
    changes: Type.Record(Type.String(), Type.Unknown()),
    status: StringEnum(['pending', 'approved', 'rejected'] as const),
    reviewedBy: Nullable(Uuid),
    reviewedAt: Nullable(IsoDate),
    reviewNote: Nullable(Type.String()),
    createdAt: IsoDate,
  },
  { $id: 'ServiceRecordCorrection' },
)

export const CorrectionListQuery = Type.Object({
  status: Type.Optional(StringEnum(['pending', 'approved', 'rejected'] as const, { default: 'pending' })),
})
