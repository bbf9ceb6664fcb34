import { schema } from '@liandong/db'
import { Type } from 'typebox'
import { IsoDate, Nullable, PageQuery, StringEnum, Uuid } from '../../http/schemas.ts'

/** Longest loan a keeper may grant, in days from today. */
export const MAX_BORROW_DAYS = 30

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD (Beijing time)' })
const RecordType = StringEnum(schema.archiveRecordTypes)
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' })

export const ArchiveParams = Type.Object({ id: Uuid })
export const ArchiveBorrowingParams = Type.Object({ id: Uuid, borrowingId: Uuid })
export const ArchiveDestructionParams = Type.Object({ id: Uuid, destructionId: Uuid })

export const ArchiveListQuery = Type.Object({
  type: Type.Optional(RecordType),
  status: Type.Optional(StringEnum(schema.archiveStatuses)),
  /** Archived files whose retention has ended. */
  due: Type.Optional(Type.Boolean()),
  /** Files out on loan now. */
  borrowed: Type.Optional(Type.Boolean()),
  /** outgoing: this agency asked to transfer; incoming: another agency asks this one to take it. */
  transfer: Type.Optional(StringEnum(['outgoing', 'incoming'] as const)),
  /** A part of an archive, case, recipient or tracking code. */
  q: Type.Optional(Type.String({ maxLength: 40 })),
  ...PageQuery,
})

export const ArchiveSummary = Type.Object({
  id: Uuid,
  orgId: Uuid,
  code: Type.String(),
  title: Type.String(),
  recordType: RecordType,
  status: StringEnum(schema.archiveStatuses),
  closedAt: IsoDate,
  archivedAt: IsoDate,
  retentionYears: Type.Integer(),
  retainUntil: Type.String(),
  due: Type.Boolean(),
  destroyedAt: Nullable(IsoDate),
  borrowedOut: Type.Boolean(),
  pendingBorrowings: Type.Integer(),
  destructionPending: Type.Boolean(),
  transferToOrgId: Nullable(Uuid),
  transferToOrgName: Nullable(Type.String()),
  orgName: Type.String(),
})

export const ArchiveCounts = Type.Object({
  archived: Type.Integer(),
  destroyed: Type.Integer(),
  due: Type.Integer(),
  borrowed: Type.Integer(),
  outgoing: Type.Integer(),
  incoming: Type.Integer(),
})

export const ArchivePage = Type.Object({
  items: Type.Array(ArchiveSummary),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  counts: ArchiveCounts,
})

const Person = Nullable(Type.String())

export const ArchiveEvent = Type.Object({
  id: Uuid,
  at: IsoDate,
  kind: Type.String(),
  actorName: Person,
  details: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()])),
})

export const Borrowing = Type.Object({
  id: Uuid,
  archiveId: Uuid,
  archiveCode: Type.String(),
  archiveTitle: Type.String(),
  recordType: RecordType,
  subjectId: Uuid,
  requesterId: Uuid,
  requesterName: Type.String(),
  purpose: Type.String(),
  dueOn: Type.String(),
  status: StringEnum(schema.archiveBorrowingStatuses),
  overdue: Type.Boolean(),
  /** The borrower may read the filed case now. */
  readable: Type.Boolean(),
  requestedAt: IsoDate,
  decidedByName: Person,
  decidedAt: Nullable(IsoDate),
  decisionNote: Nullable(Type.String()),
  returnedAt: Nullable(IsoDate),
})

export const Destruction = Type.Object({
  id: Uuid,
  status: StringEnum(schema.archiveDestructionStatuses),
  reason: Type.String(),
  requestedById: Uuid,
  requestedByName: Type.String(),
  requestedAt: IsoDate,
  firstApproverId: Nullable(Uuid),
  firstApproverName: Person,
  firstApprovedAt: Nullable(IsoDate),
  secondApproverId: Nullable(Uuid),
  secondApproverName: Person,
  secondApprovedAt: Nullable(IsoDate),
  rejectedByName: Person,
  rejectedAt: Nullable(IsoDate),
  note: Nullable(Type.String()),
  purged: Nullable(Type.Record(Type.String(), Type.Integer())),
})

export const ArchiveDetail = Type.Object({
  ...ArchiveSummary.properties,
  subjectId: Uuid,
  archivedByName: Person,
  transferReason: Nullable(Type.String()),
  transferRequestedByName: Person,
  transferRequestedAt: Nullable(IsoDate),
  /** Where the filed record can be opened by the caller, if they may read it. */
  recordLink: Nullable(Type.String()),
  events: Type.Array(ArchiveEvent),
  borrowings: Type.Array(Borrowing),
  destructions: Type.Array(Destruction),
  /** What the caller may do here. */
  can: Type.Object({
    manage: Type.Boolean(),
    borrow: Type.Boolean(),
    answerTransfer: Type.Boolean(),
  }),
})

export const BorrowInput = Type.Object({ purpose: Text(500), dueOn: Day }, { additionalProperties: false })
export const DecisionInput = Type.Object(
  {
    decision: StringEnum(['approve', 'reject'] as const),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)
export const ReasonInput = Type.Object({ reason: Text(500) }, { additionalProperties: false })
export const RejectInput = Type.Object({ note: Text(500) }, { additionalProperties: false })
export const TransferInput = Type.Object(
  { toOrgId: Uuid, reason: Text(500) },
  { additionalProperties: false },
)
export const TransferAnswer = Type.Object(
  {
    answer: StringEnum(['accept', 'decline'] as const),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)

export const RetentionRow = Type.Object({
  recordType: RecordType,
  years: Type.Integer(),
  isDefault: Type.Boolean(),
  default: Type.Integer(),
})
export const RetentionInput = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        { recordType: RecordType, years: Type.Integer({ minimum: 1, maximum: 100 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 3 },
    ),
  },
  { additionalProperties: false },
)

export const FindQuery = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) })
export const Agency = Type.Object({ id: Uuid, name: Type.String() })
