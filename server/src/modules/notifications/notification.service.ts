import { accountsRepo, type DbOrTx, type NotificationRow, notificationsRepo } from '@liandong/db'
import type { Infrastructure } from '../../context.ts'
import { type Locale, type MessageKey, t } from '../../i18n/index.ts'
import type { RealtimeHub } from '../../realtime/index.ts'

// The in-app notification centre. A notification stores a kind and parameters, not text: it is
// rendered in the reader's language when read (`notification.<kind>` in the catalogues). An
// e-mail copy goes out when the catalogues hold `mail.<kind>.subject` and `.body`.

export type NotificationKind =
  | 'training_expiring'
  | 'shift_reminder_day'
  | 'shift_reminder_hours'
  | (string & {})

const messageKey = (kind: string) => `notification.${kind}` as MessageKey

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/
/**
 * Parameters as people read them: instants (shift starts, offer deadlines) are stored as ISO
 * strings and shown as Beijing time, "2026-03-14 09:30", in either language.
 */
export function displayParams(params: Record<string, string | number>): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const [key, value] of Object.entries(params)) {
    out[key] =
      typeof value === 'string' && ISO_INSTANT.test(value)
        ? new Date(Date.parse(value) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
        : value
  }
  return out
}

export function renderNotification(n: NotificationRow, locale: Locale) {
  return {
    id: n.id,
    kind: n.kind,
    message: t(locale, messageKey(n.kind), displayParams(n.params)),
    params: n.params,
    link: n.link,
    readAt: n.readAt,
    createdAt: n.createdAt,
  }
}

export interface NotifyOptions {
  /** Write inside this transaction (the realtime event then follows the commit). */
  tx?: DbOrTx
  /** Also send the e-mail copy (default true when the kind has mail templates). */
  email?: boolean
}

export type Notify = (
  userId: string,
  kind: NotificationKind,
  params: Record<string, string | number>,
  link: string | null,
  options?: NotifyOptions,
) => Promise<NotificationRow>

/** `notify(userId, kind, params, link)`: stores, publishes `notification` on `user:<id>`, e-mails a copy. */
export function createNotifier({ database, mailer, config }: Infrastructure, realtime: RealtimeHub): Notify {
  return async (userId, kind, params, link, options = {}) => {
    const db = options.tx ?? database.db
    const row = await notificationsRepo(db).create({ userId, kind, params, link })
    const user = await accountsRepo(db).findUserById(userId)
    const locale: Locale = user?.locale === 'en' ? 'en' : 'zh-CN'
    await realtime.publish(`user:${userId}`, 'notification', renderNotification(row, locale), {
      ...(options.tx ? { tx: options.tx } : {}),
    })
    const subject = `mail.${kind}.subject` as MessageKey
    const body = `mail.${kind}.body` as MessageKey
    if (user && options.email !== false && t(locale, subject) !== subject) {
      const url = link ? `${config.publicUrl}${link}` : config.publicUrl
      const values = { ...displayParams(params), name: user.displayName, url }
      await mailer.send({
        to: user.email,
        subject: t(locale, subject, values),
        text: t(locale, body, values),
        link: url,
      })
    }
    return row
  }
}
