import { existsSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { AppError } from './errors.ts'
import { sendError } from './plugins/envelope.ts'

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void

export const webBuildDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/build')

/**
 * Hands every path that is not /api or /ws to the SvelteKit build (adapter-node's handler), so
 * one process and one port serve everything. Without a build, only the API runs.
 */
export async function mountWeb(app: FastifyInstance, buildDir = webBuildDir): Promise<boolean> {
  const handlerFile = path.join(buildDir, 'handler.js')
  if (!existsSync(handlerFile)) return false
  const { handler } = (await import(pathToFileURL(handlerFile).href)) as { handler: NodeHandler }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api' || request.url.startsWith('/ws')) {
      return sendError(
        request,
        reply,
        new AppError(404, 'route_not_found', {
          method: request.method,
          url: request.url.split('?')[0] ?? '',
        }),
      )
    }
    // Hijacking skips Fastify's reply pipeline, so copy the security headers set so far.
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) reply.raw.setHeader(name, value as string)
    }
    reply.hijack()
    handler(request.raw, reply.raw, () => {
      reply.raw.statusCode = 404
      reply.raw.end()
    })
  })
  return true
}
