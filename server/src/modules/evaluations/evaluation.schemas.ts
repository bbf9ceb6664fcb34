import { Type } from 'typebox'
import { IsoDate, Nullable, PageQuery, StringEnum, Uuid } from '../../http/schemas.ts'

export const ShiftParams = Type.Object({ id: Uuid })
export const ShiftVolunteerParams = Type.Object({ id: Uuid, userId: Uuid })
export const OpportunityParams = Type.Object({ id: Uuid })
export const OrgVolunteerParams = Type.Object({ id: Uuid, userId: Uuid })

export const RatingInput = Type.Object(
  {
    score: Type.Integer({ minimum: 1, maximum: 5 }),
    comment: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
)

export const Rating = Type.Object(
  {
    average: Nullable(Type.Number({ description: 'Mean score (1–5) to one decimal; null while unrated.' })),
    count: Type.Integer(),
  },
  { $id: 'Rating' },
)

export const Evaluation = Type.Object(
  {
    id: Uuid,
    shiftId: Uuid,
    opportunityId: Uuid,
    orgId: Uuid,
    volunteerId: Uuid,
    direction: StringEnum(['of_volunteer', 'of_opportunity'] as const),
    score: Type.Integer(),
    comment: Nullable(Type.String()),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  },
  { $id: 'ShiftEvaluation' },
)

export const ShiftEvaluations = Type.Object({
  items: Type.Array(Type.Intersect([Evaluation, Type.Object({ volunteerName: Type.String() })])),
})

export const OpportunityFeedback = Type.Object({
  rating: Rating,
  items: Type.Array(Type.Intersect([Evaluation, Type.Object({ startsAt: IsoDate })])),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
})
export const FeedbackQuery = Type.Object(PageQuery, { additionalProperties: false })

export const VolunteerEvaluations = Type.Object({
  rating: Rating,
  items: Type.Array(
    Type.Intersect([Evaluation, Type.Object({ opportunityTitle: Type.String(), startsAt: IsoDate })]),
  ),
})

/** A shift the volunteer came to, with their rating of the opportunity once given. */
export const AttendedShift = Type.Object({
  shiftId: Uuid,
  opportunityId: Uuid,
  opportunityTitle: Type.String(),
  startsAt: IsoDate,
  endsAt: IsoDate,
  canRate: Type.Boolean({ description: 'True once the volunteer checked out or the shift ended.' }),
  score: Nullable(Type.Integer()),
  comment: Nullable(Type.String()),
  ratedAt: Nullable(IsoDate),
})
