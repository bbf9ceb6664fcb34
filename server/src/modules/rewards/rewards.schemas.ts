import { Type } from 'typebox'
import { IsoDate, Nullable, PageQuery, StringEnum, Uuid } from '../../http/schemas.ts'

export const IdParams = Type.Object({ id: Uuid })

export const Totals = Type.Object({
  label: Type.Literal('platform_record', {
    description: '平台记录: computed by the platform, not a certificate.',
  }),
  approvedMinutes: Type.Integer(),
  approvedHours: Type.Number(),
  approvedShifts: Type.Integer(),
  pendingMinutes: Type.Integer({ description: 'Waiting for approval; counted nowhere else.' }),
  points: Type.Integer(),
  starLevel: Type.Integer({ minimum: 0, maximum: 10 }),
  nextThresholdHours: Nullable(Type.Integer()),
  region: Type.String(),
  pointsPerHour: Type.Integer(),
  thresholdsHours: Type.Array(Type.Integer()),
  badges: Type.Array(Type.Object({ badge: Type.String(), awardedAt: IsoDate })),
})

export const PointEntry = Type.Object({
  id: Uuid,
  userId: Uuid,
  delta: Type.Integer(),
  reason: StringEnum(['service', 'redemption', 'correction', 'refund'] as const),
  recordId: Nullable(Uuid),
  redemptionId: Nullable(Uuid),
  createdAt: IsoDate,
})

export const LedgerQuery = Type.Object({ ...PageQuery })

export const LeaderboardQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
})
export const Leaderboard = Type.Object({
  items: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      name: Type.String({ description: 'As the volunteer chose: full name, surname (林**) or 志愿者1234.' }),
      approvedMinutes: Type.Integer(),
      isMe: Type.Boolean(),
    }),
  ),
})

export const RewardItem = Type.Object(
  {
    id: Uuid,
    orgId: Uuid,
    title: Type.String(),
    description: Type.String(),
    pointsCost: Type.Integer(),
    stock: Type.Integer(),
    active: Type.Boolean(),
    createdAt: IsoDate,
  },
  { $id: 'RewardItem' },
)

export const RewardItemInput = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 100 }),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    pointsCost: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    stock: Type.Integer({ minimum: 0, maximum: 100_000 }),
  },
  { additionalProperties: false },
)
export const RewardItemPatch = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    pointsCost: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    stock: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const Redemption = Type.Object(
  {
    id: Uuid,
    itemId: Uuid,
    userId: Uuid,
    points: Type.Integer(),
    status: StringEnum(['requested', 'fulfilled', 'cancelled'] as const),
    fulfilledAt: Nullable(IsoDate),
    createdAt: IsoDate,
  },
  { $id: 'Redemption' },
)
export const RedemptionWithItem = Type.Object({ redemption: Redemption, item: RewardItem })

export const RedeemHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      format: 'uuid',
      description: 'A UUID the client makes once per redemption; a retry returns the first.',
    }),
  ),
})

export const SettleInput = Type.Object(
  { outcome: StringEnum(['fulfilled', 'cancelled'] as const) },
  { additionalProperties: false },
)
