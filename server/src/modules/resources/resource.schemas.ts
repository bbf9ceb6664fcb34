import {
  needCategories,
  recipientCategories,
  resourceSources,
  resourceStatuses,
  resourceTypes,
} from '@liandong/db'
import { Type } from 'typebox'
import { IsoDate, Nullable, PageQuery, StringEnum, Uuid } from '../../http/schemas.ts'
import { DistrictCode } from '../organizations/organization.schemas.ts'

export const NeedCategory = StringEnum(needCategories)
export const RecipientCategory = StringEnum(recipientCategories)
export const ResourceTypeSchema = StringEnum(resourceTypes)
export const ResourceSourceSchema = StringEnum(resourceSources)
export const ResourceStatusSchema = StringEnum(resourceStatuses)
export const Visibility = StringEnum(['public', 'org'])

const Text = (max: number) => Type.String({ maxLength: max })

export const LocationInput = Type.Object(
  {
    name: Type.Optional(Text(100)),
    address: Type.String({ minLength: 2, maxLength: 200 }),
    districtCode: DistrictCode,
    latitude: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    longitude: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  },
  { additionalProperties: false },
)

const resourceFields = {
  name: Type.String({ minLength: 2, maxLength: 120 }),
  alternateName: Type.Optional(Text(120)),
  description: Type.Optional(Text(5000)),
  keywords: Type.Optional(Type.Array(Text(40), { maxItems: 20 })),
  url: Type.Optional(Type.String({ format: 'uri', maxLength: 300 })),
  resourceType: ResourceTypeSchema,
  source: Type.Optional(ResourceSourceSchema),
  visibility: Type.Optional(Visibility),
  needCategories: Type.Array(NeedCategory, { minItems: 1, maxItems: 13, uniqueItems: true }),
  recipientCategories: Type.Optional(Type.Array(RecipientCategory, { maxItems: 16, uniqueItems: true })),
  ageMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
  ageMax: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
  districtCodes: Type.Optional(Type.Array(DistrictCode, { maxItems: 50, uniqueItems: true })),
  requiredDocuments: Type.Optional(Type.Array(Text(60), { maxItems: 20 })),
  eligibilityNote: Type.Optional(Text(1000)),
  capacityTotal: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  capacityAvailable: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  capacityUnit: Type.Optional(Type.String({ minLength: 1, maxLength: 10 })),
  scheduleRrule: Type.Optional(Type.String({ maxLength: 500, pattern: '^(RRULE:)?FREQ=' })),
  scheduleNote: Type.Optional(Text(300)),
  costFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
  costNote: Type.Optional(Text(300)),
  languages: Type.Optional(
    Type.Array(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z]{2,4})?$' }), { maxItems: 10 }),
  ),
  contactName: Type.Optional(Text(60)),
  contactPhone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' })),
  contactEmail: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
  locations: Type.Optional(Type.Array(LocationInput, { maxItems: 20 })),
}

export const ResourceInputSchema = Type.Object(resourceFields, { additionalProperties: false })
export const ResourcePatchSchema = Type.Partial(Type.Object(resourceFields), { additionalProperties: false })

export const Location = Type.Object({
  id: Uuid,
  name: Nullable(Type.String()),
  address: Type.String(),
  districtCode: Type.String(),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
})

export const Resource = Type.Object(
  {
    id: Uuid,
    orgId: Uuid,
    orgName: Type.String(),
    name: Type.String(),
    alternateName: Nullable(Type.String()),
    description: Type.String(),
    keywords: Type.Array(Type.String()),
    url: Nullable(Type.String()),
    resourceType: ResourceTypeSchema,
    source: ResourceSourceSchema,
    visibility: Visibility,
    status: ResourceStatusSchema,
    needCategories: Type.Array(Type.String()),
    recipientCategories: Type.Array(Type.String()),
    ageMin: Nullable(Type.Integer()),
    ageMax: Nullable(Type.Integer()),
    districtCodes: Type.Array(Type.String()),
    requiredDocuments: Type.Array(Type.String()),
    eligibilityNote: Nullable(Type.String()),
    capacityTotal: Type.Integer(),
    capacityAvailable: Type.Integer(),
    capacityUnit: Type.String(),
    scheduleRrule: Nullable(Type.String()),
    scheduleNote: Nullable(Type.String()),
    costFen: Nullable(Type.Integer()),
    costNote: Nullable(Type.String()),
    languages: Type.Array(Type.String()),
    contactName: Nullable(Type.String()),
    contactPhone: Nullable(Type.String()),
    contactEmail: Nullable(Type.String()),
    lastVerifiedAt: Nullable(IsoDate),
    stale: Type.Boolean({ description: 'Not verified within RESOURCE_STALE_DAYS.' }),
    locations: Type.Array(Location),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  },
  { $id: 'Resource' },
)

export const ResourceParams = Type.Object({ id: Uuid })
export const OrgResourceQuery = Type.Object(
  { status: Type.Optional(ResourceStatusSchema), ...PageQuery },
  { additionalProperties: false },
)
export const StatusChange = Type.Object({ status: ResourceStatusSchema }, { additionalProperties: false })
