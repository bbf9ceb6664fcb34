// The cost of the hash-chained audit trail, for docs/benchmarks.md. Usage (repo root):
//   npx -y pnpm@10.34.9 --filter @liandong/tests exec tsx bench/audit-chain.ts
// 1. HTTP, PostgreSQL: the real server as a separate process; autocannon on two audited writes
//    (PATCH /api/me — an UPDATE plus its audit row — and a refused POST, whose only write is the
//    audit row), after a warm-up, with the chain trigger on, then off (superuser ALTER TABLE), then on again.
// 2. PGlite, in process: sequential and 20-way concurrent audit appends, trigger on and off.
// 3. `verifyAuditChain` over everything written. Figures are printed, never asserted.
import { cpus } from 'node:os'
import { auditRepo, createDb, verifyAuditChain } from '@liandong/db'
import autocannon from 'autocannon'
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { freePort, startServerProcess, waitForHealth } from '../support/server-process.ts'

const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const benchDb = `liandong_audit_bench_${Date.now().toString(36)}`
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })

async function load(url: string, method: 'PATCH' | 'POST', body: string, cookie: string) {
  const result = await autocannon({
    url,
    method,
    body,
    connections: 20,
    duration: 8,
    headers: { cookie, 'content-type': 'application/json' },
  })
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99 }
}

async function appendRate(db: Awaited<ReturnType<typeof createDb>>['db'], n: number, parallel: number) {
  const repo = auditRepo(db)
  const t0 = performance.now()
  for (let i = 0; i < n; i += parallel)
    await Promise.all(
      Array.from({ length: Math.min(parallel, n - i) }, (_, j) =>
        repo.append({ action: 'bench.append', result: 'ok', details: { i: i + j } }),
      ),
    )
  return Math.round(n / ((performance.now() - t0) / 1000))
}

const lines: string[] = []
try {
  await admin.unsafe(`create database ${benchDb}`)
  const url = new URL(adminUrl)
  url.pathname = `/${benchDb}`
  const server = startServerProcess(
    { DATABASE_URL: url.toString(), LOG_LEVEL: 'warn', JOBS: 'false', AUTH_RATE_LIMIT: '10000' },
    await freePort(),
  )
  await waitForHealth(server.url, 600_000).catch((error) => {
    server.child.kill('SIGTERM')
    console.error(server.output())
    throw error
  })
  const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'worker.cd@demo.liandong.cn', password: 'Liandong-demo-2026' }),
  })
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!
  const bench = postgres(url.toString(), { max: 1, onnotice: () => {} })
  const runs: Record<string, Awaited<ReturnType<typeof load>>> = {}
  // Warm up (JIT, connection pool, caches) so the first measured run is not the slowest for that alone.
  await load(`${server.url}/api/me`, 'PATCH', '{"locale":"zh-CN"}', cookie)
  await load(`${server.url}/api/search/reindex`, 'POST', '{}', cookie)
  for (const chain of ['on', 'off', 'on again'] as const) {
    await bench.unsafe(
      `alter table audit_log ${chain === 'off' ? 'disable' : 'enable'} trigger audit_log_chain`,
    )
    runs[`patch ${chain}`] = await load(`${server.url}/api/me`, 'PATCH', '{"locale":"zh-CN"}', cookie)
    runs[`denied ${chain}`] = await load(`${server.url}/api/search/reindex`, 'POST', '{}', cookie)
  }
  server.child.kill('SIGTERM')
  await server.exited
  // Rows written with the trigger off are unchained: count and verify only the chained ones.
  const [counts] = await bench<{ chained: number; all: number }[]>`
    select count(seq)::int as chained, count(*)::int as all from audit_log`
  const { chained, all } = counts!
  const pg = await createDb({ url: url.toString(), maxConnections: 2 })
  await pg.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`)
  await pg.db.execute(sql`delete from audit_log where seq is null`)
  await pg.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`)
  let t0 = performance.now()
  const pgReport = await verifyAuditChain(pg.db)
  const pgVerifyMs = Math.round(performance.now() - t0)
  await pg.close()
  await bench.end()

  const lite = await createDb({ dataDir: 'memory://' })
  await lite.migrate()
  const liteRates: Record<string, number> = {}
  for (const chain of ['on', 'off'] as const) {
    await lite.db.execute(
      sql.raw(`alter table audit_log ${chain === 'off' ? 'disable' : 'enable'} trigger audit_log_chain`),
    )
    liteRates[`seq ${chain}`] = await appendRate(lite.db, 3000, 1)
    liteRates[`par ${chain}`] = await appendRate(lite.db, 3000, 20)
  }
  await lite.db.execute(sql.raw('alter table audit_log enable trigger audit_log_chain'))
  await lite.db.execute(sql.raw('alter table audit_log disable trigger audit_log_no_update'))
  await lite.db.execute(sql.raw('delete from audit_log where seq is null'))
  await lite.db.execute(sql.raw('alter table audit_log enable trigger audit_log_no_update'))
  t0 = performance.now()
  const liteReport = await verifyAuditChain(lite.db)
  const liteVerifyMs = Math.round(performance.now() - t0)
  await lite.close()

  const r = (x: Awaited<ReturnType<typeof load>>) => `${x.rps} · ${x.p50}/${x.p99} ms`
  const share = (on: number, off: number) => `${(((off - on) / off) * 100).toFixed(1)} %`
  lines.push(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
    '',
    '| PostgreSQL, HTTP (20 connections, 8 s): req/s · p50/p99 | chain on | chain off | chain on again |',
    '|---|---|---|---|',
    `| \`PATCH /api/me\` (UPDATE + audit row) | ${r(runs['patch on']!)} | ${r(runs['patch off']!)} | ${r(runs['patch on again']!)} |`,
    `| refused \`POST /api/search/reindex\` (audit row only) | ${r(runs['denied on']!)} | ${r(runs['denied off']!)} | ${r(runs['denied on again']!)} |`,
    '',
    `Throughput lost to the chain (first run vs off): PATCH ${share(runs['patch on']!.rps, runs['patch off']!.rps)}, refused POST ${share(runs['denied on']!.rps, runs['denied off']!.rps)}.`,
    `Audit rows written: ${all} (${chained} chained); verifying the ${pgReport.rows} chained rows: ${pgVerifyMs} ms (${pgReport.ok ? 'intact' : `broken: ${pgReport.broken?.reason}`}).`,
    '',
    '| PGlite, in process: audit appends per second | chain on | chain off |',
    '|---|---|---|',
    `| one at a time | ${liteRates['seq on']} | ${liteRates['seq off']} |`,
    `| 20 at a time | ${liteRates['par on']} | ${liteRates['par off']} |`,
    '',
    `Verifying ${liteReport.rows} PGlite rows: ${liteVerifyMs} ms (${liteReport.ok ? 'intact' : `broken: ${liteReport.broken?.reason}`}).`,
  )
  console.log(lines.join('\n'))
} finally {
  await admin.unsafe(`drop database if exists ${benchDb} with (force)`)
  await admin.end()
}
