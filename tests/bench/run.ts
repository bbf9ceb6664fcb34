// HTTP and process figures for docs/benchmarks.md. Usage: pnpm bench (from the repo root).
// Starts the real server (PGlite, demo data) and a bare Fastify baseline as separate processes,
// measures start-up, idle memory and throughput/latency with autocannon, and prints a Markdown
// table. Figures are printed, never asserted.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import postgres from 'postgres'
import { freePort, startServerProcess, waitForHealth } from '../support/server-process.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const rssMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function load(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: 20, duration: 8, headers })
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  }
}

interface ServerFigures {
  firstStart: number
  warmStart: number
  idleRss: number
  loadedRss: number
  health: Awaited<ReturnType<typeof load>>
  me: Awaited<ReturnType<typeof load>>
  orgs: Awaited<ReturnType<typeof load>>
}

/** Starts the server twice (first and warm start) with `env`, then loads three routes. */
async function measureServer(env: Record<string, string>): Promise<ServerFigures> {
  let t0 = Date.now()
  let server = startServerProcess({ LOG_LEVEL: 'warn', JOBS: 'true', ...env }, await freePort())
  await waitForHealth(server.url)
  const firstStart = Date.now() - t0
  server.child.kill('SIGTERM')
  await server.exited
  t0 = Date.now()
  server = startServerProcess({ LOG_LEVEL: 'warn', JOBS: 'true', ...env }, await freePort())
  await waitForHealth(server.url)
  const warmStart = Date.now() - t0
  await sleep(5000)
  const idleRss = rssMb(server.child.pid!)
  const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'worker.cd@demo.liandong.cn', password: 'Liandong-demo-2026' }),
  })
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!
  const health = await load(`${server.url}/api/health`)
  const me = await load(`${server.url}/api/me`, { cookie })
  const orgs = await load(`${server.url}/api/organizations`, { cookie })
  const loadedRss = rssMb(server.child.pid!)
  server.child.kill('SIGTERM')
  await server.exited
  return { firstStart, warmStart, idleRss, loadedRss, health, me, orgs }
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'liandong-bench-'))
const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const benchDb = `liandong_bench_${Date.now().toString(36)}`
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
try {
  const baselinePort = await freePort()
  const baseline = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'baseline-server.ts')], {
    cwd: path.join(here, '../..'),
    env: { ...process.env, PORT: String(baselinePort) },
    stdio: 'ignore',
  })
  await sleep(3000)
  const bare = await load(`http://127.0.0.1:${baselinePort}/ping`)
  baseline.kill('SIGTERM')

  const lite = await measureServer({ DATA_DIR: dataDir })
  await admin.unsafe(`create database ${benchDb}`)
  const pgUrl = new URL(adminUrl)
  pgUrl.pathname = `/${benchDb}`
  const pg = await measureServer({ DATABASE_URL: pgUrl.toString(), DATA_DIR: dataDir })

  const pct = (x: { rps: number }) => `${((x.rps / bare.rps) * 100).toFixed(1)} %`
  const row = (name: string, a: Awaited<ReturnType<typeof load>>, b: Awaited<ReturnType<typeof load>>) =>
    `| ${name} | ${a.rps} · ${a.p50}/${a.p99} ms · ${pct(a)} | ${b.rps} · ${b.p50}/${b.p99} ms · ${pct(b)} |`
  console.log(
    [
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
      '',
      '| measure | PGlite (embedded) | PostgreSQL 15 |',
      '|---|---|---|',
      `| first start (create, migrate, seed; to /api/health) | ${lite.firstStart} ms | ${pg.firstStart} ms |`,
      `| warm start (to /api/health) | ${lite.warmStart} ms | ${pg.warmStart} ms |`,
      `| idle RSS after 5 s | ${lite.idleRss.toFixed(0)} MB | ${pg.idleRss.toFixed(0)} MB |`,
      `| RSS after the load runs | ${lite.loadedRss.toFixed(0)} MB | ${pg.loadedRss.toFixed(0)} MB |`,
      '',
      `Baseline in the same run: bare Fastify \`/ping\` in its own process — ${bare.rps} req/s, p50 ${bare.p50} ms, p99 ${bare.p99} ms.`,
      '',
      '| route (20 connections, 8 s): req/s · p50/p99 · share of baseline | PGlite | PostgreSQL 15 |',
      '|---|---|---|',
      row('`GET /api/health`', lite.health, pg.health),
      row('`GET /api/me` (session, user and memberships in one query)', lite.me, pg.me),
      row('`GET /api/organizations` (session + list + count)', lite.orgs, pg.orgs),
      '',
      `Errors or non-2xx during the runs: ${[lite, pg].flatMap((f) => [f.health, f.me, f.orgs]).reduce((n, r) => n + r.errors, 0) + bare.errors}`,
    ].join('\n'),
  )
} finally {
  await admin.unsafe(`drop database if exists ${benchDb} with (force)`)
  await admin.end()
  rmSync(dataDir, { recursive: true, force: true })
}
