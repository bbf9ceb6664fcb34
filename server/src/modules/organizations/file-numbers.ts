import type { DbOrTx } from '@liandong/db'
import { and, desc, eq, like } from 'drizzle-orm'
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core'

/** A table whose rows carry a per-organization file number (`code`). */
export interface FileSeries {
  table: PgTable
  orgId: PgColumn
  code: PgColumn
}

/**
 * The next file number of an organization's series for a year: a letter, the year and a
 * four-digit count — R2026-0001 (recipients), C2026-0002 (cases), A2026-0003 (archives). Call it
 * inside the transaction that inserts the row; the unique index on (org, code) settles a race.
 */
export async function nextFileNumber(
  db: DbOrTx,
  series: FileSeries,
  orgId: string,
  letter: string,
  year: string | number,
): Promise<string> {
  const prefix = `${letter}${year}-`
  const [last] = await db
    .select({ code: series.code })
    .from(series.table)
    .where(and(eq(series.orgId, orgId), like(series.code, `${prefix}%`)))
    .orderBy(desc(series.code))
    .limit(1)
  const seq = last ? Number(String(last.code).slice(prefix.length)) + 1 : 1
  return `${prefix}${String(Number.isFinite(seq) ? seq : 1).padStart(4, '0')}`
}
