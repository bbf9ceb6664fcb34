import { type AddressInfo, connect } from 'node:net'
import { createDb, type Database } from '@liandong/db'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { signIn, type TestApp, testApp } from '../support/app.ts'
import { freshDatabase } from '../support/database.ts'
import { ReconnectingClient, type ServerMessage } from './reconnecting-client.ts'

// On PostgreSQL: two app instances on one database, each on its own port, like two processes
// behind a load balancer; events cross between them through LISTEN/NOTIFY. On PGlite (one
// process by design) instance B is instance A.

let database: Database & { url?: string }
let secondDb: Database | null = null
let a: TestApp
let b: TestApp
let bPort = 0
const clients: ReconnectingClient[] = []

const listen = async (t: TestApp, port = 0) => {
  await t.app.listen({ host: '127.0.0.1', port })
  return (t.app.server.address() as AddressInfo).port
}
const wsUrl = (port: number) => `ws://127.0.0.1:${port}/ws`
const client = (cookie: string | undefined, port = bPort) => {
  const c = new ReconnectingClient({ url: wsUrl(port), cookie, minDelayMs: 100, maxDelayMs: 2_000 })
  clients.push(c)
  return c
}
const is =
  (type: ServerMessage['type'], fields: Record<string, unknown> = {}) =>
  (m: ServerMessage) =>
    m.type === type && Object.entries(fields).every(([k, v]) => (m as Record<string, unknown>)[k] === v)

async function me(t: TestApp, cookie: string) {
  const res = await t.app.inject({ url: '/api/me', headers: { cookie } })
  return JSON.parse(res.body) as { id: string; memberships: Array<{ orgId: string }> }
}

/** A raw handshake: resolves with the HTTP status of a refused upgrade, or 101. */
function handshake(port: number, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(port), { headers })
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      ws.terminate()
    })
    ws.on('open', () => {
      resolve(101)
      ws.close()
    })
    ws.on('error', (e) => reject(e))
  })
}

let volunteer: { cookie: string; id: string }
let worker: { cookie: string; id: string; orgId: string }

beforeAll(async () => {
  database = await freshDatabase()
  a = await testApp({ database })
  await listen(a)
  if (database.url) {
    secondDb = await createDb({ url: database.url, maxConnections: 5 })
    b = await testApp({ database: secondDb, seed: false })
    bPort = await listen(b)
  } else {
    b = a
    bPort = (a.app.server.address() as AddressInfo).port
  }
  const vCookie = await signIn(a.app, 'volunteer@demo.liandong.cn')
  volunteer = { cookie: vCookie, id: (await me(a, vCookie)).id }
  const wCookie = await signIn(a.app, 'worker.cd@demo.liandong.cn')
  const w = await me(a, wCookie)
  worker = { cookie: wCookie, id: w.id, orgId: w.memberships[0]!.orgId }
})

afterAll(async () => {
  for (const c of clients) c.stop()
  if (b !== a) await b.close()
  await a.close()
  await secondDb?.close()
  await database.close()
})

