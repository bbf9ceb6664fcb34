import { randomBytes, randomInt } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { createDb, type Db } from '@liandong/db'
import { createSecretBox, type SecretBox } from '@liandong/server'
import { sql } from 'drizzle-orm'

// Issue 6, item 8: canary values go into the sensitive fields — seeded into the demo by the server
// (DEMO_CANARY, server/src/demo/canary.ts) and typed into the forms by the e2e tests — and after
// the whole run the global teardown proves that none of them appears in clear in the server's log,
// in any text or JSON column of any table, or in any other file the server wrote (docs/testing.md,
// "Canary values"). Each value is new every run and valid for its field.

/** Seeded by the server on first start (server/src/demo/canary.ts reads exactly these keys). */
export const SEEDED = [
  'seedPhone',
  'seedIdNumber',
  'seedAddress',
  'seedHousehold',
  'seedHealth',
  'seedIncome',
  'seedMilitary',
  'seedNeedPrivate',
  'seedCaseNote',
  'seedComment',
  'seedGuardian',
  'seedComplaintContact',
] as const
/** Typed by the e2e tests into the forms (see EXPECTED for which test and where each must land). */
export const TYPED = [
  'typedPhone',
  'typedNeedPrivate',
  'typedGuardian',
  'typedMilitary',
  'typedCaseNote',
  'typedComplaintContact',
] as const
export type CanaryName = (typeof SEEDED)[number] | (typeof TYPED)[number]
export type Canaries = Record<CanaryName, string>

/**
 * Columns that may hold a canary in clear, with the reason. There are none: every sensitive value
 * is sealed (`…_sealed`) and everything else must never carry one. Add an entry only with a reason
 * a reviewer would accept, and say so in docs/testing.md.
 */
export const ALLOWED_IN_CLEAR: Record<string, string> = {}

/** A mainland mobile number: 1, then 3–9, then nine random digits. */
function phone(): string {
  return `1${randomInt(3, 10)}${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
/** An 18-character resident ID (Chengdu, Jinjiang) with a random birth date and a valid check digit. */
export function residentId(): string {
  const born = new Date(Date.UTC(1940, 0, 1) + randomInt(0, 50 * 365) * 86_400_000)
  const body = `510104${born.toISOString().slice(0, 10).replaceAll('-', '')}${String(randomInt(0, 1000)).padStart(3, '0')}`
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(body[i]), 0)
  return body + '10X98765432'[sum % 11]
}

/** A new set of canaries: free text is `CANARY-<12 hex>-<where>`, phones and IDs are random and valid. */
export function makeCanaries(): Canaries {
  const run = randomBytes(6).toString('hex')
  const text = (where: string) => `CANARY-${run}-${where}`
  return {
    seedPhone: phone(),
    seedIdNumber: residentId(),
    seedAddress: text('seed-address'),
    seedHousehold: text('seed-household'),
    seedHealth: text('seed-health'),
    seedIncome: text('seed-income'),
    seedMilitary: text('seed-military'),
    seedNeedPrivate: text('seed-need'),
    seedCaseNote: text('seed-note'),
    seedComment: text('seed-comment'),
    seedGuardian: text('seed-guardian'),
    seedComplaintContact: phone(),
    typedPhone: phone(),
    typedNeedPrivate: text('typed-need'),
    // The guardian form shows the name masked by its first character (孙*…), which needs.test checks.
    typedGuardian: `孙${text('typed-guardian')}`,
    typedMilitary: text('typed-military'),
    typedCaseNote: text('typed-note'),
    typedComplaintContact: phone(),
  }
}

/** What the server gets in DEMO_CANARY: the seeded values only. */
export const seededJson = (c: Canaries) => JSON.stringify(Object.fromEntries(SEEDED.map((k) => [k, c[k]])))

/** The part of a value searched for: `CANARY-…` inside a longer value, else the whole value. */
export const coreOf = (value: string) => /CANARY-[0-9a-f]+-[a-z-]+/.exec(value)?.[0] ?? value

/** The first and last characters of a value, enough to tell canaries apart in a report. */
export const shortOf = (value: string) =>
  value.length <= 8 ? value : `${value.slice(0, 4)}…${value.slice(-4)}`

export interface Needle {
  name: CanaryName
  encoding: string
  text: string
}

/** Base64 of `value` as it looks inside a longer encoded text, at each of the three byte alignments. */
function base64Variants(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8')
  const out: string[] = []
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.concat([Buffer.alloc(pad), bytes]).toString('base64')
    // Drop the group that mixes the padding with the value, and the last group that the following
    // bytes would change.
    const end = Math.floor((pad + bytes.length) / 3) * 4
    const piece = encoded.slice(pad === 0 ? 0 : 4, end)
    if (piece.length >= 8) out.push(piece)
  }
  return out
}

/** Every form a canary may take in a log line or a column: plain, JSON-escaped, URL-encoded, base64, hex. */
export function needlesOf(canaries: Canaries): Needle[] {
  const out: Needle[] = []
  for (const [name, value] of Object.entries(canaries) as [CanaryName, string][]) {
    const core = coreOf(value)
    const forms: [string, string][] = [
      ['plain', core],
      [
        'json-ascii',
        JSON.stringify(core)
          .slice(1, -1)
          .replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`),
      ],
      ['url', encodeURIComponent(core)],
      ['form', encodeURIComponent(core).replace(/%20/g, '+')],
      ['hex', Buffer.from(core, 'utf8').toString('hex')],
      ...base64Variants(core).flatMap((b): [string, string][] => [
        ['base64', b],
        ['base64url', b.replace(/\+/g, '-').replace(/\//g, '_')],
      ]),
    ]
    const seen = new Set<string>()
    for (const [encoding, text] of forms) {
      if (seen.has(text)) continue
      seen.add(text)
      out.push({ name, encoding, text })
    }
  }
  return out
}

