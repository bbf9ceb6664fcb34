import { api } from '$lib/api/client.ts'
import { sessionExpired } from '$lib/session-expiry.ts'

// The browser side of docs/realtime.md; tests/realtime/reconnecting-client.ts is the reference
// client and this one behaves the same way. Events are hints: on every `hello` the pages refetch.

export interface RealtimeEvent {
  topic: string
  event: string
  data: unknown
  id: string
  at: string
}

type ServerMessage =
  | { type: 'hello'; connectionId: string; userId: string; heartbeatMs: number; at: string }
  | { type: 'subscribed' | 'unsubscribed'; topic: string }
  | ({ type: 'event' } & RealtimeEvent)
  | { type: 'error'; code: string; topic?: string }
  | { type: 'pong' }

export type ConnectionStatus = 'connecting' | 'connected' | 'offline'
type Handler = (event: RealtimeEvent) => void

const MIN_DELAY_MS = 500
const MAX_DELAY_MS = 30_000
/** Session ended: the only close code after which we do not come back. */
const SESSION_ENDED = 4401
/** How many event ids to remember, to drop an event delivered twice. */
const SEEN_LIMIT = 200

export class Realtime {
  status = $state<ConnectionStatus>('offline')
  /** True once a `hello` arrived; the header says "reconnecting" only for a link that was up. */
  everConnected = $state(false)
  /** Failed attempts since the last `hello` (the backoff exponent). */
  failures = $state(0)

  #socket: WebSocket | null = null
  #handlers = new Map<string, Set<Handler>>()
  #resync = new Set<() => void>()
  #timer: ReturnType<typeof setTimeout> | undefined
  #heartbeat: ReturnType<typeof setInterval> | undefined
  #heardSinceLastPing = true
  #seen: string[] = []
  #running = false
  #url: string

  constructor(url?: string) {
    this.#url = url ?? `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`
  }

