import type { Socket } from 'node:net'
import websocket from '@fastify/websocket'
import type { FastifyInstance } from 'fastify'

/**
 * Registers @fastify/websocket. app.ts calls this before the access hook, so that the plugin's own
 * hooks run on every upgrade: one of them destroys the socket after a refused upgrade (401), which
 * otherwise stays open and holds up app.close().
 *
 * Shutdown is ours: 1001 to every client, then terminate stragglers, so app.close() is prompt. One
 * more case needs care. Fastify answers requests that arrive while it closes with a 503 and skips
 * every hook; for an upgrade that 503 is written on a bare socket nobody ends, and the HTTP server
 * waits for that socket for ever. Clients reconnecting at the moment a server shuts down do exactly
 * that, so every upgrade socket is tracked until it closes, those still open when the hub has shut
 * are destroyed, and upgrades that arrive later are refused at once.
 */
export async function registerWebsocket(app: FastifyInstance): Promise<void> {
  const upgrades = new Set<Socket>()
  let closing = false
  app.server.on('upgrade', (_request, socket: Socket) => {
    if (closing) return socket.destroy()
    upgrades.add(socket)
    socket.once('close', () => upgrades.delete(socket))
  })

  await app.register(websocket, {
    // Client messages are tiny (subscribe/unsubscribe/ping).
    options: { maxPayload: 4096 },
    preClose: async function (this: FastifyInstance) {
      closing = true
      if (this.hasDecorator('realtime')) await this.realtime.close()
      await new Promise<void>((resolve) => this.websocketServer.close(() => resolve()))
      for (const socket of upgrades) socket.destroy()
    },
  })
}
