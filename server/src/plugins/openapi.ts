import swagger from '@fastify/swagger'
import apiReference from '@scalar/fastify-api-reference'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Type } from 'typebox'
import { SESSION_COOKIE } from '../http/cookies.ts'

/** OpenAPI generated from the route schemas, served at /api/openapi.json and rendered at /api/docs. */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      // Schemas with an $id keep their name in components (Me, Organization, ErrorEnvelope …).
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, i) =>
          typeof json.$id === 'string' ? json.$id : `def-${i}`,
      },
      openapi: {
        openapi: '3.1.0',
        info: {
          title: '联动 Liandong API',
          version: '0.1.0',
          description:
            'Volunteer and resource-linking marketplace. Errors use one envelope: `{ error: { code, message, details? }, requestId }`. Messages follow Accept-Language (zh-CN default, en).',
        },
        components: {
          securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
        },
      },
    })
    app.get(
      '/api/openapi.json',
      {
        config: { action: 'public' },
        schema: {
          summary: 'This OpenAPI document',
          tags: ['system'],
          response: { 200: Type.Object({}, { additionalProperties: true }) },
        },
      },
      async () => app.swagger(),
    )
    await app.register(apiReference, {
      routePrefix: '/api/docs',
      configuration: { url: '/api/openapi.json', title: '联动 Liandong API' },
    })
  },
  { name: 'openapi' },
)
