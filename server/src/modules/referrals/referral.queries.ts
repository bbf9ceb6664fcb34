import { type ReferralStatus, referralsRepo, schema } from '@liandong/db'
import { and, eq } from 'drizzle-orm'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { NotFoundError } from '../../errors.ts'
import type { Actor } from './referral.lifecycle.ts'
import type { ShareableField } from './referral.shared.ts'
import { presentReferral, sideOf } from './referral.view.ts'

export interface ReferralListQuery {
  side: 'sent' | 'received'
  orgId?: string | undefined
  status?: ReferralStatus[] | undefined
  needId?: string | undefined
  resourceId?: string | undefined
  urgency?: string | undefined
  category?: string | undefined
  overdue?: boolean | undefined
  limit?: number | undefined
  offset?: number | undefined
}

const rolesIn = (p: Principal, orgId: string) =>
  p.activeMemberships.filter((m) => m.orgId === orgId).map((m) => m.role)
const actorOf = (p: Principal, r: { fromOrgId: string; toOrgId: string }): Actor => ({
  senderRoles: rolesIn(p, r.fromOrgId),
  receiverRoles: rolesIn(p, r.toOrgId),
})

/** Reading referrals: the outbox and inbox, one referral, its timeline. */
export function referralQueries({ database, clock }: Infrastructure) {
  const db = database.db
  const repo = referralsRepo(db)

  async function detail(p: Principal, id: string) {
    const view = await repo.view(id)
    const r = view?.referral
    const visible =
      r &&
      (p.canInOrg('referral.read', r.fromOrgId) ||
        (r.status !== 'draft' && p.canInOrg('referral.read', r.toOrgId)))
    if (!view || !visible) throw new NotFoundError()
    const [sent] = await db
      .select({ data: schema.referralEvents.data })
      .from(schema.referralEvents)
      .where(and(eq(schema.referralEvents.referralId, id), eq(schema.referralEvents.toStatus, 'sent')))
    const [previous] = await db
      .select({ id: schema.referrals.id })
      .from(schema.referrals)
      .where(eq(schema.referrals.nextReferralId, id))
    return {
      ...presentReferral(p, view, actorOf(p, view.referral), clock.now()),
      sharedFields: ((sent?.data?.sharedFields as ShareableField[] | undefined) ?? []).slice(),
      previousReferralId: previous?.id ?? null,
    }
  }

  return {
    detail,

    async list(p: Principal, q: ReferralListQuery) {
      const readable = p.orgIdsFor('referral.read')
      const orgIds = q.orgId ? readable.filter((o) => o === q.orgId) : readable
      const limit = q.limit ?? 20
      const offset = q.offset ?? 0
      const now = clock.now()
      const page = await repo.list({
        side: q.side,
        orgIds,
        ...(q.status ? { statuses: q.status } : {}),
        ...(q.needId ? { needId: q.needId } : {}),
        ...(q.resourceId ? { resourceId: q.resourceId } : {}),
        ...(q.urgency ? { urgency: q.urgency } : {}),
        ...(q.category ? { category: q.category } : {}),
        ...(q.overdue ? { respondByBefore: now } : {}),
        limit,
        offset,
      })
      return {
        items: page.items.map((v) => presentReferral(p, v, actorOf(p, v.referral), now)),
        total: page.total,
        limit,
        offset,
      }
    },

    /** Every step and comment with who took it; a receiver does not see an override's reason. */
    async timeline(p: Principal, id: string) {
      const view = await detail(p, id)
      const rows = await repo.timeline(id)
      const sender = sideOf(p, view.fromOrg.id, view.toOrg.id) !== 'receiver'
      return {
        items: rows.map(({ event, actorName, actorOrgName }) => ({
          id: event.id,
          kind: event.kind,
          fromStatus: event.fromStatus as ReferralStatus | null,
          toStatus: event.toStatus as ReferralStatus | null,
          note: event.kind === 'send_override' && !sender ? null : event.note,
          actorName,
          actorOrg: event.actorOrgId && actorOrgName ? { id: event.actorOrgId, name: actorOrgName } : null,
          data: event.data ?? {},
          at: event.at,
        })),
      }
    },
  }
}
