import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort, startServerProcess, waitForHealth } from '../support/server-process.ts'

// The start command's process, for real: PGlite in a data folder, a lock against a second
// opener, graceful shutdown on SIGTERM, and data that survives a restart.
const dataDir = mkdtempSync(path.join(tmpdir(), 'liandong-lifecycle-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('server process', () => {
  it('locks the data folder, drains on SIGTERM, and keeps data across a restart', async () => {
    const env = { DATA_DIR: dataDir, DEMO: 'true', JOBS: 'true' }
    const first = startServerProcess(env, await freePort())
    await waitForHealth(first.url)
    expect(first.output()).toContain('联动 Liandong is running')
    expect(first.output()).toContain('admin@demo.liandong.cn')

    // A second process on the same folder refuses at once with a clear message.
    const second = startServerProcess(env, await freePort())
    const code = await second.exited
    expect(code).toBe(75)
    expect(second.output()).toContain('already in use')

    // A request in flight when SIGTERM arrives still completes; then the process exits 0.
    const signUp = fetch(`${first.url}/api/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'survivor@example.org',
        password: 'survive the restart 1',
        displayName: '幸存者',
      }),
    })
    await new Promise((r) => setTimeout(r, 20))
    const stopStarted = Date.now()
    first.child.kill('SIGTERM')
    expect((await signUp).status).toBe(201)
    expect(await first.exited).toBe(0)
    expect(Date.now() - stopStarted).toBeLessThan(10_000)

    const again = startServerProcess(env, await freePort())
    try {
      await waitForHealth(again.url)
      const signIn = await fetch(`${again.url}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'survivor@example.org', password: 'survive the restart 1' }),
      })
      expect(signIn.status).toBe(200)
      // Seeded once: the demo admin exists exactly once after a restart.
      expect(again.output()).not.toContain('error')
    } finally {
      again.child.kill('SIGTERM')
      expect(await again.exited).toBe(0)
    }
  })

  it('names each bad variable and exits', async () => {
    const bad = startServerProcess({ DATA_DIR: dataDir, PORT: 'eighty', DEMO: 'perhaps' }, 0)
    expect(await bad.exited).toBe(78)
    expect(bad.output()).toContain('PORT')
    expect(bad.output()).toContain('DEMO')
  })
})
