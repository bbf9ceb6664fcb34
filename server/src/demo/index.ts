import { type Db, seedDemo } from '@liandong/db'
import { hashPassword } from '../auth/passwords.ts'
import type { Config } from '../config.ts'
import { seedDemoArchives } from './archives.ts'
import { seedDemoCanary } from './canary.ts'
import { seedDemoCases } from './cases.ts'
import { seedDemoMarketplace } from './marketplace.ts'
import { seedDemoResources } from './resources.ts'
import { seedDemoRights } from './rights.ts'
import { seedDemoStewardship } from './stewardship.ts'
import { seedDemoVolunteerActivity } from './volunteer-activity.ts'
import { seedDemoVolunteerEngagement } from './volunteer-engagement.ts'
import { seedDemoVolunteers } from './volunteers.ts'

/** Everything a newcomer sees on first start, in order; used by the server and by `liandong seed`. */
export async function seedAllDemo(db: Db, config: Config, now = new Date()) {
  await seedDemo(db, { hashPassword, now })
  let resources = await seedDemoResources(db, now)
  // Recipients, needs, more resources and referrals in every status (issue 5, item 8).
  const marketplace = await seedDemoMarketplace(db, {
    dataKeys: config.dataKeys,
    responseHours: config.REFERRAL_RESPONSE_HOURS,
    now,
  })
  resources += marketplace?.resources ?? 0
  await seedDemoVolunteers(db, { dataKeys: config.dataKeys, hashPassword, now })
  const records = await seedDemoVolunteerActivity(db, now)
  // Reminders, a waitlist, ratings, a rewards catalogue and certificates (issue 4, items 7–10).
  await seedDemoVolunteerEngagement(db, now)
  // Complaints, an incident, plans and drills, supervision and qualifications (issue 6).
  await seedDemoStewardship(db, { dataKeys: config.dataKeys, now })
  // Cases in every stage of the service process, on the marketplace's recipients (issue 6, items 2–3).
  await seedDemoCases(db, { dataKeys: config.dataKeys, now })
  // Service archives: the closed records filed, a loan, a destruction awaiting approval, a tombstone, a transfer (issue 6, item 5).
  await seedDemoArchives(db, { config, hashPassword, now })
  // Recipients' data requests: open, due soon, overdue, refused and answered (issue 6, item 8).
  await seedDemoRights(db, { dataKeys: config.dataKeys, responseDays: config.RIGHTS_RESPONSE_DAYS, now })
  // The e2e suite's canary values in the sensitive fields (tests only; docs/testing.md).
  if (process.env.DEMO_CANARY)
    await seedDemoCanary(db, { dataKeys: config.dataKeys, now }, process.env.DEMO_CANARY)
  return { resources, records }
}
