import { existsSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { FastifyReply, FastifyRequest } from 'fastify'

/** adapter-node's `handler`: a connect-style middleware serving the SvelteKit build. */
export type WebHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void

export const webBuildDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/build')

/** Loads the SvelteKit build if there is one; without it only the API runs. */
export async function loadWebHandler(buildDir = webBuildDir): Promise<WebHandler | undefined> {
  const handlerFile = path.join(buildDir, 'handler.js')
  if (!existsSync(handlerFile)) return undefined
  const module = (await import(pathToFileURL(handlerFile).href)) as { handler: WebHandler }
  return module.handler
}

export const isApiPath = (url: string) =>
  url === '/api' || url.startsWith('/api/') || url === '/ws' || url.startsWith('/ws?')

/**
 * Hands a request Fastify has no route for to SvelteKit, so one process and one port serve
 * everything. Hijacking skips Fastify's reply pipeline, so the security headers set so far
 * are copied onto the raw response first.
 */
export function serveWeb(handler: WebHandler, request: FastifyRequest, reply: FastifyReply) {
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) reply.raw.setHeader(name, value as string)
  }
  reply.hijack()
  // adapter-node pipes static files from disk without an error listener: a file that vanished
  // after its stat (a rebuild while running) would crash the process. End this response instead.
  reply.raw.once('pipe', (source) => {
    source.once('error', () => reply.raw.destroy())
  })
  handler(request.raw, reply.raw, () => {
    reply.raw.statusCode = 404
    reply.raw.end()
  })
}
