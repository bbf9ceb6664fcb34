import WebSocket from 'ws'

// A framework-free client for /ws that follows docs/realtime.md: reconnect with exponential
// backoff and jitter, resubscribe on every hello, stop for good on 4401 (session ended). The web
// client does the same with the browser's WebSocket; this one also lets tests await messages.

export type ServerMessage =
  | { type: 'hello'; connectionId: string; userId: string; heartbeatMs: number; at: string }
  | { type: 'subscribed' | 'unsubscribed'; topic: string }
  | { type: 'event'; topic: string; event: string; data: unknown; id: string; at: string }
  | { type: 'error'; code: string; topic?: string }
  | { type: 'pong' }

export interface ReconnectingClientOptions {
  url: string
  cookie?: string
  minDelayMs?: number
  maxDelayMs?: number
  /** Called on every hello: the place to refetch what the page shows. */
  onResync?: (hello: Extract<ServerMessage, { type: 'hello' }>) => void
}

type Waiter = { match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }

export class ReconnectingClient {
  readonly received: ServerMessage[] = []
  /** Every close seen, with its code, and every delay waited before reconnecting. */
  readonly closes: number[] = []
  readonly delays: number[] = []
  connects = 0
  state: 'connecting' | 'open' | 'waiting' | 'ended' | 'stopped' = 'connecting'
  private socket: WebSocket | null = null
  private readonly topics = new Set<string>()
  private failures = 0
  private timer: NodeJS.Timeout | null = null
  private waiters: Waiter[] = []

  constructor(private readonly options: ReconnectingClientOptions) {
    this.connect()
  }

  subscribe(topic: string): void {
    this.topics.add(topic)
    this.send({ type: 'subscribe', topic })
  }

  unsubscribe(topic: string): void {
    this.topics.delete(topic)
    this.send({ type: 'unsubscribe', topic })
  }

  send(message: object): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message))
  }

  /** Resolves with the first message (already received from `since`, or future) that matches. */
  next(match: (m: ServerMessage) => boolean, timeoutMs = 10_000, since = 0): Promise<ServerMessage> {
    const seen = this.received.slice(since).find(match)
    if (seen) return Promise.resolve(seen)
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { match, resolve }
      this.waiters.push(waiter)
      setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter)
        reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.received)}`))
      }, timeoutMs).unref()
    })
  }

  stop(): void {
    this.state = 'stopped'
    if (this.timer) clearTimeout(this.timer)
    this.socket?.terminate()
  }

  private connect(): void {
    this.state = 'connecting'
    const headers = this.options.cookie ? { cookie: this.options.cookie } : undefined
    const socket = new WebSocket(this.options.url, { headers })
    this.socket = socket
    socket.on('open', () => {
      this.state = 'open'
      this.connects++
    })
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as ServerMessage
      if (message.type === 'hello') {
        // A clean handshake resets the backoff; every topic is asked for again.
        this.failures = 0
        for (const topic of this.topics) this.send({ type: 'subscribe', topic })
        this.options.onResync?.(message)
      }
      this.received.push(message)
      for (const w of this.waiters.filter((w) => w.match(message))) {
        this.waiters = this.waiters.filter((x) => x !== w)
        w.resolve(message)
      }
    })
    // A refused handshake (e.g. 401) surfaces as 'unexpected-response' and then 'close' 1006.
    socket.on('unexpected-response', (_request, response) => {
      this.closes.push(response.statusCode ?? 0)
      if (response.statusCode === 401) this.end()
      socket.terminate()
    })
    socket.on('error', () => {})
    socket.on('close', (code) => {
      if (this.socket !== socket) return
      this.closes.push(code)
      if (code === 4401) this.end()
      if (this.state === 'ended' || this.state === 'stopped') return
      this.scheduleReconnect()
    })
  }

  private end(): void {
    this.state = 'ended'
    if (this.timer) clearTimeout(this.timer)
  }

  /** Equal jitter over an exponentially growing window: 0.5–1 × min·2^n, capped. */
  private scheduleReconnect(): void {
    const min = this.options.minDelayMs ?? 500
    const max = this.options.maxDelayMs ?? 30_000
    const window = Math.min(max, min * 2 ** Math.min(this.failures, 16))
    const delay = Math.round(window * (0.5 + Math.random() / 2))
    this.failures++
    this.delays.push(delay)
    this.state = 'waiting'
    this.timer = setTimeout(() => this.connect(), delay)
  }
}
