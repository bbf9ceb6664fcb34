import { eq } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { users } from '../schema/accounts.ts'
import { memberships, organizations } from '../schema/organizations.ts'
import { DEMO_PASSWORD, demoAccounts, demoOrgs } from './demo-accounts.ts'

export interface SeedOptions {
  hashPassword(password: string): Promise<string>
  now?: Date
}

/** True once the demo data is in (the platform admin account is the marker). */
export async function isSeeded(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, demoAccounts[0]!.email))
  return Boolean(row)
}

/**
 * Deterministic demo data: the same organizations and accounts every time, in one transaction,
 * so a half-seeded database never exists.
 */
export async function seedDemo(db: Db, options: SeedOptions): Promise<void> {
  const passwordHash = await options.hashPassword(DEMO_PASSWORD)
  const now = options.now ?? new Date()
  await db.transaction(async (tx) => {
    const orgIds = new Map<string, string>()
    for (const org of demoOrgs) {
      const [row] = await tx
        .insert(organizations)
        .values({
          name: org.name,
          kind: org.kind,
          status: org.status,
          districtCode: org.districtCode,
          address: org.address,
          creditCode: org.creditCode,
          description: org.description,
          reviewedAt: org.status === 'approved' ? now : null,
        })
        .returning({ id: organizations.id })
      orgIds.set(org.key, row!.id)
    }
    for (const account of demoAccounts) {
      const [user] = await tx
        .insert(users)
        .values({
          email: account.email,
          displayName: account.displayName,
          passwordHash,
          isVolunteer: account.volunteer,
          platformRole: account.platformRole ?? null,
          isDemo: true,
        })
        .returning({ id: users.id })
      if (account.org) {
        await tx
          .insert(memberships)
          .values({ orgId: orgIds.get(account.org.key)!, userId: user!.id, role: account.org.role })
      }
    }
    for (const org of demoOrgs) {
      const creator = demoAccounts.find((a) => a.org?.key === org.key && a.org.role === 'org_admin')
      if (!creator) continue
      const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.email, creator.email))
      await tx
        .update(organizations)
        .set({ createdBy: u!.id })
        .where(eq(organizations.id, orgIds.get(org.key)!))
    }
  })
}
