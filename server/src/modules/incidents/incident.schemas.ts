import { schema } from '@liandong/db'

const { incidentSeverities, incidentStatuses, incidentTypes } = schema

import { Type } from 'typebox'
import { IsoDate, IsoDateInput, Nullable, PageQuery, StringEnum, Uuid } from '../../http/schemas.ts'

export const IncidentType = StringEnum(incidentTypes)
export const IncidentSeverity = StringEnum(incidentSeverities)
export const IncidentStatus = StringEnum(incidentStatuses)
const PersonRole = StringEnum(['recipient', 'volunteer', 'staff', 'public', 'other'])
const LogKind = StringEnum(['action', 'contact', 'escalation', 'note'])

export const PersonInput = Type.Object(
  {
    role: PersonRole,
    // A recipient only by id (never a name); staff by account.
    recipientId: Type.Optional(Uuid),
    userId: Type.Optional(Uuid),
    note: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
)

export const IncidentInput = Type.Object(
  {
    orgId: Uuid,
    type: IncidentType,
    severity: IncidentSeverity,
    occurredAt: IsoDateInput,
    place: Type.String({ minLength: 2, maxLength: 200 }),
    summary: Type.String({ minLength: 5, maxLength: 5000 }),
    people: Type.Array(PersonInput, { maxItems: 50 }),
  },
  { additionalProperties: false },
)

export const Person = Type.Object({
  id: Uuid,
  role: PersonRole,
  recipientId: Nullable(Uuid),
  /** The recipient's mask (王**) and file number, never the name. */
  recipientMask: Nullable(Type.String()),
  recipientCode: Nullable(Type.String()),
  userId: Nullable(Uuid),
  userName: Nullable(Type.String()),
  note: Nullable(Type.String()),
})

export const Incident = Type.Object({
  id: Uuid,
  orgId: Uuid,
  type: IncidentType,
  severity: IncidentSeverity,
  occurredAt: IsoDate,
  place: Type.String(),
  summary: Type.String(),
  status: IncidentStatus,
  reportedBy: Uuid,
  reporterName: Type.String(),
  reviewSummary: Nullable(Type.String()),
  reviewCauses: Nullable(Type.String()),
  reviewLessons: Nullable(Type.String()),
  closedAt: Nullable(IsoDate),
  createdAt: IsoDate,
})

export const LogEntry = Type.Object({
  id: Uuid,
  kind: LogKind,
  body: Type.String(),
  actorName: Type.String(),
  at: IsoDate,
})

export const IncidentDetail = Type.Object({
  ...Incident.properties,
  people: Type.Array(Person),
  log: Type.Array(LogEntry),
})

export const IncidentQuery = Type.Object(
  { orgId: Type.Optional(Uuid), status: Type.Optional(IncidentStatus), ...PageQuery },
  { additionalProperties: false },
)
export const IncidentParams = Type.Object({ id: Uuid })
export const LogInput = Type.Object(
  { kind: LogKind, body: Type.String({ minLength: 2, maxLength: 2000 }) },
  { additionalProperties: false },
)
export const CloseReview = Type.Object(
  {
    reviewSummary: Type.String({ minLength: 5, maxLength: 5000 }),
    reviewCauses: Type.String({ minLength: 2, maxLength: 5000 }),
    reviewLessons: Type.String({ minLength: 2, maxLength: 5000 }),
  },
  { additionalProperties: false },
)

export const Attachment = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    mediaType: Type.String({ pattern: '^[a-z]+/[a-zA-Z0-9.+-]+$', maxLength: 100 }),
    size: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
  },
  { additionalProperties: false },
)

export const PlanInput = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 120 }),
    incidentTypes: Type.Array(IncidentType, { maxItems: 11, uniqueItems: true }),
    body: Type.String({ minLength: 10, maxLength: 50_000 }),
    attachments: Type.Array(Attachment, { maxItems: 20 }),
    reviewedOn: Type.Optional(Nullable(Type.String({ format: 'date' }))),
  },
  { additionalProperties: false },
)
export const PlanPatch = Type.Partial(PlanInput, { additionalProperties: false })

export const Plan = Type.Object({
  id: Uuid,
  orgId: Uuid,
  title: Type.String(),
  incidentTypes: Type.Array(IncidentType),
  body: Type.String(),
  attachments: Type.Array(Attachment),
  version: Type.Integer(),
  reviewedOn: Nullable(Type.String()),
  updatedAt: IsoDate,
})
export const PlanParams = Type.Object({ id: Uuid })

export const DrillInput = Type.Object(
  {
    planId: Type.Optional(Uuid),
    heldOn: Type.String({ format: 'date' }),
    scenario: Type.String({ minLength: 5, maxLength: 2000 }),
    participantCount: Type.Integer({ minimum: 1, maximum: 10_000 }),
    participants: Type.String({ maxLength: 2000 }),
    lessons: Type.String({ minLength: 2, maxLength: 5000 }),
  },
  { additionalProperties: false },
)
export const Drill = Type.Object({
  id: Uuid,
  orgId: Uuid,
  planId: Nullable(Uuid),
  heldOn: Type.String(),
  scenario: Type.String(),
  participantCount: Type.Integer(),
  participants: Type.String(),
  lessons: Type.String(),
  createdAt: IsoDate,
})
