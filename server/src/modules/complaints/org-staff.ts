import { type DbOrTx, type OrgRole, schema } from '@liandong/db'
import { and, eq, inArray } from 'drizzle-orm'

/** Accounts holding one of `roles` in an approved organization: who gets alerts and escalations. */
export async function orgStaffIds(db: DbOrTx, orgId: string, roles: readonly OrgRole[]): Promise<string[]> {
  const rows = await db
    .selectDistinct({ userId: schema.memberships.userId })
    .from(schema.memberships)
    .innerJoin(schema.organizations, eq(schema.organizations.id, schema.memberships.orgId))
    .where(
      and(
        eq(schema.memberships.orgId, orgId),
        inArray(schema.memberships.role, [...roles]),
        eq(schema.organizations.status, 'approved'),
      ),
    )
  return rows.map((r) => r.userId)
}

/** The caller's role in an organization, or null (for rules finer than an action's grant). */
export async function memberRole(db: DbOrTx, orgId: string, userId: string): Promise<OrgRole | null> {
  const [row] = await db
    .select({ role: schema.memberships.role })
    .from(schema.memberships)
    .where(and(eq(schema.memberships.orgId, orgId), eq(schema.memberships.userId, userId)))
  return row?.role ?? null
}

/** Supervisors and admins: the people an organization's alerts and escalations go to. */
export const overseers: readonly OrgRole[] = ['supervisor', 'org_admin']
