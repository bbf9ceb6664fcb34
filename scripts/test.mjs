#!/usr/bin/env node
// The one test command (README's second Quick start command): lint and format check, type
// check of every package, then every vitest project. Suites that need PostgreSQL or Chromium
// run when those are present and say loudly when they are skipped; with CI=true they are
// mandatory and a missing one fails the run.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import net from 'node:net'

const ci = process.env.CI === 'true'
const pgUrl = new URL(process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const extraArgs = process.argv.slice(2)

const banner = (text) => console.log(`\n\x1b[1m▶ ${text}\x1b[0m`)
const loud = (text) => console.log(`\n\x1b[33;1m${'!'.repeat(72)}\n!! ${text}\n${'!'.repeat(72)}\x1b[0m\n`)

function run(title, command, args, env = {}) {
  banner(title)
  const started = Date.now()
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (result.status !== 0) {
    console.error(`\n✗ ${title} failed after ${seconds} s`)
    process.exit(result.status ?? 1)
  }
  console.log(`✓ ${title} (${seconds} s)`)
}

const reachable = (host, port) =>
  new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port), timeout: 2000 })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
  })

const projects = ['unit', 'process', 'pglite']
if (await reachable(pgUrl.hostname, pgUrl.port || 5432)) projects.push('postgres')
else if (ci) {
  console.error(
    `CI=true but PostgreSQL is not reachable at ${pgUrl.host}: the PostgreSQL suites are mandatory in CI.`,
  )
  process.exit(1)
} else loud(`skipped: no PostgreSQL at ${pgUrl.host} — the database suites ran on PGlite only`)

if (existsSync(chromium)) projects.push('e2e')
else if (ci) {
  console.error(`CI=true but Chromium is missing at ${chromium}: the browser suites are mandatory in CI.`)
  process.exit(1)
} else
  loud(
    `skipped: no Chromium at ${chromium} — the browser suites did not run (apt install chromium fonts-wqy-microhei)`,
  )

if (!process.env.MEILI_URL)
  loud('skipped: no Meilisearch (set MEILI_URL) — the search suites ran on the embedded engine only')

// Through the pnpm that runs this script (`pnpm test`), or the pinned one when run directly.
const execpath = process.env.npm_execpath
const pnpm = (args) =>
  execpath && /pnpm/.test(execpath)
    ? [process.execPath, [execpath, ...args]]
    : ['npx', ['-y', 'pnpm@10.34.9', ...args]]

run('lint and format (biome)', ...pnpm(['exec', 'biome', 'check', '.']))
run('type check (tsc, svelte-check)', ...pnpm(['-r', '--workspace-concurrency=1', 'typecheck']))
const [command, args] = pnpm([
  'exec',
  'vitest',
  'run',
  ...projects.flatMap((p) => ['--project', p]),
  ...extraArgs,
])
run(`tests: ${projects.join(', ')}`, command, args, { LIANDONG_TEST_PROJECTS: projects.join(',') })
console.log('\n✓ all checks passed')
