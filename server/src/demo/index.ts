import { type Db, seedDemo } from '@liandong/db'
import { hashPassword } from '../auth/passwords.ts'
import type { Config } from '../config.ts'
import { seedDemoResources } from './resources.ts'
import { seedDemoVolunteerActivity } from './volunteer-activity.ts'
import { seedDemoVolunteers } from './volunteers.ts'

/** Everything a newcomer sees on first start, in order; used by the server and by `liandong seed`. */
export async function seedAllDemo(db: Db, config: Config, now = new Date()) {
  await seedDemo(db, { hashPassword, now })
  const resources = await seedDemoResources(db, now)
  await seedDemoVolunteers(db, { dataKeys: config.dataKeys, hashPassword, now })
  const records = await seedDemoVolunteerActivity(db, now)
  return { resources, records }
}
