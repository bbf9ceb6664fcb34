import type { WebsocketPluginOptions } from '@fastify/websocket'
import type { FastifyInstance } from 'fastify'

/**
 * Options for @fastify/websocket, which app.ts registers with the external plugins — before the
 * access hook, so that its own hooks run on every upgrade: one of them destroys the socket after
 * a refused upgrade (401), which otherwise stays open and holds up app.close().
 */
export const websocketOptions: WebsocketPluginOptions = {
  // Client messages are tiny (subscribe/unsubscribe/ping).
  options: { maxPayload: 4096 },
  // Our own shutdown: 1001 to every client, then terminate stragglers, so app.close() is prompt.
  preClose: async function (this: FastifyInstance) {
    if (this.hasDecorator('realtime')) await this.realtime.close()
    await new Promise<void>((resolve) => this.websocketServer.close(() => resolve()))
  },
}