  /** Opens the connection (after sign-in) and keeps it open until `stop`. */
  start(): void {
    if (this.#running) return
    this.#running = true
    addEventListener('online', this.#wake)
    addEventListener('offline', this.#sleep)
    document.addEventListener('visibilitychange', this.#wake)
    this.#connect()
  }

  /** Closes for good (sign-out, or the session ended). Subscriptions are kept for the next start. */
  stop(): void {
    this.#running = false
    removeEventListener('online', this.#wake)
    removeEventListener('offline', this.#sleep)
    document.removeEventListener('visibilitychange', this.#wake)
    clearTimeout(this.#timer)
    this.#drop(1000)
    this.status = 'offline'
    this.everConnected = false
    this.failures = 0
  }

  /**
   * Follows a topic; the handler receives its events until the returned function is called.
   * Fits `$effect(() => realtime.subscribe(topic, handler))`.
   */
  subscribe(topic: string, handler: Handler): () => void {
    let set = this.#handlers.get(topic)
    if (!set) {
      set = new Set()
      this.#handlers.set(topic, set)
      this.#send({ type: 'subscribe', topic })
    }
    set.add(handler)
    return () => {
      const current = this.#handlers.get(topic)
      if (!current) return
      current.delete(handler)
      if (current.size === 0) {
        this.#handlers.delete(topic)
        this.#send({ type: 'unsubscribe', topic })
      }
    }
  }

  /** Called on every `hello` after the first: the place to refetch what a page shows. */
  onResync(callback: () => void): () => void {
    this.#resync.add(callback)
    return () => this.#resync.delete(callback)
  }

  #connect(): void {
    clearTimeout(this.#timer)
    if (!this.#running) return
    if (document.hidden || !navigator.onLine) {
      // Paused; #wake reconnects when the tab is shown or the network returns.
      this.status = 'offline'
      return
    }
    this.status = 'connecting'
    let greeted = false
    const socket = new WebSocket(this.#url)
    this.#socket = socket
    socket.onmessage = (frame) => {
      let message: ServerMessage
      try {
        message = JSON.parse(String(frame.data)) as ServerMessage
      } catch {
        return
      }
      this.#heardSinceLastPing = true
      if (message.type === 'hello') {
        const again = this.everConnected
        greeted = true
        this.failures = 0
        this.status = 'connected'
        this.everConnected = true
        for (const topic of this.#handlers.keys()) this.#send({ type: 'subscribe', topic })
        this.#startHeartbeat(message.heartbeatMs)
        // What happened while we were away is not replayed: pages refetch.
        if (again) for (const callback of this.#resync) callback()
      } else if (message.type === 'event') {
        this.#deliver(message)
      }
    }
    socket.onclose = (event) => {
      if (this.#socket !== socket) return
      this.#socket = null
      this.#stopHeartbeat()
      if (event.code === SESSION_ENDED) return this.#ended()
      // A refused handshake (401: no live session) looks like 1006 before any hello; ask /api/me.
      if (event.code === 1006 && !greeted) void this.#checkSession()
      else this.#scheduleReconnect()
    }
  }

  #deliver(message: RealtimeEvent): void {
    if (this.#seen.includes(message.id)) return
    this.#seen.push(message.id)
    if (this.#seen.length > SEEN_LIMIT) this.#seen.shift()
    for (const handler of this.#handlers.get(message.topic) ?? []) {
      try {
        handler(message)
      } catch (error) {
        console.error(error)
      }
    }
  }

  async #checkSession(): Promise<void> {
    const response = await api.GET('/api/me').then(
      (r) => r.response,
      () => undefined,
    )
    if (!this.#running) return
    if (response?.status === 401) this.#ended()
    else this.#scheduleReconnect()
  }

  #ended(): void {
    this.stop()
    sessionExpired()
  }

  /** Equal jitter over an exponentially growing window: 0.5–1 × min·2^n, capped at max. */
  #scheduleReconnect(): void {
    if (!this.#running) return
    const window = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** Math.min(this.failures, 16))
    const delay = Math.round(window * (0.5 + Math.random() / 2))
    this.failures++
    this.status = 'connecting'
    this.#timer = setTimeout(() => this.#connect(), delay)
  }

  /**
   * Browsers answer the server's pings but cannot see them, so we send our own `ping` each
   * heartbeat; a link that stayed silent for a whole heartbeat is dead and is replaced.
   */
  #startHeartbeat(ms: number): void {
    this.#stopHeartbeat()
    this.#heardSinceLastPing = true
    this.#heartbeat = setInterval(() => {
      if (!this.#heardSinceLastPing) {
        this.#drop(4000)
        this.#scheduleReconnect()
        return
      }
      this.#heardSinceLastPing = false
      this.#send({ type: 'ping' })
    }, ms)
  }

  #stopHeartbeat(): void {
    clearInterval(this.#heartbeat)
    this.#heartbeat = undefined
  }

  /** Forgets the socket at once: a dead link may take minutes to report its close. (Browsers
   * accept only 1000 and 3000–4999 as close codes.) */
  #drop(code: number): void {
    this.#stopHeartbeat()
    const socket = this.#socket
    this.#socket = null
    if (socket) {
      socket.onclose = null
      socket.onmessage = null
      if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN)
        socket.close(code)
    }
  }

  #send(message: object): void {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(message))
  }

  /** The browser lost its network: the link is gone whatever the socket says; wait for `online`. */
  #sleep = () => {
    if (!this.#running) return
    clearTimeout(this.#timer)
    this.#drop(1000)
    this.status = 'offline'
  }

  /** The tab came back or the network returned: reconnect now rather than after the backoff. */
  #wake = () => {
    if (!this.#running || document.hidden || !navigator.onLine) return
    if (this.#socket) return
    this.#connect()
  }
}

/** The one connection of this tab; created lazily because the module also loads where there is no window. */
let instance: Realtime | undefined
export function realtime(): Realtime {
  instance ??= new Realtime()
  return instance
}
