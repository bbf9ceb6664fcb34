import { Type } from 'typebox'
import { Nullable, PageQuery, StringEnum, Uuid } from '../../http/schemas.ts'
import { PublicNeed } from '../needs/need.schemas.ts'
import { NeedCategory } from '../resources/resource.schemas.ts'
import { areaLevels, hardRules } from './scoring.ts'

const Part = (props: Parameters<typeof Type.Object>[0], description: string) =>
  Type.Object({ score: Type.Number({ minimum: 0, maximum: 1 }), ...props }, { description })

export const Reasons = Type.Object({
  category: Part({ matched: Type.Array(Type.String()) }, 'Need categories the resource serves.'),
  eligibility: Part(
    {
      recipientCategories: StringEnum(['matched', 'open', 'mismatch']),
      matched: Type.Array(Type.String()),
      age: StringEnum(['fits', 'partly', 'open', 'outside']),
    },
    "Recipient categories (open = the resource serves anyone) and the recipient's age.",
  ),
  area: Part(
    { level: StringEnum(areaLevels), distanceKm: Nullable(Type.Number()) },
    "Where the resource serves against the need's district; distance from the district's centre when the resource has coordinates.",
  ),
  capacity: Part({ available: Type.Integer(), needed: Type.Integer() }, 'Places left against the quantity.'),
  responsiveness: Part(
    {
      acceptanceRate: Nullable(Type.Number()),
      medianResponseHours: Nullable(Type.Number()),
      referrals: Type.Integer(),
    },
    "The partner's answered referrals: acceptance rate and median response time (none: neutral 0.5).",
  ),
  text: Type.Object(
    { score: Nullable(Type.Number({ minimum: 0, maximum: 1 })) },
    { description: "The search engine's relevance of the resource to the need's public summary." },
  ),
})

const Failure = Type.Object({ rule: StringEnum(hardRules), label: Type.String() })

export const MatchedResource = Type.Object({
  id: Uuid,
  name: Type.String(),
  orgId: Uuid,
  orgName: Type.String(),
  visibility: StringEnum(['public', 'org']),
  resourceType: Type.String(),
  needCategories: Type.Array(Type.String()),
  recipientCategories: Type.Array(Type.String()),
  ageMin: Nullable(Type.Integer()),
  ageMax: Nullable(Type.Integer()),
  districtCodes: Type.Array(Type.String()),
  capacityAvailable: Type.Integer(),
  capacityUnit: Type.String(),
  stale: Type.Boolean({ description: 'Not verified within RESOURCE_STALE_DAYS: check before referring.' }),
})

export const Match = Type.Object({
  resource: MatchedResource,
  score: Type.Number({ minimum: 0, maximum: 100 }),
  eligible: Type.Boolean({ description: 'False when a hard rule fails; show it greyed out with the rule.' }),
  failures: Type.Array(Failure),
  reasons: Reasons,
})

export const MatchQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    flagged: Type.Optional(
      Type.Boolean({
        default: true,
        description: 'Include candidates that fail a hard rule (after the others).',
      }),
    ),
  },
  { additionalProperties: false },
)

export const MatchList = Type.Object({
  needId: Uuid,
  textMeasured: Type.Boolean({
    description: 'False when the search engine could not answer; ranked without text.',
  }),
  candidates: Type.Integer(),
  items: Type.Array(Match),
})

export const FittingNeedQuery = Type.Object(
  { category: Type.Optional(NeedCategory), ...PageQuery },
  { additionalProperties: false },
)

export const FittingNeed = Type.Object({
  need: PublicNeed,
  resource: Type.Object({ id: Uuid, name: Type.String() }, { description: 'Your best-fitting resource.' }),
  score: Type.Number(),
  reasons: Reasons,
  pledged: Type.Boolean({ description: 'Your organization has an offer waiting or accepted for this need.' }),
})
