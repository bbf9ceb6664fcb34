// Taxonomy keys from GLOSSARY.md. They ship with the product and are never renamed; labels are
// in the message catalogues (web) and in search/src/indexes/labels.ts (search text).
export const needCategories = [
  'living',
  'employment',
  'schooling',
  'medical',
  'rehabilitation',
  'psychological',
  'care',
  'capacity',
  'integration',
  'family',
  'policy',
  'legal',
  'other',
] as const
export type NeedCategory = (typeof needCategories)[number]

export const recipientCategories = [
  'youfu_hospital',
  'glory_home',
  'demobilized',
  'military_retiree',
  'martyr_family',
  'fallen_family',
  'active_duty_family',
  'dibao',
  'tekun',
  'low_income',
  'medical_aid',
  'temporary_aid',
  'disaster',
  'employment_aid',
  'homeless',
  'other',
] as const
export type RecipientCategory = (typeof recipientCategories)[number]

export const resourceTypes = ['human', 'material', 'financial', 'cultural', 'organizational'] as const
export type ResourceType = (typeof resourceTypes)[number]

export const resourceSources = ['family', 'neighbourhood', 'community', 'society'] as const
export type ResourceSource = (typeof resourceSources)[number]

export const resourceStatuses = ['draft', 'active', 'paused', 'expired'] as const
export type ResourceStatus = (typeof resourceStatuses)[number]
