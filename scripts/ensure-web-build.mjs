#!/usr/bin/env node
// Builds the web UI when the build is missing or older than its sources, so the start command
// works on a fresh clone and starts quickly after that.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const web = path.resolve(import.meta.dirname, '../web')
const marker = path.join(web, 'build/handler.js')

function newest(entry) {
  const stat = statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  let latest = stat.mtimeMs
  for (const name of readdirSync(entry)) latest = Math.max(latest, newest(path.join(entry, name)))
  return latest
}

const sources = [
  'src',
  'messages',
  'static',
  'svelte.config.js',
  'vite.config.ts',
  'package.json',
  'project.inlang/settings.json',
]
  .map((p) => path.join(web, p))
  .filter(existsSync)
const stale = !existsSync(marker) || sources.some((s) => newest(s) > statSync(marker).mtimeMs)
if (stale) {
  console.log('Building the web UI …')
  const result = spawnSync(
    process.execPath,
    [process.env.npm_execpath ?? 'pnpm', '--filter', '@liandong/web', 'build'],
    {
      stdio: 'inherit',
    },
  )
  if (result.status !== 0) process.exit(result.status ?? 1)
}