describe('realtime', () => {
  it('delivers an event published on instance A to a subscriber connected to instance B', async () => {
    const c = client(volunteer.cookie)
    const hello = await c.next(is('hello'))
    expect(hello).toMatchObject({ userId: volunteer.id, heartbeatMs: expect.any(Number) })
    const topic = `user:${volunteer.id}`
    c.subscribe(topic)
    await c.next(is('subscribed', { topic }))

    await a.app.realtime.publish(`user:${worker.id}`, 'not.for.you', {})
    const published = await a.app.realtime.publish(topic, 'hours.approved', {
      minutes: 90,
      record: '志愿服务',
    })
    const event = await c.next(is('event', { event: 'hours.approved' }))
    expect(event).toEqual({
      type: 'event',
      topic,
      event: 'hours.approved',
      data: { minutes: 90, record: '志愿服务' },
      id: published.id,
      at: published.at,
    })
    expect(c.received.filter((m) => m.type === 'event' && m.event === 'not.for.you')).toEqual([])
  })

  it('refuses topics the caller may not see, and asks modules about theirs', async () => {
    const v = client(volunteer.cookie)
    await v.next(is('hello'))
    for (const topic of [
      `user:${worker.id}`,
      `org:${worker.orgId}`,
      'shift:open-shift',
      'referral:r1',
      'need:n1',
    ]) {
      v.subscribe(topic)
      expect(await v.next(is('error', { topic }))).toEqual({ type: 'error', code: 'forbidden', topic })
    }
    v.subscribe('nonsense')
    expect(await v.next(is('error', { topic: 'nonsense' }))).toMatchObject({ code: 'invalid_topic' })
    v.send({ hello: 'there' })
    await v.next(is('error', { code: 'bad_request' }))

    const w = client(worker.cookie)
    await w.next(is('hello'))
    w.subscribe(`org:${worker.orgId}`)
    await w.next(is('subscribed', { topic: `org:${worker.orgId}` }))

    // A module registers the check for its kind; B is where the socket lives.
    b.app.realtime.authorize('shift', (principal, id) => id === 'open-shift' && principal.isVolunteer)
    v.subscribe('shift:open-shift')
    await v.next(is('subscribed', { topic: 'shift:open-shift' }))
    v.subscribe('shift:closed-shift')
    expect(await v.next(is('error', { topic: 'shift:closed-shift' }))).toMatchObject({ code: 'forbidden' })
    await a.app.realtime.publish('shift:open-shift', 'capacity.changed', { left: 2 })
    await v.next(is('event', { topic: 'shift:open-shift', event: 'capacity.changed' }))
    // The refused subscriber of the org topic got nothing.
    await a.app.realtime.publish(`org:${worker.orgId}`, 'member.joined', {})
    await w.next(is('event', { event: 'member.joined' }))
    expect(v.received.some((m) => m.type === 'event' && m.event === 'member.joined')).toBe(false)
  })

  it('refuses an upgrade without a live session with 401; a plain GET gets 426; /ws is documented', async () => {
    expect(await handshake(bPort)).toBe(401)
    expect(await handshake(bPort, { cookie: 'ld_session=not-a-session' })).toBe(401)
    expect(await handshake(bPort, { cookie: volunteer.cookie })).toBe(101)
    const plain = await b.app.inject({ url: '/ws', headers: { cookie: volunteer.cookie } })
    expect(plain.statusCode).toBe(426)
    const doc = b.app.swagger() as { paths: Record<string, { get?: Record<string, unknown> }> }
    const ws = doc.paths['/ws']?.get as {
      summary: string
      description: string
      responses: Record<string, unknown>
    }
    expect(ws.summary).toMatch(/WebSocket/)
    expect(ws.description).toMatch(/subscribe/)
    expect(Object.keys(ws.responses)).toContain('101')
  })

  it('turns a payload too big for NOTIFY into a small "changed" event', async () => {
    const c = client(volunteer.cookie)
    await c.next(is('hello'))
    const topic = `user:${volunteer.id}`
    c.subscribe(topic)
    await c.next(is('subscribed', { topic }))
    await a.app.realtime.publish(topic, 'report.ready', { rows: 'x'.repeat(20_000) })
    expect(await c.next(is('event', { event: 'changed' }))).toMatchObject({
      topic,
      data: { event: 'report.ready', reason: 'too_large' },
    })
  })

  it('publishes from inside a transaction only when it commits', async () => {
    const c = client(volunteer.cookie)
    await c.next(is('hello'))
    const topic = `user:${volunteer.id}`
    c.subscribe(topic)
    await c.next(is('subscribed', { topic }))
    await database.db
      .transaction(async (tx) => {
        await a.app.realtime.publish(topic, 'tx.rolled-back', {}, { tx })
        throw new Error('roll back')
      })
      .catch(() => {})
    await database.db.transaction(async (tx) => {
      await a.app.realtime.publish(topic, 'tx.committed', {}, { tx })
    })
    await c.next(is('event', { event: 'tx.committed' }))
    expect(c.received.some((m) => m.type === 'event' && m.event === 'tx.rolled-back')).toBe(false)
  })

  it('closes sockets when their session ends: sign-out (at once, in every process), the sweep, and endSessions', async () => {
    const cookie = await signIn(a.app, 'volunteer@demo.liandong.cn')
    const c = client(cookie)
    await c.next(is('hello'))
    const out = await a.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie } })
    expect(out.statusCode).toBe(200)
    await expect.poll(() => c.state).toBe('ended')
    expect(c.closes).toContain(4401)

    // A session that ends without a sign-out (deleted, expired) is noticed by the sweep.
    const swept = await signIn(a.app, 'community.cd@demo.liandong.cn')
    const s = client(swept)
    await s.next(is('hello'))
    await a.database.db.execute(
      sql`delete from sessions where user_id = (select id from users where email = 'community.cd@demo.liandong.cn')`,
    )
    expect(await b.app.realtime.sweep()).toBeGreaterThanOrEqual(1)
    await expect.poll(() => s.state).toBe('ended')

    const other = await signIn(a.app, 'volunteer.gs@demo.liandong.cn')
    const otherId = (await me(a, other)).id
    const d = client(other)
    await d.next(is('hello'))
    await a.app.realtime.endSessions({ userId: otherId })
    await expect.poll(() => d.state).toBe('ended')
    // Only that user's sockets closed.
    const v = client(volunteer.cookie)
    await v.next(is('hello'))
    expect(v.state).toBe('open')
  })

  it('after a restart the client reconnects with backoff, resubscribes and receives again', async () => {
    const resyncs: string[] = []
    const c = new ReconnectingClient({
      url: wsUrl(bPort),
      cookie: volunteer.cookie,
      minDelayMs: 100,
      maxDelayMs: 2_000,
      onResync: (hello) => resyncs.push(hello.connectionId),
    })
    clients.push(c)
    await c.next(is('hello'))
    const topic = `user:${volunteer.id}`
    c.subscribe(topic)
    await c.next(is('subscribed', { topic }))

    // Graceful shutdown of B: its clients get 1001 and the close does not hang on open sockets.
    const started = Date.now()
    await b.close()
    expect(Date.now() - started).toBeLessThan(5_000)
    await expect.poll(() => c.closes).toContain(1001)
    // While B is down, attempts fail and the waits grow.
    await expect.poll(() => c.delays.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3)
    expect(c.delays[2]!).toBeGreaterThan(c.delays[0]!)

    const mark = c.received.length
    const restarted = await testApp({ database: secondDb ?? database, seed: false })
    await listen(restarted, bPort)
    if (b === a) a = restarted
    b = restarted

    await c.next(is('hello'), 15_000, mark)
    await c.next(is('subscribed', { topic }), 5_000, mark)
    expect(resyncs).toHaveLength(2)
    expect(new Set(resyncs).size).toBe(2)
    await a.app.realtime.publish(topic, 'after.restart', { ok: true })
    expect(await c.next(is('event', { event: 'after.restart' }), 5_000, mark)).toMatchObject({
      data: { ok: true },
    })
  }, 30_000)

  it('an upgrade that arrives while a server shuts down is cut off and does not hold up the close', async () => {
    // A client reconnecting at the moment of shutdown: its request reaches a server that already
    // answers everything with 503, skipping the hooks that would end an upgrade's socket.
    const late = await testApp({ database: secondDb ?? database, seed: false })
    const port = await listen(late)
    const raw = connect(port, '127.0.0.1')
    await new Promise((resolve) => raw.once('connect', resolve))
    const ended = new Promise((resolve) => raw.once('close', resolve))
    raw.on('error', () => {})
    const started = Date.now()
    const closed = late.close()
    raw.write(
      [
        'GET /ws HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        'Connection: Upgrade',
        'Upgrade: websocket',
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        `Cookie: ${volunteer.cookie}`,
        '',
        '',
      ].join('\r\n'),
    )
    await closed
    await ended
    expect(Date.now() - started).toBeLessThan(5_000)
  }, 20_000)
})
