import { needCategories, recipientCategories, resourceTypes } from '@liandong/db'
import { Type } from 'typebox'
import { IsoDate, Nullable, StringEnum, Uuid } from '../../http/schemas.ts'

const many = <T extends readonly string[]>(values: T) =>
  Type.Optional(Type.Array(StringEnum(values), { maxItems: 20 }))

export const ResourceSearchQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'Chinese, pinyin (jiuye), initials (jy) or Latin words.' }),
    ),
    needCategory: many(needCategories),
    recipientCategory: many(recipientCategories),
    resourceType: many(resourceTypes),
    district: Type.Optional(
      Type.Array(Type.String({ pattern: '^[0-9]{6}$' }), {
        maxItems: 20,
        description: 'District, city or province codes (GB/T 2260); a city code matches its districts.',
      }),
    ),
    hasCapacity: Type.Optional(Type.Boolean()),
    age: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 150, description: 'Only resources open to this age.' }),
    ),
    near: Type.Optional(
      Type.String({ pattern: '^-?[0-9.]+,-?[0-9.]+,[0-9]+$', description: 'lat,lng,meters' }),
    ),
    sort: Type.Optional(StringEnum(['relevance', 'updated', 'capacity'])),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
    perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
)

const Highlight = Type.Array(Type.Object({ text: Type.String(), match: Type.Boolean() }))

export const ResourceHit = Type.Object({
  id: Uuid,
  orgId: Uuid,
  orgName: Type.String(),
  title: Type.String(),
  description: Type.String(),
  needCategories: Type.Array(Type.String()),
  recipientCategories: Type.Array(Type.String()),
  resourceType: Type.String(),
  districtCodes: Type.Array(Type.String()),
  capacityAvailable: Type.Integer(),
  capacityUnit: Type.String(),
  visibility: Type.String(),
  lastVerifiedAt: Nullable(IsoDate),
  stale: Type.Boolean({ description: 'Not verified within RESOURCE_STALE_DAYS.' }),
  highlights: Type.Object({ title: Type.Optional(Highlight), description: Type.Optional(Highlight) }),
})

export const ResourceSearchResult = Type.Object({
  hits: Type.Array(ResourceHit),
  total: Type.Integer(),
  page: Type.Integer(),
  perPage: Type.Integer(),
  totalPages: Type.Integer(),
  facets: Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer())),
})
