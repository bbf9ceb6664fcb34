import { demoSignIns } from '@liandong/db'
import { ConfigError, loadConfig } from './config.ts'
import { createServer } from './server.ts'

const SHUTDOWN_TIMEOUT_MS = 10_000

async function main() {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(78)
    }
    throw error
  }

  const started = performance.now()
  const { app, web } = await createServer(config)

  let closing = false
  // While draining, answers end their keep-alive connections, and connections that fall idle are
  // closed — otherwise a client's idle keep-alive socket would hold server.close() open.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close')
    return payload
  })
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down: draining requests')
    const timer = setTimeout(() => {
      app.log.error('shutdown took too long; exiting')
      process.exit(1)
    }, SHUTDOWN_TIMEOUT_MS)
    timer.unref()
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100)
    sweep.unref()
    try {
      await app.close()
      process.exit(0)
    } catch (error) {
      app.log.error({ err: error }, 'error while shutting down')
      process.exit(1)
    }
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  process.once('SIGINT', () => void shutdown('SIGINT'))

  await app.listen({ host: config.HOST, port: config.PORT })
  const url = `http://localhost:${config.PORT}`
  const lines = [
    '',
    `  联动 Liandong is running at ${url}  (ready in ${Math.round(performance.now() - started)} ms)`,
    `  API reference: ${url}/api/docs · database: ${config.dbMode} · search: ${config.searchMode}`,
  ]
  if (!web) lines.push('  The web UI is not built: run `pnpm build` (the start command does this for you).')
  if (config.DEMO) {
    lines.push('', '  Demo sign-ins (password for all shown once below):')
    const accounts = demoSignIns()
    for (const a of accounts) lines.push(`    ${a.role.padEnd(15)} ${a.email}`)
    lines.push(`    password: ${accounts[0]?.password}`)
  }
  console.log(lines.join('\n') + '\n')
}

main().catch((error) => {
  if (error?.name === 'DataDirLockedError') {
    console.error(`\n  ${error.message}\n`)
    process.exit(75)
  }
  console.error(error)
  process.exit(1)
})
