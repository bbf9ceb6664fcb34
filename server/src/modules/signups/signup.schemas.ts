import { signupStatuses } from '@liandong/db'
import { Type } from 'typebox'
import { IsoDate, Nullable, PageQuery, Uuid } from '../../http/schemas.ts'

export const ShiftParams = Type.Object({ id: Uuid })
export const SignupParams = Type.Object({ id: Uuid })

export const Signup = Type.Object(
  {
    id: Uuid,
    shiftId: Uuid,
    userId: Uuid,
    // A text column: the enum is documented and checked on the way out, the static type stays string.
    status: Type.Unsafe<string>({ type: 'string', enum: [...signupStatuses] }),
    headCount: Type.Integer(),
    teamName: Nullable(Type.String()),
    offerExpiresAt: Nullable(IsoDate),
    cancelledAt: Nullable(IsoDate),
    cancelReason: Nullable(Type.String()),
    lateCancel: Type.Boolean(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  },
  { $id: 'Signup' },
)

export const SignupInput = Type.Object(
  {
    headCount: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 200, description: 'Team sign-up: places taken.' }),
    ),
    teamName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    insuranceAcknowledged: Type.Optional(
      Type.Boolean({
        description: 'The volunteer has read the accident-insurance notice (志愿服务条例 §17).',
      }),
    ),
  },
  { additionalProperties: false },
)

export const ReasonInput = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
)

export const MySignup = Type.Intersect([
  Signup,
  Type.Object({
    startsAt: IsoDate,
    endsAt: IsoDate,
    opportunityId: Uuid,
    opportunityTitle: Type.String(),
    address: Type.String(),
  }),
])

export const MySignupsQuery = Type.Object({ ...PageQuery })

export const RosterEntry = Type.Intersect([
  Signup,
  Type.Object({
    name: Type.String(),
    volunteerNumber: Nullable(Type.String()),
    checkInAt: Nullable(IsoDate),
    checkOutAt: Nullable(IsoDate),
  }),
])

export const Roster = Type.Object({
  shiftId: Uuid,
  capacity: Type.Integer(),
  confirmedCount: Type.Integer({ description: 'Places held: confirmed sign-ups and open offers.' }),
  items: Type.Array(RosterEntry),
})
