import { schema } from '@liandong/db'

const { complaintCategories, complaintKinds, complaintStatuses } = schema

import { Type } from 'typebox'
import { IsoDate, Nullable, PageQuery, StringEnum, Uuid } from '../../http/schemas.ts'

export const ComplaintKind = StringEnum(complaintKinds)
export const ComplaintCategory = StringEnum(complaintCategories)
export const ComplaintStatus = StringEnum(complaintStatuses)
/** TS- and eight characters of Crockford's base32. */
export const TrackingCode = Type.String({ pattern: '^TS-[0-9A-HJKMNP-TV-Z]{8}$' })
const Secret = Type.String({ minLength: 20, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })

export const Challenge = Type.Object({
  challenge: Type.String(),
  bits: Type.Integer(),
  expiresAt: IsoDate,
})

export const PublicOrg = Type.Object({ id: Uuid, name: Type.String(), kind: Type.String() })

export const ComplaintInput = Type.Object(
  {
    orgId: Uuid,
    kind: ComplaintKind,
    category: ComplaintCategory,
    subject: Type.String({ minLength: 2, maxLength: 120 }),
    body: Type.String({ minLength: 5, maxLength: 5000 }),
    // How to reach the complainant (optional; sealed at rest, shown to the desk only).
    contact: Type.Optional(Type.String({ maxLength: 120 })),
    // Honeypot: a field people never see; bots that fill every field are refused.
    website: Type.Optional(Type.String({ maxLength: 200 })),
    challenge: Type.String({ maxLength: 200 }),
    nonce: Type.String({ maxLength: 12 }),
  },
  { additionalProperties: false },
)

export const Submitted = Type.Object({
  trackingCode: TrackingCode,
  /** Shown once: the tracking link carries it after `#`, so it never reaches a server log. */
  secret: Type.String(),
  dueAt: IsoDate,
})

export const TrackInput = Type.Object({ code: TrackingCode, secret: Secret }, { additionalProperties: false })
export const RateInput = Type.Object(
  {
    code: TrackingCode,
    secret: Secret,
    satisfaction: Type.Integer({ minimum: 1, maximum: 5 }),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
)
export const MineRateInput = Type.Object(
  {
    satisfaction: Type.Integer({ minimum: 1, maximum: 5 }),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
)

const EventKind = StringEnum(['submitted', 'assigned', 'answered', 'escalated', 'rated', 'closed'])

/** What the complainant sees: no staff names, no internal notes. */
export const PublicComplaint = Type.Object({
  trackingCode: Type.String(),
  orgName: Type.String(),
  kind: ComplaintKind,
  category: ComplaintCategory,
  subject: Type.String(),
  body: Type.String(),
  status: ComplaintStatus,
  submittedAt: IsoDate,
  dueAt: IsoDate,
  answer: Nullable(Type.String()),
  answeredAt: Nullable(IsoDate),
  satisfaction: Nullable(Type.Integer()),
  satisfactionNote: Nullable(Type.String()),
  closedAt: Nullable(IsoDate),
  timeline: Type.Array(Type.Object({ kind: EventKind, at: IsoDate })),
})

export const StaffComplaint = Type.Object({
  id: Uuid,
  orgId: Uuid,
  orgName: Type.String(),
  trackingCode: Type.String(),
  kind: ComplaintKind,
  category: ComplaintCategory,
  channel: StringEnum(['account', 'public_form']),
  subject: Type.String(),
  body: Type.String(),
  status: ComplaintStatus,
  hasContact: Type.Boolean(),
  assigneeId: Nullable(Uuid),
  assigneeName: Nullable(Type.String()),
  assignedAt: Nullable(IsoDate),
  dueAt: IsoDate,
  overdue: Type.Boolean(),
  escalatedAt: Nullable(IsoDate),
  answer: Nullable(Type.String()),
  answeredAt: Nullable(IsoDate),
  satisfaction: Nullable(Type.Integer()),
  satisfactionNote: Nullable(Type.String()),
  closedAt: Nullable(IsoDate),
  closeNote: Nullable(Type.String()),
  createdAt: IsoDate,
})

export const StaffComplaintDetail = Type.Object({
  ...StaffComplaint.properties,
  events: Type.Array(
    Type.Object({
      kind: EventKind,
      at: IsoDate,
      actorName: Nullable(Type.String()),
      note: Nullable(Type.String()),
    }),
  ),
})

export const DeskQuery = Type.Object(
  {
    orgId: Type.Optional(Uuid),
    status: Type.Optional(ComplaintStatus),
    overdue: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
)

export const ComplaintParams = Type.Object({ id: Uuid })
export const CodeParams = Type.Object({ code: TrackingCode })
export const AssignInput = Type.Object({ assigneeId: Uuid }, { additionalProperties: false })
export const AnswerInput = Type.Object(
  { answer: Type.String({ minLength: 5, maxLength: 5000 }) },
  { additionalProperties: false },
)
export const CloseInput = Type.Object(
  { note: Type.String({ minLength: 2, maxLength: 1000 }) },
  { additionalProperties: false },
)
export const Contact = Type.Object({ contact: Nullable(Type.String()) })

export const CalendarDay = Type.Object({
  day: Type.String({ format: 'date' }),
  kind: StringEnum(['holiday', 'workday']),
  name: Type.String(),
})
export const CalendarQuery = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) })
export const DayParams = Type.Object({ day: Type.String({ format: 'date' }) })
export const CalendarDayInput = Type.Object(
  { kind: StringEnum(['holiday', 'workday']), name: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
)
