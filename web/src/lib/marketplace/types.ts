import type { paths } from '$lib/api/schema'

// The marketplace's API shapes (recipients, needs, matches, pledges, referrals), named once for
// its pages; they come from the server's OpenAPI document.
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never
type Get<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? Json<R> : never
type Body<P extends keyof paths> = paths[P] extends { post: { requestBody?: infer B } }
  ? Json<NonNullable<B>>
  : never

export type Recipient = Get<'/api/organizations/{id}/recipients'>['items'][number]
export type RecipientDetail = Get<'/api/recipients/{id}'>
export type Consent = RecipientDetail['consents'][number]
export type RecipientInput = Body<'/api/organizations/{id}/recipients'>
export type ConsentInput = Body<'/api/recipients/{id}/consents'>
export type RevealField = Body<'/api/recipients/{id}/reveal'>['field']

export type Need = Get<'/api/organizations/{id}/needs'>['items'][number]
export type NeedDetail = Get<'/api/needs/{id}'>
export type PublicNeed = Get<'/api/needs/{id}/public'>
export type NeedInput = Body<'/api/organizations/{id}/needs'>
export type Pledge = Get<'/api/needs/{id}/pledges'>[number]
export type MatchList = Get<'/api/needs/{id}/matches'>
export type Match = MatchList['items'][number]
export type Reasons = Match['reasons']
export type FittingNeed = Get<'/api/organizations/{id}/fitting-needs'>['items'][number]

export type Referral = Get<'/api/referrals'>['items'][number]
export type ReferralDetail = Get<'/api/referrals/{id}'>
export type ReferralStatus = Referral['status']
export type ReferralAction = Referral['actions'][number]
export type TimelineEvent = Get<'/api/referrals/{id}/timeline'>['items'][number]
export type ShareableField = ReferralDetail['sharedFields'][number]
export type DeclineReason = Body<'/api/referrals/{id}/decline'>['reason']
