// Issue 3's benchmark in one run: for 10k and 100k generated resources, the embedded engine (built in
// one process, loaded from its snapshot in another, each holding nothing but the index) against the
// same queries in PostgreSQL with ILIKE and with pg_trgm, in a database created for the run and
// dropped after it.
//
//   cd tests && npx tsx bench/search/compare.ts [--docs 10000,100000] [--pg postgres://…]
//
// Timings are printed, never asserted; the table goes to search/DECISION.md and docs/benchmarks.md.

import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import postgres from 'postgres'
import { loadTable, runQuery, type Variant } from './pg-baseline.ts'
import { BENCH_QUERIES } from './queries.ts'
import { type Latency, latency } from './stats.ts'

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i === -1 ? undefined : process.argv[i + 1]
}
const sizes = (arg('docs') ?? '10000,100000').split(',').map(Number)
const pgUrl = arg('pg') ?? process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const child = fileURLToPath(new URL('./embedded-run.ts', import.meta.url))

type Row = { docs: number; what: string; setupMs?: number; rssMB?: number; extra?: string } & Latency

function embedded(mode: 'build' | 'load', docs: number, dir: string): Record<string, number> {
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', child, '--mode', mode, '--docs', String(docs), '--snapshot', dir],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const line = run.stdout.trim().split('\n').at(-1)
  if (run.status !== 0 || !line) throw new Error(`embedded ${mode} ${docs}: exit ${run.status}`)
  return JSON.parse(line) as Record<string, number>
}

// Other work shares the cores; the load average at both ends says how busy the run was.
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')

async function main() {
  const loadBefore = load()
  const rows: Row[] = []
  const admin = postgres(pgUrl, { max: 1, onnotice: () => {} })
  const dbName = `liandong_bench_${Date.now().toString(36)}`
  await admin.unsafe(`create database ${dbName}`)
  const url = new URL(pgUrl)
  url.pathname = `/${dbName}`
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} })
  try {
    await sql`create extension pg_trgm`
    for (const docs of sizes) {
      const dir = mkdtempSync(join(tmpdir(), 'liandong-bench-'))
      try {
        const b = embedded('build', docs, dir)
        rows.push({
          docs,
          what: 'embedded, built',
          setupMs: b.buildMs,
          rssMB: b.rssMB,
          p50: b.p50!,
          p95: b.p95!,
          p99: b.p99!,
          extra: `snapshot ${b.snapshotMB!.toFixed(1)} MB, saved in ${b.saveMs!.toFixed(0)} ms`,
        })
        const l = embedded('load', docs, dir)
        rows.push({
          docs,
          what: 'embedded, from snapshot',
          setupMs: l.loadMs,
          rssMB: l.rssMB,
          p50: l.p50!,
          p95: l.p95!,
          p99: l.p99!,
        })
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
      console.error(`embedded ${docs}: done`)
      const { loadMs, indexMs } = await loadTable(sql, docs)
      for (const variant of ['ilike', 'trgm'] as Variant[]) {
        const lat = await latency((i) => runQuery(sql, BENCH_QUERIES[i]!, variant), BENCH_QUERIES.length, 2)
        rows.push({
          docs,
          what: variant === 'ilike' ? 'PostgreSQL ILIKE (no index)' : 'PostgreSQL pg_trgm (GIN)',
          setupMs: variant === 'ilike' ? loadMs : indexMs,
          ...lat,
          extra: variant === 'ilike' ? 'setup: insert' : 'setup: trigram index',
        })
      }
      console.error(`postgres ${docs}: done`)
    }
  } finally {
    await sql.end()
    await admin.unsafe(`drop database if exists ${dbName}`)
    await admin.end()
  }
  const fmt = (x: number | undefined) => (x === undefined ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(2))
  console.log(
    `\n${BENCH_QUERIES.length} queries; ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; load average (1, 5, 15 min) at start ${loadBefore}, at end ${load()}\n`,
  )
  console.log(
    '| docs | engine | build/load ms | RSS MB | p50 ms | p95 ms | p99 ms | slower than embedded (p50 / p95) | note |',
  )
  console.log('|---|---|---|---|---|---|---|---|---|')
  for (const r of rows) {
    const ref = rows.find((x) => x.docs === r.docs && x.what === 'embedded, built')!
    const ratio = r.what.startsWith('embedded')
      ? ''
      : `${(r.p50 / ref.p50).toFixed(0)}× / ${(r.p95 / ref.p95).toFixed(0)}×`
    console.log(
      `| ${r.docs} | ${r.what} | ${fmt(r.setupMs)} | ${fmt(r.rssMB)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${ratio} | ${r.extra ?? ''} |`,
    )
  }
}

await main()
