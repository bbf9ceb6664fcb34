import { needCategories, volunteerSkills } from '@liandong/db'
import { Type } from 'typebox'
import { StringEnum, Uuid } from '../../http/schemas.ts'

const many = <T extends readonly string[]>(values: T) =>
  Type.Optional(Type.Array(StringEnum(values), { maxItems: 20 }))

export const OpportunitySearchQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'Chinese, pinyin (zhulao), initials (zl) or Latin words.' }),
    ),
    needCategory: many(needCategories),
    skill: many(volunteerSkills),
    district: Type.Optional(
      Type.Array(Type.String({ pattern: '^[0-9]{6}$' }), {
        maxItems: 20,
        description: 'District, city or province codes (GB/T 2260); a city code matches its districts.',
      }),
    ),
    from: Type.Optional(
      Type.String({ format: 'date', description: 'Shifts on or after this day (Asia/Shanghai).' }),
    ),
    to: Type.Optional(
      Type.String({ format: 'date', description: 'Shifts on or before this day (Asia/Shanghai).' }),
    ),
    hasSpots: Type.Optional(Type.Boolean()),
    age: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 150, description: 'Only opportunities open to this age.' }),
    ),
    near: Type.Optional(
      Type.String({ pattern: '^-?[0-9.]+,-?[0-9.]+,[0-9]+$', description: 'lat,lng,meters' }),
    ),
    sort: Type.Optional(StringEnum(['relevance', 'date', 'spots'])),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
    perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
)

const Highlight = Type.Array(Type.Object({ text: Type.String(), match: Type.Boolean() }))

export const OpportunityHit = Type.Object({
  id: Uuid,
  orgId: Uuid,
  orgName: Type.String(),
  title: Type.String(),
  description: Type.String(),
  needCategory: Type.String(),
  skills: Type.Array(Type.String()),
  districtCode: Type.String(),
  startsAt: Type.String({ format: 'date-time', description: 'First upcoming shift when indexed.' }),
  endsAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  spotsAvailable: Type.Integer(),
  minAge: Type.Integer(),
  status: Type.String(),
  highlights: Type.Object({ title: Type.Optional(Highlight), description: Type.Optional(Highlight) }),
})

export const OpportunitySearchResult = Type.Object({
  hits: Type.Array(OpportunityHit),
  total: Type.Integer(),
  page: Type.Integer(),
  perPage: Type.Integer(),
  totalPages: Type.Integer(),
  facets: Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer()), {
    description:
      'needCategory, skills, districtCode, hasSpots, and `dates` (today, next7Days, next30Days, later).',
  }),
})
