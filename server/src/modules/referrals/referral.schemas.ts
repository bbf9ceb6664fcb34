import { needCategories, referralDeclineReasons, referralStatuses } from '@liandong/db'
import { Type } from 'typebox'
import { IsoDate, Nullable, PageQuery, StringEnum, Uuid } from '../../http/schemas.ts'
import { referralActions } from './referral.lifecycle.ts'
import { shareableFields } from './referral.shared.ts'

export const ReferralStatusSchema = StringEnum(referralStatuses)
export const DeclineReason = StringEnum(referralDeclineReasons)
export const ShareableField = StringEnum(shareableFields)

const Note = Type.String({ maxLength: 2000 })
const OrgRef = Type.Object({ id: Uuid, name: Type.String() })

/**
 * One referral as the caller's side may see it. The receiving organization gets the need's
 * de-identified view only (summary, categories, urgency, age band, district); the need's title,
 * the recipient's file number and masked name and an override reason are the sending side's.
 */
export const Referral = Type.Object(
  {
    id: Uuid,
    status: ReferralStatusSchema,
    side: StringEnum(['sender', 'receiver', 'both'], { description: 'Which side the caller is on.' }),
    need: Type.Object({
      id: Uuid,
      publicSummary: Type.String(),
      categories: Type.Array(Type.String()),
      urgency: Type.String(),
      ageBand: Type.String(),
      districtCode: Type.String(),
      status: Type.String(),
      title: Nullable(Type.String({ description: 'Sending side only.' })),
      recipient: Nullable(
        Type.Object(
          { code: Type.String(), nameMasked: Type.String() },
          { description: 'Sending side only.' },
        ),
      ),
    }),
    resource: Type.Object({
      id: Uuid,
      name: Type.String(),
      capacityAvailable: Type.Integer(),
      capacityUnit: Type.String(),
    }),
    fromOrg: OrgRef,
    toOrg: OrgRef,
    quantity: Type.Integer(),
    note: Type.String(),
    consent: StringEnum(['given', 'overridden', 'none'], {
      description: 'How sharing was allowed: a recorded consent, a supervisor override, or not yet sent.',
    }),
    consentOverrideReason: Nullable(Type.String({ description: 'Sending side only.' })),
    sentAt: Nullable(IsoDate),
    respondBy: Nullable(IsoDate),
    overdue: Type.Boolean({ description: 'Sent and past its answer time.' }),
    respondedAt: Nullable(IsoDate),
    closedAt: Nullable(IsoDate),
    declineReason: Nullable(DeclineReason),
    declineNote: Nullable(Type.String()),
    outcome: Nullable(Type.String()),
    outcomeNote: Nullable(Type.String()),
    nextReferralId: Nullable(Uuid),
    createdByName: Nullable(Type.String()),
    actions: Type.Array(StringEnum(referralActions), {
      description: 'What the caller may do now (the lifecycle table).',
    }),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  },
  { $id: 'Referral' },
)

export const ReferralDetail = Type.Object(
  {
    ...Referral.properties,
    sharedFields: Type.Array(ShareableField, {
      description: 'Which personal fields travel with the referral (their values: GET …/shared).',
    }),
    previousReferralId: Nullable(Uuid),
  },
  { $id: 'ReferralDetail' },
)

export const TimelineEvent = Type.Object({
  id: Uuid,
  kind: Type.String({
    description:
      'create, send, send_override, accept, decline, start, hold, resolve, unresolve, cancel, expire, refer_elsewhere, previous, comment',
  }),
  fromStatus: Nullable(ReferralStatusSchema),
  toStatus: Nullable(ReferralStatusSchema),
  note: Nullable(Type.String()),
  actorName: Nullable(Type.String({ description: 'Null for steps the system took (expiry).' })),
  actorOrg: Nullable(OrgRef),
  data: Type.Record(Type.String(), Type.Unknown()),
  at: IsoDate,
})
export const Timeline = Type.Object({ items: Type.Array(TimelineEvent) })

export const SharedFieldsResponse = Type.Object({
  referralId: Uuid,
  fields: Type.Object(Object.fromEntries(shareableFields.map((f) => [f, Type.Optional(Type.String())]))),
})

export const ReferralParams = Type.Object({ id: Uuid })

export const ReferralQuery = Type.Object(
  {
    side: StringEnum(['sent', 'received'], {
      description: 'sent: the outbox of the caller’s organizations; received: their inbox.',
    }),
    orgId: Type.Optional(Uuid),
    status: Type.Optional(Type.Array(ReferralStatusSchema, { maxItems: 11 })),
    needId: Type.Optional(Uuid),
    resourceId: Type.Optional(Uuid),
    urgency: Type.Optional(StringEnum(['low', 'normal', 'high', 'urgent'])),
    category: Type.Optional(StringEnum(needCategories)),
    overdue: Type.Optional(Type.Boolean({ description: 'Only sent referrals past their answer time.' })),
    ...PageQuery,
  },
  { additionalProperties: false },
)

export const CreateReferral = Type.Object(
  {
    needId: Uuid,
    resourceId: Uuid,
    note: Type.Optional(Note),
    quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    send: Type.Optional(
      Type.Boolean({ default: false, description: 'Send at once instead of keeping a draft.' }),
    ),
    pledgeId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: "The partner's accepted offer of help (pledge) this referral takes up; linked to it.",
      }),
    ),
  },
  { additionalProperties: false },
)

export const NoteInput = Type.Object({ note: Type.Optional(Note) }, { additionalProperties: false })
export const CommentInput = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
)
export const OverrideInput = Type.Object(
  {
    reason: Type.String({ minLength: 5, maxLength: 1000 }),
    fields: Type.Optional(Type.Array(ShareableField, { maxItems: 6, uniqueItems: true })),
  },
  { additionalProperties: false },
)
export const DeclineInput = Type.Object(
  { reason: DeclineReason, note: Type.Optional(Note) },
  { additionalProperties: false },
)
export const CloseInput = Type.Object(
  {
    outcome: Type.String({ minLength: 2, maxLength: 500, description: 'What came of it, in a sentence.' }),
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
)
export const ElsewhereInput = Type.Object(
  {
    resourceId: Uuid,
    note: Type.Optional(Note),
    quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  },
  { additionalProperties: false },
)
// Plain copies: one response may not hold the same $id twice.
export const ElsewhereResult = Type.Object({
  previous: Type.Object(ReferralDetail.properties),
  successor: Type.Object(ReferralDetail.properties),
})
