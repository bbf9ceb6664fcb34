import { createHash, randomBytes } from 'node:crypto'
import { type Db, demoOrgs, jobsRepo, schema } from '@liandong/db'
import { eq } from 'drizzle-orm'
import type { TestApp } from './app.ts'

// Volunteers, opportunities, shifts and course completions written straight into the database,
// so the sign-up, attendance, record and reward suites do not depend on the registration and
// opportunity APIs (tested in their own suites). Sessions are made the way sign-in makes them
// (the cookie is a random token, the row its SHA-256), which is what lets a test act as 200
// volunteers without 200 password hashes.

let counter = 0
const next = () => `${process.pid}${String(++counter).padStart(5, '0')}`

export const HOUR = 3_600_000

export interface VolunteerOptions {
  realName?: string
  birthDate?: string
  skills?: string[]
  districtCodes?: string[]
  guardianConsent?: boolean
  insuranceAcknowledged?: boolean
  nameDisplay?: 'full' | 'surname' | 'anonymous'
  leaderboardOptIn?: boolean
  /** false: an account without a volunteer profile. */
  profile?: boolean
}

export interface TestVolunteer {
  userId: string
  cookie: string
  volunteerNumber: string
  realName: string
}

/** A signed-in volunteer: account, profile and a live session. */
export async function makeVolunteer(
  db: Db,
  options: VolunteerOptions = {},
  now = new Date(),
): Promise<TestVolunteer> {
  const n = next()
  const realName = options.realName ?? `测试${n.slice(-4)}`
  const [user] = await db
    .insert(schema.users)
    .values({ email: `v${n}@test.liandong.cn`, displayName: realName, passwordHash: 'x', isVolunteer: true })
    .returning({ id: schema.users.id })
  const userId = user!.id
  const volunteerNumber = `T${n}`
  if (options.profile !== false) {
    await db.insert(schema.volunteerProfiles).values({
      userId,
      volunteerNumber,
      realName,
      phone: `1${n.padStart(10, '0').slice(-10)}`,
      birthDate: options.birthDate ?? '1990-05-01',
      skills: options.skills ?? [],
      districtCodes: options.districtCodes ?? ['510104'],
      privacyConsentVersion: '2026-01',
      privacyConsentAt: now,
      guardianName: options.guardianConsent ? '监护人' : null,
      guardianRelation: options.guardianConsent ? 'parent' : null,
      guardianPhone: options.guardianConsent ? '13800000000' : null,
      guardianConsentAt: options.guardianConsent ? now : null,
      insuranceAcknowledgedAt: options.insuranceAcknowledged ? now : null,
      nameDisplay: options.nameDisplay ?? 'surname',
      leaderboardOptIn: options.leaderboardOptIn ?? false,
    })
  }
  return { userId, cookie: await sessionFor(db, userId, now), volunteerNumber, realName }
}

/** A live session for an existing user; returns the Cookie header value. */
export async function sessionFor(db: Db, userId: string, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await db.insert(schema.sessions).values({
    id: createHash('sha256').update(token).digest('hex'),
    userId,
    twoFactorPassed: true,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + 30 * 24 * HOUR),
  })
  return `ld_session=${token}`
}

export async function userIdOf(db: Db, email: string): Promise<string> {
  const [row] = await db
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(eq(schema.users.email, email))
  return row!.id
}

/** The id of a demo organization by its key ('cd-agency', 'cd-rehab' …). */
export async function orgIdOf(db: Db, key: string): Promise<string> {
  const name = demoOrgs.find((o) => o.key === key)!.name
  const [row] = await db
    .select({ id: schema.organizations.id })
    .from(schema.organizations)
    .where(eq(schema.organizations.name, name))
  return row!.id
}

export interface OpportunityOptions {
  orgId: string
  title?: string
  minAge?: number
  skills?: string[]
  requiredCourseIds?: string[]
  insuranceRequired?: boolean
  waitlistEnabled?: boolean
  approvalRequired?: boolean
  cancelCutoffHours?: number
  status?: 'draft' | 'published' | 'closed'
}

export async function makeOpportunity(db: Db, options: OpportunityOptions) {
  const [row] = await db
    .insert(schema.opportunities)
    .values({
      orgId: options.orgId,
      title: options.title ?? `社区陪伴服务 ${next().slice(-4)}`,
      description: '陪伴社区独居老人聊天、读报，协助整理家务。',
      needCategory: 'care',
      recipientGroup: '社区独居老人',
      skills: options.skills ?? [],
      requiredCourseIds: options.requiredCourseIds ?? [],
      minAge: options.minAge ?? 16,
      insuranceRequired: options.insuranceRequired ?? false,
      districtCode: '510104',
      address: '成都市锦江区书院街 1 号',
      status: options.status ?? 'published',
      waitlistEnabled: options.waitlistEnabled ?? true,
      approvalRequired: options.approvalRequired ?? false,
      cancelCutoffHours: options.cancelCutoffHours ?? 24,
    })
    .returning()
  return row!
}

export async function makeShift(
  db: Db,
  options: { opportunityId: string; startsAt: Date; hours?: number; capacity?: number; leadUserId?: string },
) {
  const [row] = await db
    .insert(schema.shifts)
    .values({
      opportunityId: options.opportunityId,
      startsAt: options.startsAt,
      endsAt: new Date(options.startsAt.getTime() + (options.hours ?? 3) * HOUR),
      capacity: options.capacity ?? 10,
      leadUserId: options.leadUserId ?? null,
      qrSecret: randomBytes(32).toString('base64url'),
    })
    .returning()
  return row!
}

export async function makeCourse(db: Db, orgId: string, title = '志愿服务通识培训') {
  const [row] = await db
    .insert(schema.courses)
    .values({ orgId, title, mode: 'online', minutes: 90, validityMonths: 12, published: true })
    .returning()
  return row!
}

export async function completeCourse(db: Db, userId: string, courseId: string, expiresAt: Date | null) {
  await db.insert(schema.enrolments).values({
    courseId,
    userId,
    status: 'completed',
    completedAt: new Date(),
    expiresAt,
  })
}

/**
 * Runs the due jobs among `names` once, in this process, as the worker would: claim, run the
 * registered handler, complete. Returns how many ran.
 */
export async function runDueJobs(t: TestApp, names: string[]): Promise<number> {
  const repo = jobsRepo(t.database.db)
  const worker = `test-${next()}`
  const jobs = await repo.claim(worker, names, 100, t.clock.now())
  for (const job of jobs) {
    const handler = t.app.jobs.queue.handler(job.name)!
    await handler({
      id: job.id,
      name: job.name,
      payload: job.payload as Record<string, unknown>,
      attempt: job.attempts,
      maxAttempts: job.maxAttempts,
      signal: new AbortController().signal,
      log: t.app.log,
    })
    await repo.complete(job.id, worker, t.clock.now())
  }
  return jobs.length
}
