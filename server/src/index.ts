export { type App, type BuildOptions, buildApp } from './app.ts'
export { hashPassword } from './auth/passwords.ts'
export {
  type Action,
  actions,
  everyone,
  grants,
  platformGrants,
  type RouteAction,
} from './auth/permissions.ts'
export { type Config, ConfigError, loadConfig } from './config.ts'
export type { Clock, Infrastructure } from './context.ts'
export { resealAll, sealedTables } from './crypto/reseal.ts'
export { createSecretBox, type SecretBox } from './crypto/secret-box.ts'
export { seedDemoCases } from './demo/cases.ts'
export { seedDemoMarketplace } from './demo/marketplace.ts'
export { seedDemoResources } from './demo/resources.ts'
export { seedDemoRights } from './demo/rights.ts'
export { seedDemoVolunteerActivity } from './demo/volunteer-activity.ts'
export { seedDemoVolunteerEngagement } from './demo/volunteer-engagement.ts'
export { DEMO_TEEN_EMAIL, seedDemoVolunteers } from './demo/volunteers.ts'
export { logRedactions, logSerializers } from './http/logging.ts'
export * from './jobs/index.ts'
export { type Mail, type Mailer, MemoryMailer } from './mail/mailer.ts'
export {
  linkPledgeToReferral,
  moveNeedForReferral,
  publishNeedChanged,
} from './modules/needs/need-referrals.ts'
export { createNotifier, type Notify } from './modules/notifications/notification.service.ts'
export { materialiseSeries } from './modules/opportunities/opportunity.service.ts'
export { occurrences, parseRule, parseSeries } from './modules/opportunities/rrule.ts'
export { activeShareConsent } from './modules/recipients/consent.service.ts'
export {
  partnerResponsiveness,
  type ResponsivenessFigures,
} from './modules/referrals/referral.responsiveness.ts'
export { REFERRAL_EXPIRE_JOB, REFERRAL_EXPIRE_SWEEP } from './modules/referrals/referral.service.ts'
export { sendStaleReminders } from './modules/resources/stale-reminders.ts'
export { sendTrainingReminders } from './modules/training/expiry-reminders.ts'
export {
  assertEligible,
  type Eligibility,
  type EligibilityFailure,
  ineligibleError,
  volunteerEligibility,
} from './modules/volunteers/eligibility.ts'
export * from './realtime/index.ts'
export { documentLoaders } from './search/documents.ts'
export { rebuildIndex } from './search/rebuild.ts'
export { type ReindexReport, reindexRunningServers } from './search/reindex-broadcast.ts'
export { createServer } from './server.ts'
