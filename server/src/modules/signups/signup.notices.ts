import type { DbOrTx } from '@liandong/db'
import type { FastifyInstance } from 'fastify'
import { createNotifier } from '../notifications/notification.service.ts'

/**
 * Tells a volunteer about a sign-up or record decision through the notification centre (stored,
 * live on `user:<id>`, e-mailed when the kind has a template), inside the caller's transaction.
 */
export async function noticeToVolunteer(
  app: FastifyInstance,
  tx: DbOrTx,
  userId: string,
  kind: string,
  params: Record<string, string | number>,
  link: string | null,
): Promise<void> {
  await createNotifier(app.infra, app.realtime)(userId, kind, params, link, { tx })
}
