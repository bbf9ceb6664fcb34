import { pgEnum } from 'drizzle-orm/pg-core'

// Keys come from GLOSSARY.md and are never renamed; labels live in the message catalogues.
export const orgRoles = ['social_worker', 'supervisor', 'partner_staff', 'org_admin', 'auditor'] as const
export const platformRoles = ['platform_admin', 'auditor'] as const
export const roles = [
  'volunteer',
  'social_worker',
  'supervisor',
  'partner_staff',
  'org_admin',
  'auditor',
  'platform_admin',
] as const
export type Role = (typeof roles)[number]
export type OrgRole = (typeof orgRoles)[number]
export type PlatformRole = (typeof platformRoles)[number]

export const orgKinds = ['agency', 'partner', 'government', 'community'] as const
export type OrgKind = (typeof orgKinds)[number]

export const orgStatuses = ['pending', 'approved', 'rejected', 'suspended'] as const
export type OrgStatus = (typeof orgStatuses)[number]

export const locales = ['zh-CN', 'en'] as const
export type Locale = (typeof locales)[number]

export const orgRoleEnum = pgEnum('org_role', orgRoles)
export const platformRoleEnum = pgEnum('platform_role', platformRoles)
export const orgKindEnum = pgEnum('org_kind', orgKinds)
export const orgStatusEnum = pgEnum('org_status', orgStatuses)
