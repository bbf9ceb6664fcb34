import type { paths } from './schema'

// Response and request bodies of the volunteer and coordinator pages, named once.

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never
type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer R
}
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 201: infer B }
      ? Json<B>
      : never
  : never
type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: infer B
}
  ? Json<NonNullable<B>>
  : never

export type VolunteerProfile = Ok<'/api/volunteer/profile', 'get'>
export type ProfileInput = Body<'/api/volunteer/profile', 'put'>
export type Blocker = VolunteerProfile['signUpBlockers'][number]

export type CourseSummary = Ok<'/api/training/courses', 'get'>['items'][number]
export type Course = Ok<'/api/training/courses/{id}', 'get'>
export type CourseInput = Body<'/api/organizations/{id}/courses', 'post'>
export type MyEnrolment = Ok<'/api/training/enrolments', 'get'>['items'][number]
export type QuizResult = Ok<'/api/training/courses/{id}/complete', 'post'>

export type OpportunitySearchResult = Ok<'/api/search/opportunities', 'get'>
export type OpportunityHit = OpportunitySearchResult['hits'][number]
export type OpportunitySearchQuery = NonNullable<
  paths['/api/search/opportunities']['get']['parameters']['query']
>
export type Opportunity = Ok<'/api/opportunities/{id}', 'get'>
export type Shift = Opportunity['shifts'][number]
export type OpportunityInput = Body<'/api/organizations/{id}/opportunities', 'post'>
export type OpportunityPatch = Body<'/api/opportunities/{id}', 'patch'>
export type OpportunitySummary = Ok<'/api/organizations/{id}/opportunities', 'get'>['items'][number]

export type Signup = Ok<'/api/signups/{id}/accept', 'post'>
export type MySignup = Ok<'/api/me/signups', 'get'>['items'][number]
export type Roster = Ok<'/api/shifts/{id}/roster', 'get'>
export type RosterEntry = Roster['items'][number]
export type Attendance =
  Ok<'/api/shifts/{id}/attendance', 'get'> extends infer A
    ? A extends { items: (infer I)[] }
      ? I
      : A extends (infer J)[]
        ? J
        : never
    : never
export type CheckinCode = Ok<'/api/shifts/{id}/checkin-code', 'get'>
export type CheckResult = Ok<'/api/shifts/{id}/check', 'post'>

export type ServiceRecord = Ok<'/api/me/service-records', 'get'>['items'][number]
export type RecordWithHistory = Ok<'/api/me/service-records/{id}', 'get'>
export type SelfReportInput = Body<'/api/me/service-records', 'post'>
export type ListedRecord = Ok<'/api/organizations/{id}/service-records', 'get'>['items'][number]
export type Correction =
  Ok<'/api/organizations/{id}/service-record-corrections', 'get'> extends infer C
    ? C extends { items: (infer I)[] }
      ? I
      : C extends (infer J)[]
        ? J
        : never
    : never

export type Totals = Ok<'/api/me/totals', 'get'>
export type PointEntry = Ok<'/api/me/points', 'get'>['items'][number]
export type Leaderboard = Ok<'/api/leaderboard', 'get'>
export type RewardItem =
  Ok<'/api/rewards', 'get'> extends infer R
    ? R extends { items: (infer I)[] }
      ? I
      : R extends (infer J)[]
        ? J
        : never
    : never
export type MyRedemption =
  Ok<'/api/me/redemptions', 'get'> extends infer R
    ? R extends { items: (infer I)[] }
      ? I
      : R extends (infer J)[]
        ? J
        : never
    : never
