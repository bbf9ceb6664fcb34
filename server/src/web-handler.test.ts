import { Readable } from 'node:stream'
import Fastify from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { serveWeb, type WebHandler } from './web-handler.ts'

// A static file that disappears between its stat and its read (a rebuild of the web UI while the
// server runs) must end that one response, not the process.

const apps: ReturnType<typeof Fastify>[] = []
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close()
})

describe('serveWeb', () => {
  it('survives a file stream that fails while piping, and keeps serving', async () => {
    let calls = 0
    const handler: WebHandler = (_req, res) => {
      calls++
      if (calls === 1) {
        const gone = new Readable({
          read() {
            this.destroy(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' }))
          },
        })
        gone.pipe(res)
        return
      }
      res.end('ok')
    }
    const app = Fastify()
    apps.push(app)
    app.setNotFoundHandler((request, reply) => serveWeb(handler, request, reply))
    await app.listen({ host: '127.0.0.1', port: 0 })
    const address = app.server.address() as { port: number }
    const url = `http://127.0.0.1:${address.port}/_app/gone.css`
    await expect(fetch(url).then((r) => r.text())).rejects.toThrow()
    expect(await (await fetch(`http://127.0.0.1:${address.port}/home`)).text()).toBe('ok')
  })
})
