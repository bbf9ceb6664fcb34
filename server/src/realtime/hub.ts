import { type Database, type DbOrTx, schema } from '@liandong/db'
import { inArray, sql } from 'drizzle-orm'
import { uuidv7 } from 'uuidv7'
import type { Config } from '../config.ts'
import type { Clock } from '../context.ts'
import type { Logger } from '../jobs/types.ts'
import { type TopicAuthorizer, TopicAuthorizers } from './authorizers.ts'
import type { Connection } from './connection.ts'
import { CHANGED_EVENT, CloseCode, parseTopic, type ServerMessage, type TopicKind } from './protocol.ts'

/** One channel for every event; each process LISTENs and fans out to its own sockets. */
export const REALTIME_CHANNEL = 'liandong_realtime'
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_NOTIFY_BYTES = 7999
const MAX_TOPICS_PER_CONNECTION = 200

type Notice =
  | { k: 'event'; topic: string; event: string; data: unknown; id: string; at: string }
  | { k: 'end'; sessionId?: string; userId?: string }

export interface HubOptions {
  database: Database
  clock: Clock
  config: Pick<Config, 'SESSION_IDLE_HOURS'>
  log: Logger
  heartbeatMs?: number
}

/**
 * The realtime hub of one process, exposed as `app.realtime`. Publishing goes through PostgreSQL
 * NOTIFY — never straight to local sockets — so every process, this one included, delivers each
 * event the same way, and several processes behind a load balancer stay in step.
 */
export class RealtimeHub {
  readonly heartbeatMs: number
  private readonly connections = new Set<Connection>()
  private readonly subscribers = new Map<string, Set<Connection>>()
  private readonly authorizers = new TopicAuthorizers()
  private unlisten: (() => Promise<void>) | null = null
  private heartbeat: NodeJS.Timeout | null = null
  private closing = false

  constructor(private readonly options: HubOptions) {
    this.heartbeatMs = options.heartbeatMs ?? 30_000
  }

  get isClosing(): boolean {
    return this.closing
  }

  get connectionCount(): number {
    return this.connections.size
  }

  async start(): Promise<void> {
    this.unlisten = await this.options.database.listen(REALTIME_CHANNEL, (payload) => this.receive(payload))
    this.heartbeat = setInterval(() => void this.beat(), this.heartbeatMs)
    this.heartbeat.unref()
  }

  /** Lets a module decide who may follow `shift:<id>`, `referral:<id>` or `need:<id>`. */
  authorize(kind: TopicKind, check: TopicAuthorizer): void {
    this.authorizers.set(kind, check)
  }

  /**
   * Sends `event` to every subscriber of `topic` in every process. Pass `tx` to publish from
   * inside a transaction: NOTIFY is transactional, so the event goes out only if it commits.
   * Payloads too big for NOTIFY become a small `changed` event that tells clients to refetch.
   */
  async publish(topic: string, event: string, data: unknown = null, options: { tx?: DbOrTx } = {}) {
    if (!parseTopic(topic)) throw new Error(`invalid realtime topic "${topic}"`)
    const id = uuidv7()
    const at = this.options.clock.now().toISOString()
    let payload = JSON.stringify({ k: 'event', topic, event, data, id, at } satisfies Notice)
    if (Buffer.byteLength(payload) > MAX_NOTIFY_BYTES) {
      payload = JSON.stringify({
        k: 'event',
        topic,
        event: CHANGED_EVENT,
        data: { event, reason: 'too_large' },
        id,
        at,
      } satisfies Notice)
    }
    await this.notify(payload, options.tx)
    return { id, at }
  }

  /** Closes, in every process, the sockets of a session (sign-out) or of a user (password reset). */
  async endSessions(target: { sessionId: string } | { userId: string }): Promise<void> {
    await this.notify(JSON.stringify({ k: 'end', ...target } satisfies Notice))
  }

  add(connection: Connection): void {
    this.connections.add(connection)
  }

  remove(connection: Connection): void {
    this.connections.delete(connection)
    for (const topic of connection.topics) this.unsubscribeLocal(connection, topic)
  }

