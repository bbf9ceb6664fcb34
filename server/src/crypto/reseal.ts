import type { Db } from '@liandong/db'
import { type SQL, sql } from 'drizzle-orm'
import type { SecretBox } from './secret-box.ts'

// Key rotation's second half: after DATA_KEY is replaced (the old key moved to DATA_KEY_PREVIOUS),
// every sealed value is opened and sealed again under the current key, and the keyed hashes used
// to find duplicate ID numbers are recomputed — then the old key can be dropped.
//
// Sealed columns are found by name in the database itself (`…_sealed`, and the volunteers'
// `id_number_enc`), so a table added later is covered without being listed here.

/** Keyed hashes computed from a sealed column of the same row (the sealed value is the normalised number). */
const hashedFrom: Record<string, { sealed: string; hash: string }[]> = {
  recipients: [{ sealed: 'id_number_sealed', hash: 'id_number_hash' }],
  volunteer_profiles: [{ sealed: 'id_number_enc', hash: 'id_number_hash' }],
}

export interface SealedTable {
  table: string
  key: string
  columns: string[]
}

export interface ResealProgress {
  table: string
  done: number
  total: number
}

export interface ResealReport {
  tables: { table: string; columns: string[]; resealed: number }[]
  resealed: number
}

type Row = Record<string, string | null>
const rowsOf = (result: unknown): Row[] =>
  (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[]

/** Every table with sealed columns, with its single-column primary key. */
export async function sealedTables(db: Db): Promise<SealedTable[]> {
  const columns = rowsOf(
    await db.execute(sql`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema()
        and (column_name like '%\_sealed' or column_name = 'id_number_enc')
      order by table_name, column_name`),
  )
  const keys = rowsOf(
    await db.execute(sql`
      select kcu.table_name, kcu.column_name
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu
        on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
      where tc.table_schema = current_schema() and tc.constraint_type = 'PRIMARY KEY'`),
  )
  const byTable = new Map<string, string[]>()
  for (const c of columns) byTable.set(c.table_name!, [...(byTable.get(c.table_name!) ?? []), c.column_name!])
  return [...byTable].map(([table, cols]) => {
    const pk = keys.filter((k) => k.table_name === table).map((k) => k.column_name!)
    if (pk.length !== 1) throw new Error(`${table} has sealed columns but no single-column primary key`)
    return { table, key: pk[0]!, columns: cols }
  })
}

/** Rows of which some sealed value names another key than the current one. */
function staleWhere(t: SealedTable, keyId: string): SQL {
  return sql.join(
    t.columns.map(
      (c) => sql`(${sql.identifier(c)} is not null and split_part(${sql.identifier(c)}, '.', 2) <> ${keyId})`,
    ),
    sql` or `,
  )
}

/**
 * Re-seals every sealed value under the box's current key, in batches, each row with a
 * compare-and-set (a row someone changed meanwhile is picked up again on the next pass).
 * A value sealed under a key that is no longer configured stops the sweep with its table and row.
 */
export async function resealAll(
  db: Db,
  box: SecretBox,
  onProgress: (progress: ResealProgress) => void = () => {},
  batchSize = 200,
): Promise<ResealReport> {
  const report: ResealReport = { tables: [], resealed: 0 }
  for (const t of await sealedTables(db)) {
    const where = staleWhere(t, box.currentKeyId)
    const [counted] = rowsOf(
      await db.execute(sql`select count(*)::text as n from ${sql.identifier(t.table)} where ${where}`),
    )
    const total = Number(counted?.n ?? 0)
    let done = 0
    onProgress({ table: t.table, done, total })
    const hashes = hashedFrom[t.table] ?? []
    for (;;) {
      const batch = rowsOf(
        await db.execute(
          sql`select ${sql.join(
            [t.key, ...t.columns].map((c) => sql`${sql.identifier(c)}::text as ${sql.identifier(c)}`),
            sql`, `,
          )}
              from ${sql.identifier(t.table)} where ${where} limit ${batchSize}`,
        ),
      )
      if (batch.length === 0) break
      for (const row of batch) {
        const sets: SQL[] = []
        const same: SQL[] = []
        for (const c of t.columns) {
          const old = row[c] ?? null
          same.push(old === null ? sql`${sql.identifier(c)} is null` : sql`${sql.identifier(c)} = ${old}`)
          if (old === null) continue
          let plain: string
          try {
            plain = box.open(old)
          } catch (error) {
            throw new Error(
              `${t.table}.${c} of row ${row[t.key]} cannot be opened: ${(error as Error).message}`,
            )
          }
          sets.push(sql`${sql.identifier(c)} = ${box.seal(plain)}`)
          for (const h of hashes)
            if (h.sealed === c) sets.push(sql`${sql.identifier(h.hash)} = ${box.hash(plain)}`)
        }
        await db.execute(
          sql`update ${sql.identifier(t.table)} set ${sql.join(sets, sql`, `)}
              where ${sql.identifier(t.key)} = ${row[t.key]} and ${sql.join(same, sql` and `)}`,
        )
        done++
      }
      onProgress({ table: t.table, done: Math.min(done, total), total })
    }
    report.tables.push({ table: t.table, columns: t.columns, resealed: done })
    report.resealed += done
  }
  return report
}
