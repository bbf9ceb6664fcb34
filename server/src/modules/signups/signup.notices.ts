import { type DbOrTx, schema } from '@liandong/db'
import type { FastifyInstance } from 'fastify'

// FALLBACK until the notifications module's `notify(...)` lands (issue 4 item 10, another
// engineer): writes the in-app notification row and tells the user's open tabs. Replace the body
// with a call to notify() and keep the signature.
export async function noticeToVolunteer(
  app: FastifyInstance,
  tx: DbOrTx,
  userId: string,
  kind: string,
  params: Record<string, string | number>,
  link: string | null,
): Promise<void> {
  const [row] = await tx
    .insert(schema.notifications)
    .values({ userId, kind, params, link, createdAt: app.infra.clock.now() })
    .returning({ id: schema.notifications.id })
  await app.realtime.publish(`user:${userId}`, 'notification.created', { id: row!.id, kind }, { tx })
}
