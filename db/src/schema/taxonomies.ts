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

// Volunteer skills (志愿服务技能). Agencies may add more later; these keys ship with the product.
export const volunteerSkills = [
  'companionship',
  'elder_care',
  'child_care',
  'tutoring',
  'medical',
  'nursing',
  'rehabilitation',
  'psychological',
  'legal',
  'sign_language',
  'first_aid',
  'driving',
  'cooking',
  'photography',
  'it',
  'translation',
  'event',
  'repair',
  'counselling',
  'other',
] as const
export type VolunteerSkill = (typeof volunteerSkills)[number]

export const idTypes = [
  'resident_id',
  'passport',
  'hk_macao_pass',
  'taiwan_pass',
  'foreigner_permit',
] as const
export type IdType = (typeof idTypes)[number]

export const genders = ['female', 'male', 'other', 'undisclosed'] as const
export const nameDisplays = ['full', 'surname', 'anonymous'] as const
export type NameDisplay = (typeof nameDisplays)[number]

export const signupStatuses = [
  'pending_approval',
  'confirmed',
  'waitlisted',
  'offered',
  'declined',
  'cancelled',
  'rejected',
  'no_show',
  'attended',
] as const
export type SignupStatus = (typeof signupStatuses)[number]

export const serviceRecordStatuses = ['pending', 'approved', 'rejected'] as const
export type ServiceRecordStatus = (typeof serviceRecordStatuses)[number]
