import { sql } from 'drizzle-orm'
import {
  check,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from './accounts.ts'
import { createdAt, id, updatedAt } from './ids.ts'
import { organizations } from './organizations.ts'
import { resourceSources, resourceStatuses, resourceTypes } from './taxonomies.ts'

export const resourceTypeEnum = pgEnum('resource_type', resourceTypes)
export const resourceSourceEnum = pgEnum('resource_source', resourceSources)
export const resourceStatusEnum = pgEnum('resource_status', resourceStatuses)
export const resourceVisibilityEnum = pgEnum('resource_visibility', ['public', 'org'])

/**
 * A resource an organization offers (Chengdu §7.1.3.1): HSDS `service` fields plus what matching
 * needs — type, need categories, eligibility, service area, capacity. `visibility = 'org'` marks an
 * agency's informal resources (family, neighbours, donations) that only its own workers match.
 */
export const resources = pgTable(
  'resources',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    alternateName: text('alternate_name'),
    description: text('description').notNull().default(''),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    url: text('url'),
    resourceType: resourceTypeEnum('resource_type').notNull(),
    source: resourceSourceEnum('source').notNull().default('society'),
    visibility: resourceVisibilityEnum('visibility').notNull().default('public'),
    status: resourceStatusEnum('status').notNull().default('draft'),
    needCategories: text('need_categories').array().notNull(),
    // Eligibility: an empty list means "anyone".
    recipientCategories: text('recipient_categories').array().notNull().default(sql`'{}'::text[]`),
    ageMin: integer('age_min'),
    ageMax: integer('age_max'),
    districtCodes: text('district_codes').array().notNull().default(sql`'{}'::text[]`),
    requiredDocuments: text('required_documents').array().notNull().default(sql`'{}'::text[]`),
    eligibilityNote: text('eligibility_note'),
    capacityTotal: integer('capacity_total').notNull().default(0),
    capacityAvailable: integer('capacity_available').notNull().default(0),
    capacityUnit: text('capacity_unit').notNull().default('人'),
    scheduleRrule: text('schedule_rrule'),
    scheduleNote: text('schedule_note'),
    // Money in fen; null means free of charge.
    costFen: integer('cost_fen'),
    costNote: text('cost_note'),
    languages: text('languages').array().notNull().default(sql`'{zh}'::text[]`),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    lastVerifiedAt: timestamp('last_verified_at', { withTimezone: true }),
    // When the owners were last reminded that the resource is stale (not verified for N days).
    staleRemindedAt: timestamp('stale_reminded_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('resources_org_idx').on(t.orgId, t.status),
    index('resources_status_idx').on(t.status, t.visibility),
    check(
      'resources_capacity_ck',
      sql`${t.capacityAvailable} >= 0 and ${t.capacityAvailable} <= ${t.capacityTotal}`,
    ),
    check('resources_age_ck', sql`${t.ageMin} is null or ${t.ageMax} is null or ${t.ageMin} <= ${t.ageMax}`),
  ],
)

/** Where a resource is delivered (HSDS `location` + `service_at_location`), with a district code. */
export const resourceLocations = pgTable(
  'resource_locations',
  {
    id: id(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => resources.id, { onDelete: 'cascade' }),
    name: text('name'),
    address: text('address').notNull(),
    districtCode: text('district_code').notNull(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    createdAt: createdAt(),
  },
  (t) => [index('resource_locations_resource_idx').on(t.resourceId)],
)
