import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { schema } from '@liandong/db'
import { eq } from 'drizzle-orm'
import { Type } from 'typebox'
import { ErrorRef, errors, Page } from '../../http/schemas.ts'
import { OrgParams } from '../organizations/organization.schemas.ts'
import {
  AcceptedPledge,
  Need,
  NeedDetail,
  NeedInput,
  NeedListQuery,
  NeedParams,
  NeedPatch,
  NeedSearchQuery,
  NeedSearchResult,
  NeedStatusChange,
  Pledge,
  PledgeInput,
  PledgeParams,
  PublicNeed,
} from './need.schemas.ts'
import { needService } from './need.service.ts'
import { needSearch } from './need-search.ts'
import { OPEN_TO_PARTNERS } from './need-status.ts'
import type { NeedStatus } from './need-types.ts'
import { pledgeService } from './pledge.service.ts'

const tags = ['needs']

const needRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = needService(app.infra, app.realtime)
  const pledges = pledgeService(app.infra, app.realtime)
  const search = needSearch(app.infra.search)

  // need:<id> — the agency's workers, and organizations that may browse it while it is open.
  app.realtime.authorize('need', async (principal, id) => {
    const [need] = await app.infra.database.db
      .select({ orgId: schema.needs.orgId, status: schema.needs.status })
      .from(schema.needs)
      .where(eq(schema.needs.id, id))
    if (!need) return false
    return (
      principal.canInOrg('need.read', need.orgId) ||
      (principal.orgIdsFor('need.browse').length > 0 && OPEN_TO_PARTNERS.includes(need.status as NeedStatus))
    )
  })

  app.post(
    '/api/organizations/:id/needs',
    {
      config: { action: 'need.manage' },
      schema: {
        summary: "Post a recipient's need",
        description:
          'Recipient categories and the age band come from the recipient; the district defaults to theirs. The public summary is what partners see: names, phone and ID numbers in it are refused (422 field.identifying). Publishes need.changed on org:<id>.',
        tags,
        params: OrgParams,
        body: NeedInput,
        response: { 201: Need, ...errors },
      },
    },
    async (request, reply) => {
      const need = await service.create(request.principal!, request.params.id, request.body)
      request.auditTarget = { targetType: 'need', targetId: need.id, orgId: need.orgId }
      return reply.status(201).send(need)
    },
  )

  app.get(
    '/api/organizations/:id/needs',
    {
      config: { action: 'need.read' },
      schema: {
        summary: "The agency's needs, every status",
        tags,
        params: OrgParams,
        querystring: NeedListQuery,
        response: { 200: Page(Need), ...errors },
      },
    },
    async (request) => service.list(request.principal!, request.params.id, request.query),
  )

  app.get(
    '/api/needs/:id',
    {
      config: { action: 'need.read' },
      schema: {
        summary: 'One need with its private description (the agency only; audited)',
        tags,
        params: NeedParams,
        response: { 200: NeedDetail, ...errors },
      },
    },
    async (request) => {
      const need = await service.get(request.principal!, request.params.id)
      if (need.privateDescription !== null)
        request.auditRead({
          targetType: 'need',
          targetId: need.id,
          orgId: need.orgId,
          details: { private: true },
        })
      return need
    },
  )

  app.patch(
    '/api/needs/:id',
    {
      config: { action: 'need.manage' },
      schema: {
        summary: 'Change a need (not once it is met, closed or withdrawn)',
        tags,
        params: NeedParams,
        body: NeedPatch,
        response: { 200: Need, ...errors },
      },
    },
    async (request) => {
      const need = await service.update(request.principal!, request.params.id, request.body)
      request.auditTarget = { targetType: 'need', targetId: need.id, orgId: need.orgId }
      return need
    },
  )

  app.post(
    '/api/needs/:id/status',
    {
      config: { action: 'need.manage' },
      schema: {
        summary: 'Mark matched, reopen, close or withdraw a need',
        description:
          'open ⇄ matched; open, matched, referred or met → closed; open or matched → withdrawn; closed → open. referred and met follow the referrals. Closing or withdrawing declines the offers still waiting.',
        tags,
        params: NeedParams,
        body: NeedStatusChange,
        response: { 200: Need, ...errors },
      },
    },
    async (request) => {
      const need = await service.setStatus(request.principal!, request.params.id, request.body.status)
      request.auditTarget = {
        targetType: 'need',
        targetId: need.id,
        orgId: need.orgId,
        details: { status: need.status },
      }
      return need
    },
  )

  app.get(
    '/api/needs/:id/public',
    {
      config: { action: 'need.browse' },
      schema: {
        summary: "A need's de-identified view (what partners see)",
        description:
          'Open and matched needs; afterwards only for the agency and organizations that offered help.',
        tags,
        params: NeedParams,
        response: { 200: PublicNeed, ...errors },
      },
    },
    async (request) => service.getPublic(request.principal!, request.params.id),
  )

  app.get(
    '/api/search/needs',
    {
      config: { action: 'need.browse' },
      schema: {
        summary: 'Search de-identified needs: text, filters, facets',
        description:
          "Open and matched needs of every agency, and every open-to-met need of the caller's own agency; closed and withdrawn needs are never found. Volunteers do not browse needs.",
        tags: ['search', ...tags],
        querystring: NeedSearchQuery,
        response: { 200: NeedSearchResult, 503: ErrorRef, ...errors },
      },
    },
    async (request) => search(request.principal!, request.query),
  )

  app.get(
    '/api/needs/:id/pledges',
    {
      config: { action: 'need.browse' },
      schema: {
        summary: 'Offers of help for a need (the agency sees all, a partner its own)',
        tags,
        params: NeedParams,
        response: { 200: Type.Array(Pledge), ...errors },
      },
    },
    async (request) => pledges.listForNeed(request.principal!, request.params.id),
  )

  app.post(
    '/api/needs/:id/pledges',
    {
      config: { action: 'need.pledge' },
      schema: {
        summary: 'Offer help for an open need with one of your resources',
        tags,
        params: NeedParams,
        body: PledgeInput,
        response: { 201: Pledge, ...errors },
      },
    },
    async (request, reply) => {
      const { pledge } = await pledges.offer(request.principal!, request.params.id, request.body)
      request.auditTarget = {
        targetType: 'need_pledge',
        targetId: pledge.id,
        orgId: pledge.orgId,
        details: { needId: pledge.needId, resourceId: pledge.resourceId },
      }
      return reply.status(201).send(pledge)
    },
  )

  app.post(
    '/api/pledges/:id/withdraw',
    {
      config: { action: 'need.pledge' },
      schema: {
        summary: 'Withdraw an offer that has not been answered',
        tags,
        params: PledgeParams,
        response: { 200: Pledge, ...errors },
      },
    },
    async (request) => {
      const { pledge } = await pledges.withdraw(request.principal!, request.params.id)
      request.auditTarget = { targetType: 'need_pledge', targetId: pledge.id, orgId: pledge.orgId }
      return pledge
    },
  )

  for (const answer of ['accept', 'decline'] as const) {
    app.post(
      `/api/pledges/:id/${answer}`,
      {
        config: { action: 'need.manage' },
        schema: {
          summary:
            answer === 'accept'
              ? 'Accept an offer: the need becomes matched; send the referral with the returned draft'
              : 'Decline an offer',
          tags,
          params: PledgeParams,
          response: { 200: AcceptedPledge, ...errors },
        },
      },
      async (request) => {
        const result = await pledges.respond(
          request.principal!,
          request.params.id,
          answer === 'accept' ? 'accepted' : 'declined',
        )
        request.auditTarget = {
          targetType: 'need_pledge',
          targetId: result.pledge.id,
          orgId: result.agencyOrgId,
          details: { answer },
        }
        return { pledge: result.pledge, referralDraft: result.referralDraft }
      },
    )
  }
}

export default needRoutes
