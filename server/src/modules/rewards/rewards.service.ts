import { organizationsRepo, rewardsRepo, volunteersRepo } from '@liandong/db'
import type { FastifyInstance } from 'fastify'
import { uuidv7 } from 'uuidv7'
import type { Principal } from '../../auth/principal.ts'
import { ConflictError, NotFoundError } from '../../errors.ts'
import { totalsOf } from './rewards.rules.ts'

/** How a volunteer appears on the leaderboard: full name, surname (林**) or 志愿者 + number digits. */
export function displayName(p: { realName: string; volunteerNumber: string; nameDisplay: string }): string {
  if (p.nameDisplay === 'full') return p.realName
  if (p.nameDisplay === 'anonymous') return `志愿者${p.volunteerNumber.slice(-4)}`
  return `${[...p.realName][0] ?? ''}**`
}

export function rewardsService(app: FastifyInstance) {
  const { database, clock } = app.infra
  const db = database.db

  async function loadItemForManage(principal: Principal, id: string) {
    const item = await rewardsRepo(db).findItem(id)
    if (!item || !principal.canInOrg('reward.manage', item.orgId)) throw new NotFoundError()
    return item
  }

  return {
    totals: (principal: Principal) => totalsOf(db, principal.userId),

    ledger: (principal: Principal, limit: number, offset: number) =>
      rewardsRepo(db)
        .ledger(principal.userId, limit, offset)
        .then((p) => ({ ...p, limit, offset })),

    /** Opted-in volunteers only, named as each chose; the caller's own row is marked. */
    async leaderboard(principal: Principal, limit: number) {
      const rows = await rewardsRepo(db).leaderboard(limit)
      return {
        items: rows.map((r, i) => ({
          rank: i + 1,
          name: displayName(r),
          approvedMinutes: Number(r.minutes),
          isMe: r.userId === principal.userId,
        })),
      }
    },

    catalogue: () => rewardsRepo(db).listItems({ availableOnly: true }),

    async listForOrg(principal: Principal, orgId: string) {
      if (!principal.canInOrg('reward.manage', orgId)) throw new NotFoundError()
      return rewardsRepo(db).listItems({ orgId })
    },

    async createItem(
      principal: Principal,
      orgId: string,
      input: { title: string; description?: string; pointsCost: number; stock: number },
    ) {
      if (!principal.canInOrg('reward.manage', orgId)) throw new NotFoundError()
      const org = await organizationsRepo(db).findById(orgId)
      if (org?.status !== 'approved') throw new ConflictError('org_not_approved')
      return rewardsRepo(db).createItem({ ...input, orgId, createdAt: clock.now() })
    },

    async updateItem(
      principal: Principal,
      id: string,
      input: { title?: string; description?: string; pointsCost?: number; stock?: number; active?: boolean },
    ) {
      await loadItemForManage(principal, id)
      return rewardsRepo(db).updateItem(id, input)
    },

    /**
     * Spends points on an item, in one transaction: the volunteer's row is locked so two
     * redemptions cannot both spend the same balance; stock is taken with a conditional UPDATE so
     * it never goes below zero. `key` (the Idempotency-Key) becomes the redemption's id, so a
     * retried request returns the first redemption instead of spending twice.
     */
    async redeem(principal: Principal, itemId: string, key: string | undefined) {
      if (key) {
        const earlier = await rewardsRepo(db).findRedemption(key)
        if (earlier) {
          if (earlier.userId !== principal.userId || earlier.itemId !== itemId)
            throw new ConflictError('reward.idempotency_key_reused')
          return { redemption: earlier, created: false }
        }
      }
      const item = await rewardsRepo(db).findItem(itemId)
      if (!item?.active) throw new NotFoundError()
      const profile = await volunteersRepo(db).findByUser(principal.userId)
      if (!profile) throw new ConflictError('eligibility.profile')
      const redemption = await db.transaction(async (tx) => {
        const repo = rewardsRepo(tx)
        await repo.lockVolunteer(principal.userId)
        const balance = await repo.balance(principal.userId)
        if (balance < item.pointsCost)
          throw new ConflictError('reward.not_enough_points', { balance, cost: item.pointsCost })
        if (!(await repo.takeStock(itemId))) throw new ConflictError('reward.out_of_stock')
        const now = clock.now()
        const row = (await repo.insertRedemption({
          id: key ?? uuidv7(),
          itemId,
          userId: principal.userId,
          points: item.pointsCost,
          createdAt: now,
        }))!
        await repo.addPoints({
          userId: principal.userId,
          delta: -item.pointsCost,
          reason: 'redemption',
          redemptionId: row.id,
          createdAt: now,
        })
        await app.realtime.publish(
          `user:${principal.userId}`,
          'totals.changed',
          { points: balance - item.pointsCost },
          { tx },
        )
        return row
      })
      return { redemption, created: true, orgId: item.orgId }
    },

    mine: (principal: Principal) => rewardsRepo(db).redemptions({ userId: principal.userId }),

    async redemptionsForOrg(principal: Principal, orgId: string) {
      if (!principal.canInOrg('reward.manage', orgId)) throw new NotFoundError()
      return rewardsRepo(db).redemptions({ orgId })
    },

    /** The partner hands the reward over (fulfilled) or cancels it, which refunds the points and the stock. */
    async settle(principal: Principal, id: string, outcome: 'fulfilled' | 'cancelled') {
      const redemption = await rewardsRepo(db).findRedemption(id)
      if (!redemption) throw new NotFoundError()
      const item = await loadItemForManage(principal, redemption.itemId)
      return db.transaction(async (tx) => {
        const repo = rewardsRepo(tx)
        await repo.lockVolunteer(redemption.userId)
        const current = (await repo.findRedemption(id))!
        if (current.status !== 'requested') throw new ConflictError('reward.redemption_settled')
        const now = clock.now()
        const updated = await repo.updateRedemption(id, {
          status: outcome,
          fulfilledAt: outcome === 'fulfilled' ? now : null,
        })
        if (outcome === 'cancelled') {
          await repo.addPoints({
            userId: current.userId,
            delta: current.points,
            reason: 'refund',
            redemptionId: id,
            createdAt: now,
          })
          await repo.returnStock(item.id)
        }
        return { redemption: updated, orgId: item.orgId }
      })
    },
  }
}
