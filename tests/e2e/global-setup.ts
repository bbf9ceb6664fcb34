import { randomBytes } from 'node:crypto'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { chromiumPath, hasChromium } from './browser.ts'
import { type Canaries, checkCanaries, makeCanaries, seededJson, type TestRef } from './canary.ts'
import { startServer } from './server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    /** false when Chromium is missing outside CI: the browser suites skip themselves. */
    chromium: boolean
    /** The server's output, where development mode writes password-reset links. */
    serverLog: string
    /** This run's canary values: the tests type the `typed…` ones into sensitive fields (canary.ts). */
    canaries: Canaries
  }
}

interface Task {
  name: string
  type: string
  mode: string
  result?: { state?: string }
  tasks?: Task[]
  filepath?: string
  projectName?: string
}

/** One real server for the whole e2e run; see server.ts. Without Chromium there is nothing to drive. */
export default async function setup(project: TestProject) {
  const canaries = makeCanaries()
  project.provide('canaries', canaries)
  if (!hasChromium()) {
    if (process.env.CI === 'true') throw new Error(`[e2e] Chromium not found at ${chromiumPath} (CI=true)`)
    const bar = '!'.repeat(72)
    console.warn(
      `\n${bar}\n!!  e2e skipped: no Chromium at ${chromiumPath}\n!!  apt-get install chromium fonts-wqy-microhei\n${bar}\n`,
    )
    project.provide('chromium', false)
    project.provide('baseUrl', '')
    project.provide('serverLog', '')
    return
  }
  // A key of this run's own, so that the teardown can open the sealed columns it checks.
  const dataKey = randomBytes(32)
  const server = await startServer({
    DEMO_CANARY: seededJson(canaries),
    DATA_KEY: dataKey.toString('base64'),
  })
  project.provide('chromium', true)
  project.provide('baseUrl', server.baseUrl)
  project.provide('serverLog', server.logFile)

  // After every file ran: stop the server, then prove that no canary reached a log or a table in clear.
  return async () => {
    await server.stop({ keepData: true })
    try {
      const tests: { file: string; name: string; state?: string }[] = []
      const walk = (task: Task, file: string) => {
        if (task.type === 'test') tests.push({ file, name: task.name, state: task.result?.state })
        for (const child of task.tasks ?? []) walk(child, file)
      }
      for (const file of project.vitest.state.getFiles() as unknown as Task[])
        if ((file.projectName ?? '') === project.name) walk(file, path.basename(file.filepath ?? file.name))
      const passed = (ref: TestRef) =>
        tests.some((t) => t.file === ref.file && t.name.includes(ref.title) && t.state === 'pass')
      const { problems, summary } = await checkCanaries({
        canaries,
        folder: server.dataDir,
        logFile: server.logFile,
        dataKey,
        passed,
      })
      console.log(summary)
      if (problems.length) {
        // vitest reports a throwing teardown but still exits 0: the exit code says it instead.
        process.exitCode = 1
        const text = `[e2e] canary check failed (docs/testing.md, "Canary values"):\n${problems.map((p) => `- ${p}`).join('\n')}`
        console.error(text)
        throw new Error(text)
      }
    } finally {
      if (process.env.E2E_KEEP_DATA === 'true') console.log(`[e2e] data folder kept: ${server.dataDir}`)
      else server.removeData()
    }
  }
}
