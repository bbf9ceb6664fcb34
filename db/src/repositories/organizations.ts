import { and, asc, count, desc, eq, gt, ilike, inArray, isNull, type SQL, sql } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { users } from '../schema/accounts.ts'
import type { OrgKind, OrgRole, OrgStatus } from '../schema/enums.ts'
import { invitations, memberships, organizations } from '../schema/organizations.ts'

export type Organization = typeof organizations.$inferSelect
export type NewOrganization = typeof organizations.$inferInsert
export type Invitation = typeof invitations.$inferSelect

export interface OrgListFilter {
  ids?: string[]
  status?: OrgStatus
  kind?: OrgKind
  q?: string
  limit: number
  offset: number
}

export const organizationsRepo = (db: DbOrTx) => ({
  async create(values: NewOrganization): Promise<Organization> {
    const [row] = await db.insert(organizations).values(values).returning()
    return row!
  },
  async update(id: string, values: Partial<NewOrganization>): Promise<Organization | undefined> {
    const [row] = await db.update(organizations).set(values).where(eq(organizations.id, id)).returning()
    return row
  },
  async findById(id: string): Promise<Organization | undefined> {
    const [row] = await db.select().from(organizations).where(eq(organizations.id, id))
    return row
  },
  async findByCreditCode(code: string): Promise<Organization | undefined> {
    const [row] = await db.select().from(organizations).where(eq(organizations.creditCode, code))
    return row
  },
  async list(filter: OrgListFilter): Promise<{ items: Organization[]; total: number }> {
    const where: SQL[] = []
    // An empty id list means "none visible", not "no filter".
    if (filter.ids) where.push(filter.ids.length ? inArray(organizations.id, filter.ids) : sql`false`)
    if (filter.status) where.push(eq(organizations.status, filter.status))
    if (filter.kind) where.push(eq(organizations.kind, filter.kind))
    if (filter.q) where.push(ilike(organizations.name, `%${filter.q.replace(/[%_\\]/g, '\\$&')}%`))
    const condition = where.length ? and(...where) : undefined
    const [items, [totalRow]] = await Promise.all([
      db
        .select()
        .from(organizations)
        .where(condition)
        .orderBy(desc(organizations.createdAt))
        .limit(filter.limit)
        .offset(filter.offset),
      db.select({ n: count() }).from(organizations).where(condition),
    ])
    return { items, total: totalRow?.n ?? 0 }
  },
  /** Moves a pending organization to approved or rejected; returns nothing if it was not pending. */
  async review(id: string, status: 'approved' | 'rejected', reviewer: string, note: string | null, at: Date) {
    const [row] = await db
      .update(organizations)
      .set({ status, reviewedBy: reviewer, reviewedAt: at, reviewNote: note })
      .where(and(eq(organizations.id, id), eq(organizations.status, 'pending')))
      .returning()
    return row
  },

  async addMember(orgId: string, userId: string, role: OrgRole) {
    const [row] = await db
      .insert(memberships)
      .values({ orgId, userId, role })
      .onConflictDoNothing()
      .returning()
    return row
  },
  async members(orgId: string) {
    return db
      .select({
        userId: users.id,
        displayName: users.displayName,
        email: users.email,
        role: memberships.role,
        joinedAt: memberships.createdAt,
        twoFactor: users.totpEnabledAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.orgId, orgId))
      .orderBy(asc(users.displayName))
  },
  async membership(orgId: string, userId: string) {
    const [row] = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    return row
  },
  async setMemberRole(orgId: string, userId: string, role: OrgRole) {
    const [row] = await db
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
      .returning()
    return row
  },
  async removeMember(orgId: string, userId: string): Promise<boolean> {
    const rows = await db
      .delete(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
      .returning({ id: memberships.id })
    return rows.length > 0
  },
  async countAdmins(orgId: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'org_admin')))
    return row?.n ?? 0
  },

  async createInvitation(values: typeof invitations.$inferInsert): Promise<Invitation> {
    const [row] = await db.insert(invitations).values(values).returning()
    return row!
  },
  async openInvitations(orgId: string, now: Date): Promise<Invitation[]> {
    return db
      .select()
      .from(invitations)
      .where(
        and(
          eq(invitations.orgId, orgId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
        ),
      )
      .orderBy(desc(invitations.createdAt))
  },
  async findOpenInvitation(tokenHash: string, now: Date) {
    const [row] = await db
      .select({ invitation: invitations, orgName: organizations.name, orgStatus: organizations.status })
      .from(invitations)
      .innerJoin(organizations, eq(organizations.id, invitations.orgId))
      .where(
        and(
          eq(invitations.tokenHash, tokenHash),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
        ),
      )
    return row
  },
  async markInvitationAccepted(id: string, at: Date): Promise<boolean> {
    const rows = await db
      .update(invitations)
      .set({ acceptedAt: at })
      .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id })
    return rows.length > 0
  },
  async revokeInvitation(orgId: string, id: string, at: Date): Promise<boolean> {
    const rows = await db
      .update(invitations)
      .set({ revokedAt: at })
      .where(
        and(
          eq(invitations.orgId, orgId),
          eq(invitations.id, id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id })
    return rows.length > 0
  },
})
