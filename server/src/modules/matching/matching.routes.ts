import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errors, Page } from '../../http/schemas.ts'
import { NeedParams } from '../needs/need.schemas.ts'
import { OrgParams } from '../organizations/organization.schemas.ts'
import { FittingNeed, FittingNeedQuery, MatchList, MatchQuery } from './matching.schemas.ts'
import { matchingService } from './matching.service.ts'

const tags = ['matching']

const matchingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = matchingService(app.infra)

  app.get(
    '/api/needs/:id/matches',
    {
      config: { action: 'need.read' },
      schema: {
        summary: 'Ranked resources for a need, each with its reasons',
        description:
          "Active public resources and the agency's own informal ones that serve one of the need's categories. Score 0–100 from category, eligibility, area, text relevance, capacity and partner responsiveness (docs/marketplace.md). Candidates that fail a hard rule (no_category, not_eligible, out_of_area, no_capacity) come after the others with `eligible: false` and the rule's label.",
        tags,
        params: NeedParams,
        querystring: MatchQuery,
        response: { 200: MatchList, ...errors },
      },
    },
    async (request) => service.matches(request.principal!, request.params.id, request.query, request.locale),
  )

  app.get(
    '/api/organizations/:id/fitting-needs',
    {
      config: { action: 'need.pledge' },
      schema: {
        summary: "Open needs that the organization's active resources can take (de-identified)",
        description:
          "The partner's reverse view: other agencies' open and matched needs for which at least one of its active public resources passes every hard rule, best fit first, with that resource.",
        tags,
        params: OrgParams,
        querystring: FittingNeedQuery,
        response: { 200: Page(FittingNeed), ...errors },
      },
    },
    async (request) => service.fittingNeeds(request.principal!, request.params.id, request.query),
  )
}

export default matchingRoutes
