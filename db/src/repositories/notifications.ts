import { and, count, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { notifications } from '../schema/notifications.ts'

export type NotificationRow = typeof notifications.$inferSelect
export type NewNotification = typeof notifications.$inferInsert

export const notificationsRepo = (db: DbOrTx) => ({
  async create(values: NewNotification): Promise<NotificationRow> {
    const [row] = await db.insert(notifications).values(values).returning()
    return row!
  },
  async list(userId: string, filter: { unreadOnly?: boolean; limit: number; offset: number }) {
    const where: SQL[] = [eq(notifications.userId, userId)]
    if (filter.unreadOnly) where.push(isNull(notifications.readAt))
    const condition = and(...where)
    const [items, [total], [unread]] = await Promise.all([
      db
        .select()
        .from(notifications)
        .where(condition)
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(filter.limit)
        .offset(filter.offset),
      db.select({ n: count() }).from(notifications).where(condition),
      db
        .select({ n: count() })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
    ])
    return { items, total: total?.n ?? 0, unread: unread?.n ?? 0 }
  },
  /** Marks the user's notifications read (these ids, or all); returns how many changed. */
  async markRead(userId: string, at: Date, ids?: readonly string[]): Promise<number> {
    const where: SQL[] = [eq(notifications.userId, userId), isNull(notifications.readAt)]
    if (ids) where.push(inArray(notifications.id, [...ids]))
    const rows = await db
      .update(notifications)
      .set({ readAt: at })
      .where(and(...where))
      .returning({ id: notifications.id })
    return rows.length
  },
})