export interface Finding {
  name: CanaryName
  encoding: string
  /** `file:line`, or `table.column` with the row's id. */
  where: string
}

/** Every occurrence of every needle in `bytes`, with its line number (counted only for a hit). */
export function scanBytes(bytes: Buffer, source: string, needles: Needle[]): Finding[] {
  const found: Finding[] = []
  for (const n of needles) {
    const pattern = Buffer.from(n.text, 'utf8')
    let line = 1
    let counted = 0
    for (let at = bytes.indexOf(pattern); at !== -1; at = bytes.indexOf(pattern, at + 1)) {
      for (let i = bytes.indexOf(10, counted); i !== -1 && i < at; i = bytes.indexOf(10, i + 1)) line++
      counted = at
      found.push({ name: n.name, encoding: n.encoding, where: `${source}:${line}` })
    }
  }
  return found
}

export const scanText = (text: string, source: string, needles: Needle[]) =>
  scanBytes(Buffer.from(text, 'utf8'), source, needles)

/** Every regular file under `dir`, as bytes (PGlite's own files too: deleted rows linger there). */
export function scanFolder(dir: string, needles: Needle[]): Finding[] {
  const found: Finding[] = []
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile()) found.push(...scanBytes(readFileSync(full), path.relative(dir, full), needles))
    }
  }
  walk(dir)
  return found
}

export interface DatabaseScan {
  /** Canaries in clear (or encoded) in a column not on ALLOWED_IN_CLEAR. */
  leaks: Finding[]
  /** Where each canary was found after opening the sealed columns: `table.column` → row ids. */
  sealed: Map<CanaryName, { column: string; id: string }[]>
  tables: number
  columns: number
  rows: number
}

