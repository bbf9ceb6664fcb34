import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ErrorRef, errors, StringEnum } from '../../http/schemas.ts'
import { documentLoaders } from '../../search/documents.ts'
import { rebuildIndex } from '../../search/rebuild.ts'
import { OpportunitySearchQuery, OpportunitySearchResult } from './opportunity-search.schemas.ts'
import { opportunitySearch } from './opportunity-search.ts'
import { ResourceSearchQuery, ResourceSearchResult } from './search.schemas.ts'
import { searchService } from './search.service.ts'

const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const search = searchService(app.infra.search, {
    now: () => app.infra.clock.now(),
    staleAfterMs: app.infra.config.RESOURCE_STALE_DAYS * 86_400_000,
  })
  const searchOpportunities = opportunitySearch(app.infra.search, app.infra.clock)

  app.get(
    '/api/search/opportunities',
    {
      config: { action: 'opportunity.read' },
      schema: {
        summary: 'Search volunteer opportunities: text, filters, facets (category, district, date, skill)',
        description:
          "Finds published opportunities and every opportunity of the caller's own organizations. Dates match opportunities whose shifts span the range; without one, those with shifts still to come.",
        tags: ['search'],
        querystring: OpportunitySearchQuery,
        response: { 200: OpportunitySearchResult, 503: ErrorRef, ...errors },
      },
    },
    async (request) => searchOpportunities(request.principal!, request.query),
  )

  app.get(
    '/api/search/resources',
    {
      config: { action: 'resource.search' },
      schema: {
        summary: 'Search resources: text, filters, facets',
        description:
          "Finds published public resources and, for members, their own organizations' published ones (informal resources included). Text may be Chinese (partial words match), pinyin or initials.",
        tags: ['search'],
        querystring: ResourceSearchQuery,
        response: { 200: ResourceSearchResult, 503: ErrorRef, ...errors },
      },
    },
    async (request) => search.resources(request.principal!, request.query),
  )

  app.post(
    '/api/search/reindex',
    {
      config: { action: 'search.reindex' },
      schema: {
        summary: 'Rebuild an index from the database and swap it in',
        description: 'Searches keep answering from the old copy until the new one is complete.',
        tags: ['search'],
        body: Type.Object(
          { index: StringEnum(['resources', 'opportunities', 'needs']) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ index: Type.String(), documents: Type.Integer(), ms: Type.Integer() }),
          ...errors,
        },
      },
    },
    async (request) => {
      const started = performance.now()
      const loader = documentLoaders(app.infra.database.db, () => app.infra.clock.now())[request.body.index]!
      const documents = await rebuildIndex(app.infra.search, request.body.index, loader)
      request.auditTarget = {
        targetType: 'search_index',
        targetId: request.body.index,
        details: { documents },
      }
      return { index: request.body.index, documents, ms: Math.round(performance.now() - started) }
    },
  )
}

export default searchRoutes
