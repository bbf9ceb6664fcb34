import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { uuidv7 } from 'uuidv7'
import { AppError } from '../errors.ts'
import { Connection } from './connection.ts'
import { RealtimeHub } from './hub.ts'
import { CloseCode, parseClientMessage } from './protocol.ts'
import { wsRouteSchema } from './realtime.schemas.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Publish events, register topic checks, end sessions' sockets; see server/src/realtime. */
    realtime: RealtimeHub
  }
}

/** A client that keeps sending garbage is cut off (it may reconnect). */
const MAX_BAD_MESSAGES = 20

export interface RealtimeOptions {
  heartbeatMs?: number
}

/**
 * GET /ws and `app.realtime`. app.ts registers @fastify/websocket itself (see websocket.ts). The
 * access hook has already loaded the session from the cookie and refused an anonymous upgrade
 * with 401 before the handshake completes; here the socket joins the hub.
 */
export default fp(
  async (app: FastifyInstance, options: RealtimeOptions) => {
    const { database, clock, config } = app.infra
    const hub = new RealtimeHub({
      database,
      clock,
      config,
      log: app.log.child({ module: 'realtime' }),
      heartbeatMs: options.heartbeatMs,
    })
    await hub.start()
    app.decorate('realtime', hub)

    app.route({
      method: 'GET',
      url: '/ws',
      config: { action: 'realtime.connect' },
      schema: wsRouteSchema,
      // A plain GET (no Upgrade header) gets 426; `wsHandler` rather than `websocket: true` keeps
      // the route in the OpenAPI document (the plugin hides `websocket: true` routes).
      handler: async () => {
        throw new AppError(426, 'bad_request', {}, undefined, { upgrade: 'websocket' })
      },
      wsHandler: (socket, request) => {
        const principal = request.principal
        const session = request.session
        if (!principal || !session || hub.isClosing) {
          socket.close(hub.isClosing ? CloseCode.goingAway : CloseCode.sessionEnded)
          return
        }
        const connection = new Connection(uuidv7(), socket, principal, session.id)
        hub.add(connection)
        // Subscribe checks are async; a chain keeps each socket's messages in the order sent.
        let chain = Promise.resolve()
        const inOrder = (step: () => void | Promise<void>) => {
          chain = chain
            .then(step)
            .catch((error) => request.log.warn({ err: error }, 'realtime message failed'))
        }
        socket.on('pong', () => {
          connection.alive = true
        })
        socket.on('message', (data, isBinary) => {
          connection.alive = true
          const message = isBinary ? null : parseClientMessage(data.toString())
          if (!message) {
            connection.send({ type: 'error', code: 'bad_request' })
            if (++connection.badMessages > MAX_BAD_MESSAGES)
              connection.close(CloseCode.policy, 'bad_messages')
            return
          }
          if (message.type === 'ping') connection.send({ type: 'pong' })
          else if (message.type === 'subscribe') inOrder(() => hub.subscribe(connection, message.topic))
          else inOrder(() => hub.unsubscribe(connection, message.topic))
        })
        socket.on('close', () => hub.remove(connection))
        connection.send({
          type: 'hello',
          connectionId: connection.id,
          userId: principal.userId,
          heartbeatMs: hub.heartbeatMs,
          at: clock.now().toISOString(),
        })
      },
    })
  },
  { name: 'realtime', dependencies: ['infra', 'access', '@fastify/websocket'] },
)
