import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errors, Page } from '../../http/schemas.ts'
import {
  IdParams,
  Leaderboard,
  LeaderboardQuery,
  LedgerQuery,
  PointEntry,
  RedeemHeaders,
  Redemption,
  RedemptionWithItem,
  RewardItem,
  RewardItemInput,
  RewardItemPatch,
  SettleInput,
  Totals,
} from './rewards.schemas.ts'
import { rewardsService } from './rewards.service.ts'

const tags = ['rewards']

const rewardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = rewardsService(app)

  app.get(
    '/api/me/totals',
    {
      config: { action: 'reward.self' },
      schema: {
        summary: 'Approved hours, points, star level and badges (平台记录: approved records only)',
        tags,
        response: { 200: Totals, ...errors },
      },
    },
    async (request) => service.totals(request.principal!),
  )

  app.get(
    '/api/me/points',
    {
      config: { action: 'reward.self' },
      schema: {
        summary: 'The points ledger: earned, spent, corrected, refunded',
        tags,
        querystring: LedgerQuery,
        response: { 200: Page(PointEntry), ...errors },
      },
    },
    async (request) =>
      service.ledger(request.principal!, request.query.limit ?? 20, request.query.offset ?? 0),
  )

  app.get(
    '/api/leaderboard',
    {
      config: { action: 'reward.self' },
      schema: {
        summary: 'Volunteers who opted in, by approved hours, named as each chose',
        tags,
        querystring: LeaderboardQuery,
        response: { 200: Leaderboard, ...errors },
      },
    },
    async (request) => service.leaderboard(request.principal!, request.query.limit ?? 20),
  )

  app.get(
    '/api/rewards',
    {
      config: { action: 'reward.self' },
      schema: {
        summary: 'The rewards catalogue: active items in stock',
        tags,
        response: { 200: Type.Object({ items: Type.Array(RewardItem) }), ...errors },
      },
    },
    async () => ({ items: await service.catalogue() }),
  )

  app.post(
    '/api/rewards/:id/redeem',
    {
      config: { action: 'reward.self' },
      schema: {
        summary: 'Redeem points for an item (send an Idempotency-Key to retry safely)',
        tags,
        params: IdParams,
        headers: RedeemHeaders,
        response: { 200: Redemption, 201: Redemption, ...errors },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key']?.toLowerCase()
      const result = await service.redeem(request.principal!, request.params.id, key)
      request.auditTarget = {
        targetType: 'redemption',
        targetId: result.redemption.id,
        orgId: result.orgId ?? null,
        details: { itemId: request.params.id, points: result.redemption.points, created: result.created },
      }
      return reply.status(result.created ? 201 : 200).send(result.redemption)
    },
  )

  app.get(
    '/api/me/redemptions',
    {
      config: { action: 'reward.self' },
      schema: {
        summary: "The caller's redemptions",
        tags,
        response: { 200: Type.Object({ items: Type.Array(RedemptionWithItem) }), ...errors },
      },
    },
    async (request) => ({ items: await service.mine(request.principal!) }),
  )

  app.get(
    '/api/organizations/:id/rewards',
    {
      config: { action: 'reward.manage' },
      schema: {
        summary: "The organization's reward items, with stock",
        tags,
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(RewardItem) }), ...errors },
      },
    },
    async (request) => ({ items: await service.listForOrg(request.principal!, request.params.id) }),
  )

  app.post(
    '/api/organizations/:id/rewards',
    {
      config: { action: 'reward.manage' },
      schema: {
        summary: 'Stock a reward item',
        tags,
        params: IdParams,
        body: RewardItemInput,
        response: { 201: RewardItem, ...errors },
      },
    },
    async (request, reply) => {
      const item = await service.createItem(request.principal!, request.params.id, request.body)
      request.auditTarget = { targetType: 'reward_item', targetId: item.id, orgId: item.orgId }
      return reply.status(201).send(item)
    },
  )

  app.patch(
    '/api/rewards/:id',
    {
      config: { action: 'reward.manage' },
      schema: {
        summary: 'Change a reward item (restock, price, withdraw)',
        tags,
        params: IdParams,
        body: RewardItemPatch,
        response: { 200: RewardItem, ...errors },
      },
    },
    async (request) => {
      const item = await service.updateItem(request.principal!, request.params.id, request.body)
      request.auditTarget = {
        targetType: 'reward_item',
        targetId: item.id,
        orgId: item.orgId,
        details: request.body,
      }
      return item
    },
  )

  app.get(
    '/api/organizations/:id/redemptions',
    {
      config: { action: 'reward.manage' },
      schema: {
        summary: "Redemptions of the organization's items",
        tags,
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(RedemptionWithItem) }), ...errors },
      },
    },
    async (request) => ({ items: await service.redemptionsForOrg(request.principal!, request.params.id) }),
  )

  app.post(
    '/api/redemptions/:id/settle',
    {
      config: { action: 'reward.manage' },
      schema: {
        summary: 'Hand over a redeemed item (fulfilled) or cancel it (points and stock come back)',
        tags,
        params: IdParams,
        body: SettleInput,
        response: { 200: Redemption, ...errors },
      },
    },
    async (request) => {
      const { redemption, orgId } = await service.settle(
        request.principal!,
        request.params.id,
        request.body.outcome,
      )
      request.auditTarget = {
        targetType: 'redemption',
        targetId: redemption.id,
        orgId,
        details: { status: redemption.status },
      }
      return redemption
    },
  )
}

export default rewardRoutes
