import { type DbOrTx, type Referral, referralsRepo, schema } from '@liandong/db'
import { eq, inArray } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { createNotifier } from '../notifications/notification.service.ts'

// Both sides hear about a referral: a `referral.changed` event on each organization's topic and on
// the referral's own (pages refetch), and a notification to the people concerned. All of it in the
// transaction of the change, so nothing is announced that did not happen.

/** Roles of a receiving organization who answer referrals. */
export const answeringRoles = ['partner_staff', 'org_admin', 'social_worker', 'supervisor'] as const

export function referralNotices(app: FastifyInstance) {
  const notify = createNotifier(app.infra, app.realtime)

  async function names(tx: DbOrTx, r: Referral) {
    const orgs = await tx
      .select({ id: schema.organizations.id, name: schema.organizations.name })
      .from(schema.organizations)
      .where(inArray(schema.organizations.id, [r.fromOrgId, r.toOrgId]))
    const [resource] = await tx
      .select({ name: schema.resources.name })
      .from(schema.resources)
      .where(eq(schema.resources.id, r.resourceId))
    const org = (id: string) => orgs.find((o) => o.id === id)?.name ?? ''
    return { fromOrg: org(r.fromOrgId), toOrg: org(r.toOrgId), resource: resource?.name ?? '' }
  }

  return {
    async changed(tx: DbOrTx, r: Referral, action: string) {
      const data = { id: r.id, status: r.status, action, needId: r.needId }
      for (const topic of new Set([`org:${r.fromOrgId}`, `org:${r.toOrgId}`, `referral:${r.id}`])) {
        // The receiving side has nothing to hear about while the referral is a draft.
        if (r.status === 'draft' && topic === `org:${r.toOrgId}` && r.toOrgId !== r.fromOrgId) continue
        await app.realtime.publish(topic, 'referral.changed', data, { tx })
      }
    },

    /** Tells `userIds` (minus the one who acted) with `notification.<kind>`; parameters hold no personal data. */
    async tell(
      tx: DbOrTx,
      r: Referral,
      kind: string,
      userIds: readonly (string | null)[],
      actorId: string | null,
      extra: Record<string, string | number> = {},
    ) {
      const params = { ...(await names(tx, r)), ...extra }
      const link = `/referrals/${r.id}`
      for (const userId of new Set(userIds)) {
        if (userId && userId !== actorId) await notify(userId, kind, params, link, { tx })
      }
    },

    /** The receiving organization: whoever took the referral on, else every answering member. */
    async receivers(tx: DbOrTx, r: Referral): Promise<string[]> {
      if (r.assignedTo) return [r.assignedTo]
      return referralsRepo(tx).staffOf(r.toOrgId, answeringRoles)
    },

    /** The sending side: the worker who made the referral, and the supervisors when asked. */
    async senders(tx: DbOrTx, r: Referral, withSupervisors = false): Promise<string[]> {
      const supervisors = withSupervisors ? await referralsRepo(tx).staffOf(r.fromOrgId, ['supervisor']) : []
      return [...(r.createdBy ? [r.createdBy] : []), ...supervisors]
    },
  }
}
