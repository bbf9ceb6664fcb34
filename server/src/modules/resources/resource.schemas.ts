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

// Fields a resource must have, and the ones it may leave out (which a PATCH may clear with null).
const requiredFields = {
  name: Type.String({ minLength: 2, maxLength: 120 }),
  resourceType: ResourceTypeSchema,
  needCategories: Type.Array(NeedCategory, { minItems: 1, maxItems: 13, uniqueItems: true }),
}
const optionalFields = {
  alternateName: Text(120),
  description: Text(5000),
  keywords: Type.Array(Text(40), { maxItems: 20 }),
  url: Type.String({ format: 'uri', maxLength: 300 }),
  source: ResourceSourceSchema,
  visibility: Visibility,
  recipientCategories: Type.Array(RecipientCategory, { maxItems: 16, uniqueItems: true }),
  ageMin: Type.Integer({ minimum: 0, maximum: 150 }),
  ageMax: Type.Integer({ minimum: 0, maximum: 150 }),
  districtCodes: Type.Array(DistrictCode, { maxItems: 50, uniqueItems: true }),
  requiredDocuments: Type.Array(Text(60), { maxItems: 20 }),
  eligibilityNote: Text(1000),
  capacityTotal: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  capacityAvailable: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  capacityUnit: Type.String({ minLength: 1, maxLength: 10 }),
  scheduleRrule: Type.String({ maxLength: 500, pattern: '^(RRULE:)?FREQ=' }),
  scheduleNote: Text(300),
  costFen: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
  costNote: Text(300),
  languages: Type.Array(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z]{2,4})?$' }), { maxItems: 10 }),
  contactName: Text(60),
  contactPhone: Type.String({ pattern: '^[0-9+\\- ]{5,20}$' }),
  contactEmail: Type.String({ format: 'email', maxLength: 254 }),
  locations: Type.Array(LocationInput, { maxItems: 20 }),
}
/** Optional fields a PATCH may clear with null (lists become empty, numbers and texts unset). */
export const clearableFields = [
  'alternateName',
  'description',
  'keywords',
  'url',
  'recipientCategories',
  'ageMin',
  'ageMax',
  'districtCodes',
  'requiredDocuments',
  'eligibilityNote',
  'scheduleRrule',
  'scheduleNote',
  'costFen',
  'costNote',
  'contactName',
  'contactPhone',
  'contactEmail',
  'locations',
] as const satisfies readonly (keyof typeof optionalFields)[]
type Clearable = (typeof clearableFields)[number]

const nullableClearable = Object.fromEntries(
  Object.entries(optionalFields).map(([k, schema]) => [
    k,
    (clearableFields as readonly string[]).includes(k) ? Nullable(schema) : schema,
  ]),
) as {
  [K in keyof typeof optionalFields]: K extends Clearable
    ? ReturnType<typeof Nullable<(typeof optionalFields)[K]>>
    : (typeof optionalFields)[K]
}

export const ResourceInputSchema = Type.Object(
  { ...requiredFields, ...Type.Partial(Type.Object(optionalFields)).properties },
  { additionalProperties: false },
)
export const ResourcePatchSchema = Type.Partial(Type.Object({ ...requiredFields, ...nullableClearable }), {
  additionalProperties: false,
})

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
  {
    status: Type.Optional(ResourceStatusSchema),
    stale: Type.Optional(
      Type.Boolean({ description: 'Only stale resources (true) or none of them (false).' }),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
)
export const StatusChange = Type.Object({ status: ResourceStatusSchema }, { additionalProperties: false })
