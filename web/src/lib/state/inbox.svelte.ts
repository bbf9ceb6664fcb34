import { type AppNotification, api } from '$lib/api/client.ts'
import { toApiError, unwrap } from '$lib/api/errors.ts'

const LIMIT = 20

/**
 * The notification centre: the newest notifications and the unread count, from the API. A
 * `notification` event on the user's topic adds one at once; after a reconnect the list is
 * fetched again (events missed while offline are not replayed).
 */
class Inbox {
  items = $state<AppNotification[]>([])
  unread = $state(0)
  total = $state(0)
  loaded = $state(false)
  error = $state<string | null>(null)

  async load(): Promise<void> {
    try {
      const page = await unwrap(api.GET('/api/notifications', { params: { query: { limit: LIMIT } } }))
      this.items = page.items
      this.unread = page.unread
      this.total = page.total
      this.error = null
    } catch (error) {
      this.error = toApiError(error).message
    } finally {
      this.loaded = true
    }
  }

  /** A notification pushed over the socket; returns false for one already listed. */
  received(data: unknown): data is AppNotification {
    if (!isNotification(data) || this.items.some((n) => n.id === data.id)) return false
    this.items = [data, ...this.items].slice(0, LIMIT)
    this.total += 1
    if (!data.readAt) this.unread += 1
    return true
  }

  /** Marks these (or, without ids, all) as read. */
  async markRead(ids?: string[]): Promise<void> {
    const body = ids ? { ids } : {}
    await unwrap(api.POST('/api/notifications/read', { body }))
    const now = new Date().toISOString()
    const affected = new Set(ids ?? this.items.map((n) => n.id))
    const newlyRead = this.items.filter((n) => affected.has(n.id) && !n.readAt).length
    this.items = this.items.map((n) => (affected.has(n.id) && !n.readAt ? { ...n, readAt: now } : n))
    this.unread = ids ? Math.max(0, this.unread - newlyRead) : 0
  }

  clear() {
    this.items = []
    this.unread = 0
    this.total = 0
    this.loaded = false
  }
}

function isNotification(value: unknown): value is AppNotification {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.id === 'string' && typeof v.message === 'string' && typeof v.createdAt === 'string'
}

export const inbox = new Inbox()
