import { and, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { passwordResets, sessions, users } from '../schema/accounts.ts'
import { memberships, organizations } from '../schema/organizations.ts'

export type User = typeof users.$inferSelect
export type NewUser = typeof users.$inferInsert
export type Session = typeof sessions.$inferSelect

export const accountsRepo = (db: DbOrTx) => ({
  async findUserByEmail(email: string): Promise<User | undefined> {
    const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()))
    return row
  },
  async findUserById(id: string): Promise<User | undefined> {
    const [row] = await db.select().from(users).where(eq(users.id, id))
    return row
  },
  async createUser(values: NewUser): Promise<User> {
    const [row] = await db
      .insert(users)
      .values({ ...values, email: values.email.toLowerCase() })
      .returning()
    return row!
  },
  async updateUser(id: string, values: Partial<NewUser>): Promise<User | undefined> {
    const [row] = await db.update(users).set(values).where(eq(users.id, id)).returning()
    return row
  },
  /** Counts a failed sign-in atomically and locks the account when the limit is reached. */
  async recordFailedSignIn(id: string, maxFailures: number, lockUntil: Date): Promise<User | undefined> {
    const [row] = await db
      .update(users)
      .set({
        failedSignIns: sql`${users.failedSignIns} + 1`,
        lockedUntil: sql`case when ${users.failedSignIns} + 1 >= ${maxFailures} then ${lockUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`,
      })
      .where(eq(users.id, id))
      .returning()
    return row
  },
  async clearFailedSignIns(id: string): Promise<void> {
    await db.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.id, id))
  },

  async createSession(values: typeof sessions.$inferInsert): Promise<Session> {
    const [row] = await db.insert(sessions).values(values).returning()
    return row!
  },
  /** The session, its user and the user's memberships in one round trip (it runs on every request). */
  async findSession(id: string) {
    const rows = await db
      .select({
        session: sessions,
        user: users,
        orgId: memberships.orgId,
        role: memberships.role,
        orgName: organizations.name,
        orgKind: organizations.kind,
        orgStatus: organizations.status,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .leftJoin(memberships, eq(memberships.userId, sessions.userId))
      .leftJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(eq(sessions.id, id))
      .orderBy(organizations.name)
    const first = rows[0]
    if (!first) return undefined
    const userMemberships = rows.flatMap((r) =>
      r.orgId && r.role && r.orgName && r.orgKind && r.orgStatus
        ? [{ orgId: r.orgId, role: r.role, orgName: r.orgName, orgKind: r.orgKind, orgStatus: r.orgStatus }]
        : [],
    )
    return { session: first.session, user: first.user, memberships: userMemberships }
  },
  async touchSession(id: string, at: Date, expiresAt?: Date): Promise<void> {
    await db
      .update(sessions)
      .set(expiresAt ? { lastSeenAt: at, expiresAt } : { lastSeenAt: at })
      .where(eq(sessions.id, id))
  },
  async updateSession(id: string, values: Partial<typeof sessions.$inferInsert>): Promise<void> {
    await db.update(sessions).set(values).where(eq(sessions.id, id))
  },
  async deleteSession(id: string): Promise<void> {
    await db.delete(sessions).where(eq(sessions.id, id))
  },
  async deleteUserSessions(userId: string): Promise<void> {
    await db.delete(sessions).where(eq(sessions.userId, userId))
  },
  async deleteOtherSessions(userId: string, keepId: string): Promise<void> {
    await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepId)))
  },
  async deleteExpiredSessions(now: Date): Promise<number> {
    const rows = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id })
    return rows.length
  },

  async memberships(userId: string) {
    return db
      .select({
        orgId: memberships.orgId,
        role: memberships.role,
        orgName: organizations.name,
        orgKind: organizations.kind,
        orgStatus: organizations.status,
      })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(eq(memberships.userId, userId))
      .orderBy(organizations.name)
  },

  async createPasswordReset(values: typeof passwordResets.$inferInsert): Promise<void> {
    await db.insert(passwordResets).values(values)
  },
  /** Marks a reset token used and returns its user, or nothing if it is unknown, used or expired. */
  async consumePasswordReset(tokenHash: string, now: Date): Promise<string | undefined> {
    const [row] = await db
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResets.tokenHash, tokenHash),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now),
        ),
      )
      .returning({ userId: passwordResets.userId })
    return row?.userId
  },
})
