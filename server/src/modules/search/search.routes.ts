import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorEnvelope, errors } from '../../http/schemas.ts'
import { ResourceSearchQuery, ResourceSearchResult } from './search.schemas.ts'
import { searchService } from './search.service.ts'

const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const search = searchService(app.infra.search)

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
        response: { 200: ResourceSearchResult, 503: ErrorEnvelope, ...errors },
      },
    },
    async (request) => search.resources(request.principal!, request.query),
  )
}

export default searchRoutes
