import { sql } from 'drizzle-orm'
import { boolean, date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts.ts'
import { createdAt, updatedAt } from './ids.ts'

export interface AvailabilitySlot {
  /** 0 = Sunday … 6 = Saturday, Asia/Shanghai. */
  day: number
  /** 'HH:MM' */
  from: string
  to: string
}

/**
 * A volunteer's registration (志愿服务条例 §19: basic information). The ID number is personal
 * data: stored encrypted (`idNumberEnc`), found for duplicates by a keyed hash, shown masked
 * (`idNumberLast4`). Minors of 14–17 need a guardian's consent before any sign-up.
 */
export const volunteerProfiles = pgTable(
  'volunteer_profiles',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    volunteerNumber: text('volunteer_number').notNull().unique(),
    realName: text('real_name').notNull(),
    phone: text('phone').notNull(),
    idType: text('id_type'),
    idNumberEnc: text('id_number_enc'),
    idNumberHash: text('id_number_hash'),
    idNumberLast4: text('id_number_last4'),
    gender: text('gender').notNull().default('undisclosed'),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    languages: text('languages').array().notNull().default(sql`'{zh}'::text[]`),
    districtCodes: text('district_codes').array().notNull().default(sql`'{}'::text[]`),
    availability: jsonb('availability').$type<AvailabilitySlot[]>().notNull().default([]),
    emergencyContactName: text('emergency_contact_name'),
    emergencyContactPhone: text('emergency_contact_phone'),
    emergencyContactRelation: text('emergency_contact_relation'),
    privacyConsentVersion: text('privacy_consent_version').notNull(),
    privacyConsentAt: timestamp('privacy_consent_at', { withTimezone: true }).notNull(),
    guardianName: text('guardian_name'),
    guardianRelation: text('guardian_relation'),
    guardianPhone: text('guardian_phone'),
    guardianConsentAt: timestamp('guardian_consent_at', { withTimezone: true }),
    // How the name appears on the leaderboard and to other volunteers.
    nameDisplay: text('name_display').notNull().default('surname'),
    leaderboardOptIn: boolean('leaderboard_opt_in').notNull().default(false),
    insuranceAcknowledgedAt: timestamp('insurance_acknowledged_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('volunteer_profiles_phone_uq').on(t.phone),
    uniqueIndex('volunteer_profiles_id_hash_uq').on(t.idNumberHash),
    index('volunteer_profiles_districts_idx').using('gin', t.districtCodes),
  ],
)
