// The /ws protocol, shared by the hub and documented in docs/realtime.md. Messages are JSON text
// frames. Nothing depends on a message arriving: on every (re)connect the server says hello and
// the client refetches what it shows, so a missed event costs a refetch, never correctness.

export const topicKinds = ['user', 'org', 'shift', 'opportunity', 'referral', 'need', 'case'] as const
export type TopicKind = (typeof topicKinds)[number]

export interface Topic {
  kind: TopicKind
  id: string
}

/** Close codes a client acts on. */
export const CloseCode = {
  /** The server is shutting down or restarting: reconnect with backoff. */
  goingAway: 1001,
  /** The client broke the protocol (too many bad messages): reconnect with backoff. */
  policy: 1008,
  /** The session ended (signed out, expired): do not reconnect; sign in again. */
  sessionEnded: 4401,
} as const

export type ClientMessage =
  | { type: 'subscribe'; topic: string }
  | { type: 'unsubscribe'; topic: string }
  | { type: 'ping' }

export type ErrorCode = 'bad_request' | 'invalid_topic' | 'forbidden' | 'too_many_subscriptions'

export type ServerMessage =
  | { type: 'hello'; connectionId: string; userId: string; heartbeatMs: number; at: string }
  | { type: 'subscribed'; topic: string }
  | { type: 'unsubscribed'; topic: string }
  | { type: 'event'; topic: string; event: string; data: unknown; id: string; at: string }
  | { type: 'error'; code: ErrorCode; topic?: string }
  | { type: 'pong' }

/** Sent instead of an event whose payload is too big for NOTIFY: refetch what the topic shows. */
export const CHANGED_EVENT = 'changed'

const topicPattern = /^(user|org|shift|opportunity|referral|need|case):([A-Za-z0-9_-]{1,64})$/

export function parseTopic(topic: unknown): Topic | null {
  if (typeof topic !== 'string') return null
  const match = topicPattern.exec(topic)
  if (!match) return null
  return { kind: match[1] as TopicKind, id: match[2]! }
}

export function parseClientMessage(raw: string): ClientMessage | null {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const message = value as Record<string, unknown>
  if (message.type === 'ping') return { type: 'ping' }
  if ((message.type === 'subscribe' || message.type === 'unsubscribe') && typeof message.topic === 'string')
    return { type: message.type, topic: message.topic }
  return null
}
