import type { paths } from '$lib/api/schema'

// The data-rights API shapes (docs/rights.md), from the server's OpenAPI document.
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never
type Get<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? Json<R> : never

export type RequestList = Get<'/api/recipients/{id}/requests'>
export type RightsRequest = RequestList['items'][number]
export type RecipientExport = Get<'/api/recipients/{id}/export'>
export type RequestKind = RightsRequest['kind']
export type CorrectableField = RightsRequest['correctedFields'][number]

/** The recipient's clear profile values that a correction of a choice field starts from. */
export interface CurrentProfile {
  gender: string | null
  categories: string[]
  districtCode: string | null
}
