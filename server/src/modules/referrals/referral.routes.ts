import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { errors, Page } from '../../http/schemas.ts'
import { referralQueries } from './referral.queries.ts'
import {
  CloseInput,
  CommentInput,
  CreateReferral,
  DeclineInput,
  ElsewhereInput,
  ElsewhereResult,
  NoteInput,
  OverrideInput,
  Referral,
  ReferralDetail,
  ReferralParams,
  ReferralQuery,
  SharedFieldsResponse,
  Timeline,
} from './referral.schemas.ts'
import { REFERRAL_EXPIRE_JOB, REFERRAL_EXPIRE_SWEEP, referralService } from './referral.service.ts'

const tags = ['referrals']

const referralRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = referralService(app)
  const queries = referralQueries(app.infra)

  app.jobs.register<{ referralId: string }>(REFERRAL_EXPIRE_JOB, async ({ payload }) => {
    await service.expire(payload.referralId)
  })
  // A catch-all for referrals whose own job is gone (e.g. sent by the demo seed): every 15 minutes.
  app.jobs.register(REFERRAL_EXPIRE_SWEEP, async () => {
    await service.expireOverdue()
  })
  app.jobs.every({ name: REFERRAL_EXPIRE_SWEEP, everyMs: 15 * 60_000 })
  app.realtime.authorize('referral', async (principal, id) => {
    try {
      await service.load(principal, id)
      return true
    } catch {
      return false
    }
  })

  const audited = (
    request: FastifyRequest,
    r: { id: string },
    orgId: string,
    details?: Record<string, unknown>,
  ) => {
    request.auditTarget = { targetType: 'referral', targetId: r.id, orgId, ...(details ? { details } : {}) }
  }
  // Every answer is the referral as the caller's side sees it.
  const detail = (request: FastifyRequest, id: string) => queries.detail(request.principal!, id)

  app.get(
    '/api/referrals',
    {
      config: { action: 'referral.read' },
      schema: {
        summary:
          "Outbox (side=sent) or inbox (side=received) of the caller's organizations, newest change first",
        tags,
        querystring: ReferralQuery,
        response: { 200: Page(Referral), ...errors },
      },
    },
    async (request) => queries.list(request.principal!, request.query),
  )

  app.post(
    '/api/referrals',
    {
      config: { action: 'referral.send' },
      schema: {
        summary:
          "Refer a need to a resource: a draft, or sent at once with send=true (needs the recipient's consent to share with the receiving organization)",
        tags,
        body: CreateReferral,
        response: { 201: ReferralDetail, ...errors },
      },
    },
    async (request, reply) => {
      const r = await service.create(request.principal!, request.body)
      audited(request, r, r.fromOrgId, { status: r.status, toOrgId: r.toOrgId, resourceId: r.resourceId })
      return reply.status(201).send(await detail(request, r.id))
    },
  )

  app.get(
    '/api/referrals/:id',
    {
      config: { action: 'referral.read' },
      schema: {
        summary: 'One referral as the caller’s side may see it, with the actions open to the caller',
        tags,
        params: ReferralParams,
        response: { 200: ReferralDetail, ...errors },
      },
    },
    async (request) => detail(request, request.params.id),
  )

  app.get(
    '/api/referrals/:id/timeline',
    {
      config: { action: 'referral.read' },
      schema: {
        summary: 'Every step and comment, oldest first, with who took it and for which organization',
        tags,
        params: ReferralParams,
        response: { 200: Timeline, ...errors },
      },
    },
    async (request) => queries.timeline(request.principal!, request.params.id),
  )

  app.get(
    '/api/referrals/:id/shared',
    {
      config: { action: 'referral.update' },
      schema: {
        summary:
          "The recipient's consented details, for the receiving organization's staff while they serve the referral (each opening is audited)",
        tags,
        params: ReferralParams,
        response: { 200: SharedFieldsResponse, ...errors },
      },
    },
    async (request) => {
      const { referral, fields } = await service.shared(request.principal!, request.params.id)
      request.auditRead({
        targetType: 'referral',
        targetId: referral.id,
        orgId: referral.toOrgId,
        details: { opened: Object.keys(fields) },
      })
      return { referralId: referral.id, fields }
    },
  )

  app.post(
    '/api/referrals/:id/send',
    {
      config: { action: 'referral.send' },
      schema: {
        summary:
          "Send a draft (needs the recipient's recorded consent to share with the receiving organization)",
        tags,
        params: ReferralParams,
        response: { 200: ReferralDetail, ...errors },
      },
    },
    async (request) => {
      const r = await service.send(request.principal!, request.params.id)
      audited(request, r, r.fromOrgId, { status: r.status, consentId: r.consentId })
      return detail(request, r.id)
    },
  )

  app.post(
    '/api/referrals/:id/send-override',
    {
      config: { action: 'referral.consent_override' },
      schema: {
        summary:
          'Send a draft without a recorded consent (supervisors; the reason is kept and audited; only the named fields are shared)',
        tags,
        params: ReferralParams,
        body: OverrideInput,
        response: { 200: ReferralDetail, ...errors },
      },
    },
    async (request) => {
      const r = await service.send(request.principal!, request.params.id, request.body)
      audited(request, r, r.fromOrgId, {
        status: r.status,
        // The reason itself is free text (it may name people): it stays on the referral and its timeline.
        consentOverride: r.consentId === null,
        fields: request.body.fields ?? [],
      })
      return detail(request, r.id)
    },
  )

  const steps = [
    ['accept', 'Accept (takes capacity on the resource; 409 when none is left)', 'referral.update'],
    ['start', 'Start serving (from accepted or on hold)', 'referral.update'],
    ['hold', 'Put on the waiting list (from accepted or in progress)', 'referral.update'],
    ['cancel', 'Withdraw the referral (sending side; gives back capacity)', 'referral.send'],
  ] as const
  for (const [path, summary, action] of steps) {
    app.post(
      `/api/referrals/:id/${path}`,
      {
        config: { action },
        schema: {
          summary,
          tags,
          params: ReferralParams,
          body: NoteInput,
          response: { 200: ReferralDetail, ...errors },
        },
      },
      async (request) => {
        const { referral, orgId } = await service[path](
          request.principal!,
          request.params.id,
          request.body?.note,
        )
        audited(request, referral, orgId, { status: referral.status })
        return detail(request, referral.id)
      },
    )
  }

  app.post(
    '/api/referrals/:id/decline',
    {
      config: { action: 'referral.update' },
      schema: {
        summary: 'Decline with a reason (a note is required for "other")',
        tags,
        params: ReferralParams,
        body: DeclineInput,
        response: { 200: ReferralDetail, ...errors },
      },
    },
    async (request) => {
      const { referral, orgId } = await service.decline(request.principal!, request.params.id, request.body)
      audited(request, referral, orgId, { status: referral.status, reason: request.body.reason })
      return detail(request, referral.id)
    },
  )

  for (const [path, result] of [
    ['resolve', 'resolve'],
    ['unresolve', 'unresolve'],
  ] as const) {
    app.post(
      `/api/referrals/:id/${path}`,
      {
        config: { action: 'referral.update' },
        schema: {
          summary: `Close as ${result === 'resolve' ? 'resolved' : 'unresolved'} with an outcome (gives back capacity)`,
          tags,
          params: ReferralParams,
          body: CloseInput,
          response: { 200: ReferralDetail, ...errors },
        },
      },
      async (request) => {
        const { referral, orgId } = await service.close(
          request.principal!,
          request.params.id,
          result,
          request.body,
        )
        audited(request, referral, orgId, { status: referral.status })
        return detail(request, referral.id)
      },
    )
  }

  app.post(
    '/api/referrals/:id/refer-elsewhere',
    {
      config: { action: 'referral.send' },
      schema: {
        summary:
          'Pass the need on to another resource: this referral ends as referred_elsewhere and a successor is sent and linked',
        tags,
        params: ReferralParams,
        body: ElsewhereInput,
        response: { 200: ElsewhereResult, ...errors },
      },
    },
    async (request) => {
      const { previous, successor } = await service.referElsewhere(
        request.principal!,
        request.params.id,
        request.body,
      )
      audited(request, previous, previous.fromOrgId, {
        status: previous.status,
        nextReferralId: successor.id,
      })
      return { previous: await detail(request, previous.id), successor: await detail(request, successor.id) }
    },
  )

  app.post(
    '/api/referrals/:id/comments',
    {
      config: { action: 'referral.update' },
      schema: {
        summary: "Add a comment to the referral's timeline (both sides)",
        tags,
        params: ReferralParams,
        body: CommentInput,
        response: { 201: Timeline, ...errors },
      },
    },
    async (request, reply) => {
      const { referral, orgId } = await service.comment(
        request.principal!,
        request.params.id,
        request.body.note,
      )
      audited(request, referral, orgId)
      return reply.status(201).send(await queries.timeline(request.principal!, referral.id))
    },
  )
}

export default referralRoutes
