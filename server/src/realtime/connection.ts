import type { WebSocket } from '@fastify/websocket'
import type { Principal } from '../auth/principal.ts'
import type { ServerMessage } from './protocol.ts'

/** Past this much unsent data the client is too slow: drop it; it reconnects and refetches. */
const MAX_BUFFERED_BYTES = 1024 * 1024

/** One open socket: who is on it, what it follows, and whether it still answers pings. */
export class Connection {
  readonly topics = new Set<string>()
  /** Set by any pong or message; cleared at each heartbeat. */
  alive = true
  badMessages = 0

  constructor(
    readonly id: string,
    readonly socket: WebSocket,
    readonly principal: Principal,
    /** The sessions row id (hash of the cookie token). */
    readonly sessionId: string,
  ) {}

  get userId(): string {
    return this.principal.userId
  }

  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN
  }

  send(message: ServerMessage): void {
    if (!this.isOpen) return
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.socket.terminate()
      return
    }
    this.socket.send(JSON.stringify(message))
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.CLOSED || this.socket.readyState === this.socket.CLOSING)
      return
    this.socket.close(code, reason)
  }
}
