import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const web = path.join(root, 'web')

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'paraglide' || entry.name.startsWith('.')) continue
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }
  return newest
}

/** Builds the web app when there is no build or its sources changed since. */
function ensureWebBuild() {
  const handler = path.join(web, 'build', 'handler.js')
  const sources = Math.max(newestMtime(path.join(web, 'src')), newestMtime(path.join(web, 'messages')))
  if (existsSync(handler) && statSync(handler).mtimeMs >= sources) return
  console.log('[e2e] building web/ …')
  execFileSync(path.join(web, 'node_modules', '.bin', 'vite'), ['build'], { cwd: web, stdio: 'inherit' })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

async function waitReady(url: string, child: ChildProcess, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`[e2e] server exited with code ${child.exitCode}`)
    try {
      const response = await fetch(`${url}/api/ready`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`[e2e] server not ready at ${url} after ${timeoutMs} ms`)
}

export interface RunningServer {
  baseUrl: string
  logFile: string
  /** The temporary folder: `server.log` and the server's DATA_DIR (`data/`, PGlite in `data/pglite`). */
  dataDir: string
  /** Stops the server and removes the folder — or keeps it (`keepData`) for the canary scan. */
  stop(options?: { keepData?: boolean }): Promise<void>
  /** Removes the folder (after `stop({ keepData: true })`). */
  removeData(): void
}

/**
 * Starts the real server (UI and API on one port) on a free port with a fresh PGlite folder and
 * demo data. Used by the e2e global setup and by the screenshot script. `env` adds variables
 * (the e2e run passes its canary values and data key, see canary.ts).
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  ensureWebBuild()
  const dataDir = mkdtempSync(path.join(tmpdir(), 'liandong-e2e-'))
  const logFile = path.join(dataDir, 'server.log')
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: path.join(dataDir, 'data'),
      DEMO: 'true',
      LOG_LEVEL: 'info',
      // Every test signs in several times from one address.
      AUTH_RATE_LIMIT: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const log = createWriteStream(logFile)
  // Two sources, one file: neither may end it (the first to end would cut the other's last lines).
  child.stdout?.pipe(log, { end: false })
  child.stderr?.pipe(log, { end: false })
  // 'close' comes after the process exited and its output streams were read to the end.
  const closed = new Promise((r) => child.once('close', r))
  try {
    await waitReady(baseUrl, child)
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
  const removeData = () => rmSync(dataDir, { recursive: true, force: true })
  return {
    baseUrl,
    logFile,
    dataDir,
    removeData,
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        let timer: NodeJS.Timeout | undefined
        await Promise.race([closed, new Promise((r) => (timer = setTimeout(r, 12_000)))])
        clearTimeout(timer)
        if (child.exitCode === null) child.kill('SIGKILL')
      }
      await Promise.race([closed, new Promise((r) => setTimeout(r, 2_000).unref())])
      // Everything the server wrote is on disk before anyone reads the log.
      await new Promise<void>((resolve) => log.end(resolve))
      if (!keepData) removeData()
    },
  }
}