  async subscribe(connection: Connection, topic: string): Promise<void> {
    const parsed = parseTopic(topic)
    if (!parsed) return connection.send({ type: 'error', code: 'invalid_topic', topic })
    if (connection.topics.has(topic)) return connection.send({ type: 'subscribed', topic })
    if (connection.topics.size >= MAX_TOPICS_PER_CONNECTION)
      return connection.send({ type: 'error', code: 'too_many_subscriptions', topic })
    if (!(await this.authorizers.allows(connection.principal, parsed.kind, parsed.id)))
      return connection.send({ type: 'error', code: 'forbidden', topic })
    if (!this.connections.has(connection)) return // closed while we checked
    connection.topics.add(topic)
    const set = this.subscribers.get(topic) ?? new Set<Connection>()
    this.subscribers.set(topic, set)
    set.add(connection)
    connection.send({ type: 'subscribed', topic })
  }

  unsubscribe(connection: Connection, topic: string): void {
    this.unsubscribeLocal(connection, topic)
    connection.send({ type: 'unsubscribed', topic })
  }

  /**
   * Closes sockets whose session has ended — signed out elsewhere, expired, or idle too long —
   * by the same rules as the access hook. Runs with every heartbeat; tests call it directly.
   */
  async sweep(): Promise<number> {
    const bySession = new Map<string, Connection[]>()
    for (const c of this.connections) bySession.set(c.sessionId, [...(bySession.get(c.sessionId) ?? []), c])
    if (bySession.size === 0) return 0
    const { sessions } = schema
    const rows = await this.options.database.db
      .select({ id: sessions.id, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt })
      .from(sessions)
      .where(inArray(sessions.id, [...bySession.keys()]))
    const now = this.options.clock.now().getTime()
    const idleMs = this.options.config.SESSION_IDLE_HOURS * 3_600_000
    const live = new Set(
      rows
        .filter((r) => r.expiresAt.getTime() > now && r.lastSeenAt.getTime() + idleMs > now)
        .map((r) => r.id),
    )
    let closed = 0
    for (const [sessionId, connections] of bySession) {
      if (live.has(sessionId)) continue
      for (const c of connections) c.close(CloseCode.sessionEnded, 'session_ended')
      closed += connections.length
    }
    return closed
  }

  /**
   * Graceful shutdown: no new sockets, a 1001 "going away" to every client (they reconnect to
   * another process or to this one once it is back), and a hard close for any that linger.
   */
  async close(graceMs = 2_000): Promise<void> {
    this.closing = true
    if (this.heartbeat) clearInterval(this.heartbeat)
    const open = [...this.connections]
    const closed = Promise.all(
      open.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.socket.readyState === c.socket.CLOSED) return resolve()
            c.socket.once('close', () => resolve())
            c.close(CloseCode.goingAway, 'server_shutdown')
          }),
      ),
    )
    let timer: NodeJS.Timeout | undefined
    await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))])
    clearTimeout(timer)
    for (const c of open) c.socket.terminate()
    await this.unlisten?.().catch(() => {})
    this.unlisten = null
  }

  private async notify(payload: string, tx?: DbOrTx): Promise<void> {
    if (tx) await tx.execute(sql`select pg_notify(${REALTIME_CHANNEL}, ${payload})`)
    else await this.options.database.notify(REALTIME_CHANNEL, payload)
  }

  private receive(payload: string): void {
    let notice: Notice
    try {
      notice = JSON.parse(payload) as Notice
    } catch {
      this.options.log.warn('ignored a malformed realtime notification')
      return
    }
    if (notice.k === 'event') {
      const message: ServerMessage = {
        type: 'event',
        topic: notice.topic,
        event: notice.event,
        data: notice.data,
        id: notice.id,
        at: notice.at,
      }
      for (const c of this.subscribers.get(notice.topic) ?? []) c.send(message)
    } else if (notice.k === 'end') {
      for (const c of this.connections) {
        if (c.sessionId === notice.sessionId || c.userId === notice.userId)
          c.close(CloseCode.sessionEnded, 'session_ended')
      }
    }
  }

  private unsubscribeLocal(connection: Connection, topic: string): void {
    connection.topics.delete(topic)
    const set = this.subscribers.get(topic)
    if (!set) return
    set.delete(connection)
    if (set.size === 0) this.subscribers.delete(topic)
  }

  /** Drops sockets that missed a ping since the last beat, pings the rest, checks sessions. */
  private async beat(): Promise<void> {
    for (const c of this.connections) {
      if (!c.alive) {
        c.socket.terminate()
        continue
      }
      c.alive = false
      c.socket.ping()
    }
    try {
      await this.sweep()
    } catch (error) {
      this.options.log.warn({ err: error }, 'realtime session sweep failed')
    }
  }
}
