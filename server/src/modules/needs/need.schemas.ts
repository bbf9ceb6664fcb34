import { type TSchema, Type } from 'typebox'
import { IsoDate, Nullable, PageQuery, StringEnum, Uuid } from '../../http/schemas.ts'
import { NeedCategory, RecipientCategory } from '../resources/resource.schemas.ts'
import { ageBands, needStatuses, needUrgencies } from './need-types.ts'

export const Urgency = StringEnum(needUrgencies)
export const NeedStatusSchema = StringEnum(needStatuses)
const Categories = Type.Array(NeedCategory, { minItems: 1, maxItems: 5, uniqueItems: true })
const PublicSummary = Type.String({
  minLength: 6,
  maxLength: 500,
  description:
    'De-identified: what partners, the search index and the reverse view see. Names, phone and ID numbers are refused.',
})

const needFields = {
  title: Type.String({
    minLength: 2,
    maxLength: 80,
    description: 'Agency-internal heading; partners never see it.',
  }),
  categories: Categories,
  privateDescription: Type.Optional(
    Type.String({
      maxLength: 5000,
      description: 'Sealed; only the agency reads it, and every read is audited.',
    }),
  ),
  publicSummary: PublicSummary,
  urgency: Type.Optional(Urgency),
  districtCode: Type.Optional(
    Type.String({ pattern: '^[0-9]{6}$', description: "Defaults to the recipient's." }),
  ),
  quantity: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 1000, description: 'Places, portions or hours the need takes.' }),
  ),
  dueDate: Type.Optional(Type.String({ format: 'date' })),
}

export const NeedInput = Type.Object({ recipientId: Uuid, ...needFields }, { additionalProperties: false })
export const NeedPatch = Type.Partial(
  Type.Object({
    ...needFields,
    privateDescription: Nullable(Type.String({ maxLength: 5000 })),
    dueDate: Nullable(Type.String({ format: 'date' })),
  }),
  { additionalProperties: false },
)

export const NeedStatusChange = Type.Object(
  {
    status: StringEnum(['open', 'matched', 'closed', 'withdrawn'], {
      description: 'referred and met follow the referrals.',
    }),
  },
  { additionalProperties: false },
)

/** What the agency sees. */
export const Need = Type.Object({
  id: Uuid,
  orgId: Uuid,
  recipientId: Uuid,
  recipient: Type.Object({ code: Type.String(), nameMasked: Type.String() }),
  caseId: Nullable(Uuid),
  title: Type.String(),
  categories: Type.Array(Type.String()),
  publicSummary: Type.String(),
  hasPrivateDescription: Type.Boolean(),
  urgency: Urgency,
  districtCode: Type.String(),
  recipientCategories: Type.Array(Type.String()),
  ageBand: StringEnum(ageBands),
  quantity: Type.Integer(),
  dueDate: Nullable(Type.String({ format: 'date' })),
  status: NeedStatusSchema,
  pledgesOffered: Type.Integer({ description: 'Offers of help waiting for an answer.' }),
  createdBy: Nullable(Uuid),
  closedAt: Nullable(IsoDate),
  createdAt: IsoDate,
  updatedAt: IsoDate,
})
export const NeedDetail = Type.Object({ ...Need.properties, privateDescription: Nullable(Type.String()) })

/** What partners see: no recipient, no title, no private description. */
export const PublicNeed = Type.Object({
  id: Uuid,
  orgId: Uuid,
  orgName: Type.String(),
  categories: Type.Array(Type.String()),
  publicSummary: Type.String(),
  urgency: Urgency,
  districtCode: Type.String(),
  recipientCategories: Type.Array(Type.String()),
  ageBand: StringEnum(ageBands),
  quantity: Type.Integer(),
  dueDate: Nullable(Type.String({ format: 'date' })),
  status: NeedStatusSchema,
  createdAt: IsoDate,
})

export const NeedParams = Type.Object({ id: Uuid })
export const NeedListQuery = Type.Object(
  {
    status: Type.Optional(NeedStatusSchema),
    recipientId: Type.Optional(Uuid),
    category: Type.Optional(NeedCategory),
    ...PageQuery,
  },
  { additionalProperties: false },
)

const many = <T extends TSchema>(item: T) => Type.Optional(Type.Array(item, { maxItems: 20 }))

export const NeedSearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Chinese, pinyin or initials.' })),
    needCategory: many(NeedCategory),
    recipientCategory: many(RecipientCategory),
    urgency: many(Urgency),
    ageBand: many(StringEnum(ageBands)),
    district: Type.Optional(
      Type.Array(Type.String({ pattern: '^[0-9]{6}$' }), {
        maxItems: 20,
        description: 'District, city or province codes; a city code matches its districts.',
      }),
    ),
    sort: Type.Optional(StringEnum(['relevance', 'newest', 'urgency'])),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
    perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
)

const Highlight = Type.Array(Type.Object({ text: Type.String(), match: Type.Boolean() }))
export const NeedHit = Type.Object({
  id: Uuid,
  orgId: Uuid,
  publicSummary: Type.String(),
  needCategories: Type.Array(Type.String()),
  recipientCategories: Type.Array(Type.String()),
  districtCode: Type.String(),
  urgency: Urgency,
  ageBand: StringEnum(ageBands),
  status: NeedStatusSchema,
  createdAt: IsoDate,
  highlights: Type.Object({ publicSummary: Type.Optional(Highlight) }),
})
export const NeedSearchResult = Type.Object({
  hits: Type.Array(NeedHit),
  total: Type.Integer(),
  page: Type.Integer(),
  perPage: Type.Integer(),
  totalPages: Type.Integer(),
  facets: Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer())),
})

export const Pledge = Type.Object({
  id: Uuid,
  needId: Uuid,
  orgId: Uuid,
  orgName: Type.String(),
  resourceId: Nullable(Uuid),
  resourceName: Nullable(Type.String()),
  message: Type.String(),
  status: StringEnum(['offered', 'accepted', 'declined', 'withdrawn']),
  referralId: Nullable(Uuid),
  createdAt: IsoDate,
  respondedAt: Nullable(IsoDate),
})
export const PledgeInput = Type.Object(
  {
    resourceId: Type.String({
      format: 'uuid',
      description: 'An active resource of the offering organization.',
    }),
    message: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
)
export const PledgeParams = Type.Object({ id: Uuid })
export const AcceptedPledge = Type.Object({
  pledge: Pledge,
  referralDraft: Type.Object(
    { needId: Uuid, resourceId: Nullable(Uuid), toOrgId: Uuid },
    { description: 'What to send a referral with; the referral then links back to the pledge.' },
  ),
})
