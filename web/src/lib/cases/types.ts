import type { paths } from '$lib/api/schema'

// The cases API's shapes, named once for the pages; they come from the server's OpenAPI document.
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never
type Get<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? Json<R> : never
type Put<P extends keyof paths> = paths[P] extends { put: { requestBody?: infer B } }
  ? Json<NonNullable<B>>
  : never
type Post<P extends keyof paths> = paths[P] extends { post: { requestBody?: infer B } }
  ? Json<NonNullable<B>>
  : never

export type CaseSummary = Get<'/api/organizations/{id}/cases'>['items'][number]
export type CaseDetail = Get<'/api/cases/{id}'>
export type CaseRecordMeta = CaseDetail['history'][number]
export type ApprovalItem = Get<'/api/organizations/{id}/case-approvals'>[number]
export type CaseView = Get<'/api/cases/{id}/views'>['items'][number]
export type Stage = CaseSummary['stage']

export type IntakeDoc = Post<'/api/cases/{id}/intake'>
export type ReferralOutDoc = Post<'/api/cases/{id}/referral-out'>
export type NoteDoc = Post<'/api/cases/{id}/notes'>
export type EvaluationDoc = Post<'/api/cases/{id}/evaluation'>
export type FollowUpDoc = Post<'/api/cases/{id}/follow-ups'>
export type AssessmentDoc = Put<'/api/cases/{id}/assessment'>['content']
export type PlanDoc = Put<'/api/cases/{id}/plan'>['content']
export type ClosureDoc = Put<'/api/cases/{id}/closure'>['content']