/** PGlite answers `{ rows }`, postgres.js an array. */
const rowsOf = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? [])
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`
const isSealed = (column: string) => column.endsWith('_sealed') || column === 'id_number_enc'

/**
 * Reads every text, character, JSON, array and bytea column of every table (outside the system
 * schemas) and looks for every form of every canary. Sealed columns (`…_sealed`) are opened with
 * `box` and searched too: a canary there is where it belongs, and proves that it was stored.
 */
export async function scanDatabase(db: Db, needles: Needle[], box: SecretBox): Promise<DatabaseScan> {
  const rows = rowsOf<{ schema: string; table: string; column: string }>(
    await db.execute(sql`
    select table_schema as schema, table_name as table, column_name as column
    from information_schema.columns c
    where table_schema not in ('pg_catalog', 'information_schema')
      and exists (select 1 from information_schema.tables t
                  where t.table_schema = c.table_schema and t.table_name = c.table_name
                    and t.table_type = 'BASE TABLE')
      and (data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'bytea', 'USER-DEFINED'))
    order by table_schema, table_name, ordinal_position`),
  )
  const byTable = new Map<string, { schema: string; table: string; columns: string[] }>()
  for (const r of rows) {
    const key = `${r.schema}.${r.table}`
    const entry = byTable.get(key) ?? { schema: r.schema, table: r.table, columns: [] }
    entry.columns.push(r.column)
    byTable.set(key, entry)
  }
  // A row is named by its primary key (ctid when a table has none).
  const keys = new Map<string, string[]>()
  for (const k of rowsOf<{ key: string; column: string }>(
    await db.execute(sql`
      select tc.table_schema || '.' || tc.table_name as key, kcu.column_name as column
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu
        on kcu.constraint_schema = tc.constraint_schema and kcu.constraint_name = tc.constraint_name
      where tc.constraint_type = 'PRIMARY KEY'
      order by kcu.ordinal_position`),
  ))
    keys.set(k.key, [...(keys.get(k.key) ?? []), k.column])
  const leaks: Finding[] = []
  const sealed = new Map<CanaryName, { column: string; id: string }[]>()
  let rowCount = 0
  for (const [key, t] of byTable) {
    const label = t.schema === 'public' ? t.table : key
    const pk = keys.get(key)
    const id = pk ? `concat_ws(',', ${pk.map((c) => `${quote(c)}::text`).join(', ')})` : 'ctid::text'
    const select = t.columns.map((c, i) => `${quote(c)}::text as c${i}`).join(', ')
    const result = rowsOf<Record<string, string | null>>(
      await db.execute(
        sql.raw(`select ${id} as row_id, ${select} from ${quote(t.schema)}.${quote(t.table)}`),
      ),
    )
    for (const row of result) {
      rowCount++
      for (const [i, column] of t.columns.entries()) {
        const value = row[`c${i}`]
        if (value === null || value === undefined) continue
        const where = `${label}.${column}`
        if (!(where in ALLOWED_IN_CLEAR))
          for (const n of needles)
            if (value.includes(n.text))
              leaks.push({ name: n.name, encoding: n.encoding, where: `${where} (row ${row.row_id})` })
        if (!isSealed(column)) continue
        let opened: string
        try {
          opened = box.open(value)
        } catch {
          continue
        }
        for (const n of needles)
          if (n.encoding === 'plain' && opened.includes(n.text)) {
            const list = sealed.get(n.name) ?? []
            list.push({ column: where, id: String(row.row_id) })
            sealed.set(n.name, list)
          }
      }
    }
  }
  return { leaks, sealed, tables: byTable.size, columns: rows.length, rows: rowCount }
}

/** One line per finding, naming the canary by its first and last characters only. */
export function report(findings: Finding[], canaries: Canaries): string {
  return findings
    .map((f) => `  ${f.name} (${shortOf(coreOf(canaries[f.name]))}, ${f.encoding}) in ${f.where}`)
    .join('\n')
}

/** A test of the e2e run, by file name and (part of) its title. */
export interface TestRef {
  file: string
  title: string
}
const NEEDS_REVEAL: TestRef = { file: 'needs.test.ts', title: 'reveals a field for a reason' }
const NEEDS_OFFER: TestRef = { file: 'needs.test.ts', title: 'refuses an identifying public summary' }
const CASE_JOURNEY: TestRef = {
  file: 'case-journey.test.ts',
  title: 'goes from registration to a recorded follow-up',
}
const COMPLAINT: TestRef = { file: 'complaints.test.ts', title: 'answered at the desk' }
export const CANARY_REVEAL: TestRef = { file: 'canary.test.ts', title: 'reveals every seeded canary' }

/**
 * Where each canary must be found, opened, after the run: seeded ones always (the server wrote
 * them at start), typed ones when the test that types them passed — so that a clean scan means the
 * values really went through the server.
 */
export const EXPECTED: { name: CanaryName; column: string; test?: TestRef }[] = [
  { name: 'seedPhone', column: 'recipients.phone_sealed' },
  { name: 'seedIdNumber', column: 'recipients.id_number_sealed' },
  { name: 'seedAddress', column: 'recipients.address_sealed' },
  { name: 'seedHousehold', column: 'recipients.household_sealed' },
  { name: 'seedHealth', column: 'recipients.health_sealed' },
  { name: 'seedIncome', column: 'recipients.income_sealed' },
  { name: 'seedMilitary', column: 'recipients.military_sealed' },
  { name: 'seedNeedPrivate', column: 'needs.private_description_sealed' },
  { name: 'seedCaseNote', column: 'case_records.content_sealed' },
  { name: 'seedComment', column: 'case_records.decision_comment_sealed' },
  { name: 'seedGuardian', column: 'recipient_consents.guardian_name_sealed' },
  { name: 'seedComplaintContact', column: 'complaints.contact_sealed' },
  { name: 'typedPhone', column: 'recipients.phone_sealed', test: NEEDS_REVEAL },
  { name: 'typedGuardian', column: 'recipient_consents.guardian_name_sealed', test: NEEDS_REVEAL },
  { name: 'typedNeedPrivate', column: 'needs.private_description_sealed', test: NEEDS_OFFER },
  { name: 'typedMilitary', column: 'recipients.military_sealed', test: CASE_JOURNEY },
  { name: 'typedCaseNote', column: 'case_records.content_sealed', test: CASE_JOURNEY },
  { name: 'typedComplaintContact', column: 'complaints.contact_sealed', test: COMPLAINT },
]

/** Audited reads of a canary field: the row that holds `holder` (found opened) was read for `field`. */
export const REVEALED: {
  holder: CanaryName
  column: string
  action: string
  field: string
  test: TestRef
}[] = [
  {
    holder: 'typedPhone',
    column: 'recipients.phone_sealed',
    action: 'recipient.reveal',
    field: 'phone',
    test: NEEDS_REVEAL,
  },
  ...['phone', 'idNumber', 'address', 'household', 'health', 'income', 'military'].map((field) => ({
    holder: 'seedPhone' as const,
    column: 'recipients.phone_sealed',
    action: 'recipient.reveal',
    field,
    test: CANARY_REVEAL,
  })),
  {
    holder: 'typedComplaintContact',
    column: 'complaints.contact_sealed',
    action: 'complaint.handle',
    field: 'contact',
    test: COMPLAINT,
  },
]

export interface CanaryCheck {
  canaries: Canaries
  /** The e2e folder: `server.log` and the server's `data/` (PGlite in `data/pglite`). */
  folder: string
  logFile: string
  dataKey: Buffer
  /** Whether a test of this run passed (a test that did not run or failed proves nothing). */
  passed(test: TestRef): boolean
}

/**
 * The global teardown's check, after the server stopped: no canary in clear anywhere (log, every
 * file in the folder, every text/JSON column), and each canary that should have gone through the
 * server did (found in its sealed column, its reveal on the audit trail). Returns the problems.
 */
export async function checkCanaries(check: CanaryCheck): Promise<{ problems: string[]; summary: string }> {
  const { canaries } = check
  const needles = needlesOf(canaries)
  const problems: string[] = []
  const inLog = scanBytes(readFileSync(check.logFile), 'server.log', needles)
  const inFiles = scanFolder(check.folder, needles).filter((f) => !f.where.startsWith('server.log:'))
  const database = await createDb({ dataDir: path.join(check.folder, 'data', 'pglite') })
  let scan: DatabaseScan
  const reads: { action: string; target: string; field: string }[] = []
  try {
    scan = await scanDatabase(database.db, needles, createSecretBox({ current: check.dataKey }))
    reads.push(
      ...rowsOf<{ action: string; target: string; field: string }>(
        await database.db.execute(sql`
          select action, target_id as target, coalesce(details->>'reveal', details->>'field') as field
          from audit_log where result = 'ok' and (details ? 'reveal' or details ? 'field')`),
      ),
    )
  } finally {
    await database.close()
  }
  const cap = (findings: Finding[]) =>
    report(findings.slice(0, 40), canaries) +
    (findings.length > 40 ? `\n  … and ${findings.length - 40} more` : '')
  // A scan of nothing would pass: the log must hold the server's request lines.
  if (!readFileSync(check.logFile, 'utf8').includes('"msg":"incoming request"'))
    problems.push('server.log holds no request line: the server output was not captured')
  if (inLog.length) problems.push(`canaries in the server's log (stdout and stderr):\n${cap(inLog)}`)
  if (scan.leaks.length) problems.push(`canaries in clear in the database:\n${cap(scan.leaks)}`)
  if (inFiles.length)
    problems.push(
      `canaries in the files of the data folder (in data/pglite: a row's bytes, perhaps of a deleted or updated row):\n${cap(inFiles)}`,
    )
  let exercised = 0
  for (const e of EXPECTED) {
    if (e.test && !check.passed(e.test)) continue
    const at = scan.sealed.get(e.name)?.filter((s) => s.column === e.column) ?? []
    if (at.length === 0)
      problems.push(
        `${e.name} (${shortOf(coreOf(canaries[e.name]))}) never reached ${e.column}${e.test ? ` although "${e.test.title}" (${e.test.file}) passed` : ' (seeded with DEMO_CANARY)'}`,
      )
    else exercised++
  }
  let revealed = 0
  for (const r of REVEALED) {
    if (!check.passed(r.test)) continue
    const rows = new Set(
      scan.sealed
        .get(r.holder)
        ?.filter((s) => s.column === r.column)
        .map((s) => s.id) ?? [],
    )
    if (reads.some((a) => a.action === r.action && a.field === r.field && rows.has(a.target))) revealed++
    else
      problems.push(
        `no audited ${r.action} of "${r.field}" on the row of ${r.column} holding ${r.holder}, although "${r.test.title}" (${r.test.file}) passed`,
      )
  }
  const summary =
    `[e2e] canary check: ${Object.keys(canaries).length} canaries in ${needles.length} forms; ` +
    `server.log, ${scan.tables} tables (${scan.columns} text/JSON columns, ${scan.rows} rows) and the data folder's files scanned; ` +
    `${exercised} canaries found in their sealed columns, ${revealed} audited reveals; ` +
    `${problems.length === 0 ? 'no canary in clear' : `${problems.length} problems`}`
  return { problems, summary }
}
