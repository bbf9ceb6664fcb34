import { type DbOrTx, type OrgRole, schema } from '@liandong/db'
import { and, eq, inArray } from 'drizzle-orm'
import { grants } from '../../auth/permissions.ts'
import type { Principal } from '../../auth/principal.ts'
import { ForbiddenError, NotFoundError } from '../../errors.ts'
import type { ArchiveRow } from './archive.filing.ts'

const { archives, memberships } = schema

/** Roles that keep an agency's archive (hold `archive.manage`): supervisors and org admins. */
export const keeperRoles = (Object.keys(grants) as (keyof typeof grants)[]).filter(
  (role) => grants[role]['archive.manage'] !== undefined,
) as OrgRole[]

/** The archive keepers of an organization (told about requests and due files). */
export async function keepersOf(db: DbOrTx, orgId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, keeperRoles)))
  return rows.map((r) => r.userId)
}

/** May see the file: readers of the keeping agency, its borrowers, keepers of an agency asked to take it. */
export function mayView(p: Principal, row: ArchiveRow) {
  return (
    p.canInOrg('archive.read', row.orgId) ||
    p.canInOrg('archive.borrow', row.orgId) ||
    (row.transferToOrgId !== null && p.canInOrg('archive.manage', row.transferToOrgId))
  )
}

export async function loadArchive(db: DbOrTx, p: Principal, id: string, lock = false): Promise<ArchiveRow> {
  const query = db.select().from(archives).where(eq(archives.id, id))
  const [row] = lock ? await query.for('update') : await query
  if (!row || !mayView(p, row)) throw new NotFoundError()
  return row
}

/** A keeper of the agency that holds the file; others who may see it get 403, the rest 404. */
export async function loadAsKeeper(db: DbOrTx, p: Principal, id: string, lock = false) {
  const row = await loadArchive(db, p, id, lock)
  if (!p.canInOrg('archive.manage', row.orgId)) throw new ForbiddenError()
  return row
}

export const DESTROYED_MARKER = '〔已按保管期限销毁 · destroyed after retention〕'
