import createClient from 'openapi-fetch'
import { authMiddleware } from './auth-middleware.ts'
import type { paths } from './schema'

/** The one typed client for the Liandong API; types come from the server's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '' })
api.use(authMiddleware)

/** The JSON body a route answers with on 200. */
type Ok200<Path extends keyof paths, Method extends 'get' | 'post'> = paths[Path][Method] extends {
  responses: { 200: { content: { 'application/json': infer Body } } }
}
  ? Body
  : never

export type Me = Ok200<'/api/me', 'get'>
export type Organization = Ok200<'/api/organizations/{id}', 'get'>
export type Membership = Me['memberships'][number]

export type Resource = Ok200<'/api/resources/{id}', 'get'>
export type ResourceSearchResult = Ok200<'/api/search/resources', 'get'>
export type ResourceHit = ResourceSearchResult['hits'][number]
export type HighlightPart = NonNullable<ResourceHit['highlights']['title']>[number]
type ResourceCreate = paths['/api/organizations/{id}/resources']['post']
export type ResourceInput = ResourceCreate extends {
  requestBody: { content: { 'application/json': infer B } }
}
  ? B
  : never
export type ResourceSearchQuery = NonNullable<paths['/api/search/resources']['get']['parameters']['query']>

export type NotificationPage = Ok200<'/api/notifications', 'get'>
export type AppNotification = NotificationPage['items'][number]
