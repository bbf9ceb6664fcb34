import { type Db, enqueueOutbox, schema, type Tx } from '@liandong/db'
import { and, desc, eq, inArray } from 'drizzle-orm'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts'
import type { RealtimeHub } from '../../realtime/index.ts'
import { createNotifier } from '../notifications/notification.service.ts'
import { NEEDS_INDEX } from './need-documents.ts'
import { publishNeedChanged } from './need-referrals.ts'
import { OPEN_TO_PARTNERS } from './need-status.ts'
import type { NeedStatus } from './need-types.ts'

// Pledges: a partner that sees an open need in its de-identified form offers one of its resources;
// the agency's social worker accepts (the need becomes matched and the UI goes on to send a
// referral, which links back with linkPledgeToReferral) or declines.

const { needs, needPledges, organizations, resources } = schema
type PledgeRow = typeof needPledges.$inferSelect

export function pledgeService(infra: Infrastructure, realtime: RealtimeHub) {
  const db: Db = infra.database.db
  const { clock } = infra
  const notify = createNotifier(infra, realtime)

  async function view(rows: PledgeRow[]) {
    if (rows.length === 0) return []
    const orgIds = [...new Set(rows.map((r) => r.orgId))]
    const resourceIds = rows.map((r) => r.resourceId).filter((x): x is string => x !== null)
    const orgs = new Map(
      (
        await db
          .select({ id: organizations.id, name: organizations.name })
          .from(organizations)
          .where(inArray(organizations.id, orgIds))
      ).map((o) => [o.id, o.name]),
    )
    const names = new Map(
      resourceIds.length
        ? (
            await db
              .select({ id: resources.id, name: resources.name })
              .from(resources)
              .where(inArray(resources.id, resourceIds))
          ).map((r) => [r.id, r.name])
        : [],
    )
    return rows.map((p) => ({
      id: p.id,
      needId: p.needId,
      orgId: p.orgId,
      orgName: orgs.get(p.orgId) ?? '',
      resourceId: p.resourceId,
      resourceName: p.resourceId ? (names.get(p.resourceId) ?? null) : null,
      message: p.message,
      status: p.status,
      referralId: p.referralId,
      createdAt: p.createdAt,
      respondedAt: p.respondedAt,
    }))
  }
  const one = async (row: PledgeRow) => (await view([row]))[0]!

  /**
   * The offering organization's pages listen on org:<id> and refetch its offers; the need's page
   * (every worker of the agency who has it open, not only whoever posted it) on need:<id>.
   */
  const pledgeChanged = async (p: PledgeRow, tx: Tx) => {
    const data = { id: p.id, needId: p.needId, status: p.status }
    await realtime.publish(`org:${p.orgId}`, 'pledge.changed', data, { tx })
    await realtime.publish(`need:${p.needId}`, 'pledge.changed', data, { tx })
  }

  async function loadNeed(id: string) {
    const [need] = await db.select().from(needs).where(eq(needs.id, id))
    if (!need) throw new NotFoundError()
    return need
  }

  /** The agency's workers who should hear about offers: whoever posted the need. */
  const agencyListeners = (need: typeof needs.$inferSelect) => (need.createdBy ? [need.createdBy] : [])

  return {
    async offer(
      principal: Principal,
      needId: string,
      input: { resourceId: string; message?: string | undefined },
    ) {
      const need = await loadNeed(needId)
      const mayBrowse = principal.can('need.browse')
      if (!mayBrowse) throw new NotFoundError()
      if (!OPEN_TO_PARTNERS.includes(need.status as NeedStatus)) {
        if (principal.canInOrg('need.read', need.orgId)) throw new ConflictError('pledge.need_closed')
        throw new NotFoundError()
      }
      const [resource] = await db.select().from(resources).where(eq(resources.id, input.resourceId))
      if (resource?.status !== 'active' || !principal.canInOrg('need.pledge', resource.orgId))
        throw new ValidationError([{ field: 'body.resourceId', code: 'field.resource_not_yours' }])
      if (resource.orgId === need.orgId) throw new ConflictError('pledge.own_need')
      const row = await db.transaction(async (tx) => {
        // The need row lock serialises offers, so one organization never has two waiting.
        const [locked] = await tx.select().from(needs).where(eq(needs.id, needId)).for('update')
        if (!OPEN_TO_PARTNERS.includes(locked!.status as NeedStatus))
          throw new ConflictError('pledge.need_closed')
        const [waiting] = await tx
          .select({ id: needPledges.id })
          .from(needPledges)
          .where(
            and(
              eq(needPledges.needId, needId),
              eq(needPledges.orgId, resource.orgId),
              eq(needPledges.status, 'offered'),
            ),
          )
        if (waiting) throw new ConflictError('pledge.already_offered')
        const [created] = await tx
          .insert(needPledges)
          .values({
            needId,
            orgId: resource.orgId,
            resourceId: resource.id,
            message: input.message?.trim() ?? '',
            createdBy: principal.userId,
          })
          .returning()
        const [org] = await tx
          .select({ name: organizations.name })
          .from(organizations)
          .where(eq(organizations.id, resource.orgId))
        for (const userId of agencyListeners(need))
          await notify(
            userId,
            'pledge.offered',
            { org: org?.name ?? '', need: need.title },
            `/needs/${need.id}`,
            { tx },
          )
        await publishNeedChanged(realtime, need, tx)
        await pledgeChanged(created!, tx)
        return created!
      })
      return { pledge: await one(row), agencyOrgId: need.orgId }
    },

    async withdraw(principal: Principal, pledgeId: string) {
      const [pledge] = await db.select().from(needPledges).where(eq(needPledges.id, pledgeId))
      if (!pledge || !principal.canInOrg('need.pledge', pledge.orgId)) throw new NotFoundError()
      const need = await loadNeed(pledge.needId)
      const row = await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(needPledges)
          .set({ status: 'withdrawn', respondedAt: clock.now(), respondedBy: principal.userId })
          .where(and(eq(needPledges.id, pledgeId), eq(needPledges.status, 'offered')))
          .returning()
        if (!updated) throw new ConflictError('pledge.not_offered')
        await publishNeedChanged(realtime, need, tx)
        await pledgeChanged(updated, tx)
        return updated
      })
      return { pledge: await one(row), agencyOrgId: need.orgId }
    },

    /** The social worker's answer. Accepting makes an open need matched and returns a referral draft. */
    async respond(principal: Principal, pledgeId: string, answer: 'accepted' | 'declined') {
      const [pledge] = await db.select().from(needPledges).where(eq(needPledges.id, pledgeId))
      if (!pledge) throw new NotFoundError()
      const need = await loadNeed(pledge.needId)
      if (!principal.canInOrg('need.manage', need.orgId)) throw new NotFoundError()
      const now = clock.now()
      const row = await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(needPledges)
          .set({ status: answer, respondedAt: now, respondedBy: principal.userId })
          .where(and(eq(needPledges.id, pledgeId), eq(needPledges.status, 'offered')))
          .returning()
        if (!updated) throw new ConflictError('pledge.not_offered')
        let status = need.status
        if (answer === 'accepted' && need.status === 'open') {
          await tx
            .update(needs)
            .set({ status: 'matched', updatedAt: now })
            .where(and(eq(needs.id, need.id), eq(needs.status, 'open')))
          await enqueueOutbox(tx, NEEDS_INDEX, 'upsert', need.id)
          status = 'matched'
        }
        if (pledge.createdBy)
          await notify(pledge.createdBy, `pledge.${answer}`, {}, `/needs/${need.id}/public`, { tx })
        await publishNeedChanged(realtime, { ...need, status }, tx)
        await pledgeChanged(updated, tx)
        return updated
      })
      return {
        pledge: await one(row),
        agencyOrgId: need.orgId,
        referralDraft: { needId: need.id, resourceId: row.resourceId, toOrgId: row.orgId },
      }
    },

    /** All offers for the agency; an offering organization sees its own. */
    async listForNeed(principal: Principal, needId: string) {
      const need = await loadNeed(needId)
      if (principal.canInOrg('need.read', need.orgId)) {
        const rows = await db
          .select()
          .from(needPledges)
          .where(eq(needPledges.needId, needId))
          .orderBy(desc(needPledges.createdAt))
        return view(rows)
      }
      const orgs = principal.orgIdsFor('need.pledge')
      if (orgs.length === 0) throw new NotFoundError()
      const rows = await db
        .select()
        .from(needPledges)
        .where(and(eq(needPledges.needId, needId), inArray(needPledges.orgId, orgs)))
        .orderBy(desc(needPledges.createdAt))
      if (rows.length === 0 && !OPEN_TO_PARTNERS.includes(need.status as NeedStatus))
        throw new NotFoundError()
      return view(rows)
    },
  }
}
