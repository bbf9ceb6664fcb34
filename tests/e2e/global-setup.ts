import type { TestProject } from 'vitest/node'
import { chromiumPath, hasChromium } from './browser.ts'
import { startServer } from './server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    /** false when Chromium is missing outside CI: the browser suites skip themselves. */
    chromium: boolean
    /** The server's output, where development mode writes password-reset links. */
    serverLog: string
  }
}

/** One real server for the whole e2e run; see server.ts. Without Chromium there is nothing to drive. */
export default async function setup(project: TestProject) {
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
  const server = await startServer()
  project.provide('chromium', true)
  project.provide('baseUrl', server.baseUrl)
  project.provide('serverLog', server.logFile)
  return () => server.stop()
}
