import { needCategories } from '@liandong/db'
import { Type } from 'typebox'
import { IsoDate, IsoDateInput, Nullable, PageQuery, StringEnum, Uuid } from '../../http/schemas.ts'
import { Skill } from '../volunteers/volunteer.schemas.ts'

const Text = (max: number) => Type.String({ maxLength: max })
export const OpportunityStatus = StringEnum(['draft', 'published', 'closed'])

const ShiftInput = Type.Object(
  {
    startsAt: IsoDateInput,
    endsAt: IsoDateInput,
    capacity: Type.Integer({ minimum: 1, maximum: 10_000 }),
    leadUserId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)

const Recurrence = Type.Object(
  {
    rrule: Type.String({
      maxLength: 300,
      description:
        'RRULE value: FREQ=DAILY|WEEKLY with INTERVAL, BYDAY, COUNT or UNTIL (e.g. FREQ=WEEKLY;BYDAY=SA).',
    }),
    firstStartsAt: IsoDateInput,
    firstEndsAt: IsoDateInput,
    capacity: Type.Integer({ minimum: 1, maximum: 10_000 }),
  },
  {
    additionalProperties: false,
    description: 'Shifts are materialised for the next 90 days, and kept 90 days ahead.',
  },
)

const opportunityFields = {
  title: Type.String({ minLength: 2, maxLength: 120 }),
  description: Type.Optional(Text(5000)),
  needCategory: StringEnum(needCategories),
  recipientGroup: Type.Optional(Text(100)),
  skills: Type.Optional(Type.Array(Skill, { maxItems: 20, uniqueItems: true })),
  requiredCourseIds: Type.Optional(Type.Array(Uuid, { maxItems: 10, uniqueItems: true })),
  minAge: Type.Optional(Type.Integer({ minimum: 14, maximum: 100 })),
  insuranceRequired: Type.Optional(Type.Boolean()),
  districtCode: Type.String({ pattern: '^[0-9]{6}$' }),
  address: Type.String({ minLength: 2, maxLength: 200 }),
  latitude: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
  longitude: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
  contactName: Type.Optional(Nullable(Text(60))),
  contactPhone: Type.Optional(Nullable(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' }))),
  waitlistEnabled: Type.Optional(Type.Boolean()),
  approvalRequired: Type.Optional(Type.Boolean()),
  cancelCutoffHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 720 })),
}

export const OpportunityInput = Type.Object(
  {
    ...opportunityFields,
    shifts: Type.Optional(Type.Array(ShiftInput, { maxItems: 100, description: 'One-off shifts.' })),
    recurrence: Type.Optional(Recurrence),
  },
  { additionalProperties: false },
)
export const OpportunityPatch = Type.Partial(Type.Object(opportunityFields), { additionalProperties: false })

export const Shift = Type.Object({
  id: Uuid,
  opportunityId: Uuid,
  startsAt: IsoDate,
  endsAt: IsoDate,
  recurrenceId: Nullable(IsoDate),
  capacity: Type.Integer(),
  confirmedCount: Type.Integer(),
  spotsLeft: Type.Integer(),
  status: StringEnum(['scheduled', 'cancelled']),
  leadUserId: Nullable(Uuid),
})

export const Opportunity = Type.Object(
  {
    id: Uuid,
    orgId: Uuid,
    orgName: Type.String(),
    title: Type.String(),
    description: Type.String(),
    needCategory: Type.String(),
    recipientGroup: Type.String(),
    skills: Type.Array(Type.String()),
    requiredCourseIds: Type.Array(Uuid),
    minAge: Type.Integer(),
    insuranceRequired: Type.Boolean(),
    districtCode: Type.String(),
    address: Type.String(),
    latitude: Nullable(Type.Number()),
    longitude: Nullable(Type.Number()),
    contactName: Nullable(Type.String()),
    contactPhone: Nullable(Type.String()),
    status: OpportunityStatus,
    waitlistEnabled: Type.Boolean(),
    approvalRequired: Type.Boolean(),
    cancelCutoffHours: Type.Integer(),
    rrule: Nullable(
      Type.String({ description: 'DTSTART and RRULE lines (Asia/Shanghai) for a recurring series.' }),
    ),
    shifts: Type.Array(Shift),
    rating: Type.Optional(
      Type.Object(
        { average: Nullable(Type.Number()), count: Type.Integer() },
        { description: "Volunteers' average score (1–5) and how many rated; on the detail only." },
      ),
    ),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  },
  { $id: 'Opportunity' },
)

export const OpportunitySummary = Type.Object({
  id: Uuid,
  orgId: Uuid,
  title: Type.String(),
  needCategory: Type.String(),
  districtCode: Type.String(),
  status: OpportunityStatus,
  rrule: Nullable(Type.String()),
  updatedAt: IsoDate,
})

export const OpportunityParams = Type.Object({ id: Uuid })
export const ShiftParams = Type.Object({ id: Uuid })
export const OpportunityQuery = Type.Object(
  {
    from: Type.Optional(IsoDateInput),
    to: Type.Optional(IsoDateInput),
  },
  { additionalProperties: false, description: 'Shifts shown: from 30 days ago to 90 days ahead by default.' },
)
export const OrgOpportunityQuery = Type.Object(
  { status: Type.Optional(OpportunityStatus), ...PageQuery },
  { additionalProperties: false },
)
export const StatusChange = Type.Object({ status: OpportunityStatus }, { additionalProperties: false })
export const NewShift = ShiftInput
export const ShiftPatch = Type.Object(
  {
    scope: StringEnum(['this', 'following'], {
      description: 'this: only this shift; following: this and every later shift of its series.',
    }),
    startsAt: Type.Optional(IsoDateInput),
    endsAt: Type.Optional(IsoDateInput),
    capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    status: Type.Optional(StringEnum(['scheduled', 'cancelled'])),
    leadUserId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
)
