import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errors, Page } from '../../http/schemas.ts'
import {
  MySignup,
  MySignupsQuery,
  ReasonInput,
  Roster,
  ShiftParams,
  Signup,
  SignupInput,
  SignupParams,
} from './signup.schemas.ts'
import { OFFER_EXPIRE_JOB, signupService } from './signup.service.ts'

const tags = ['signups']

const signupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = signupService(app)
  app.jobs.register<{ signupId: string }>(OFFER_EXPIRE_JOB, async ({ payload }) => {
    await service.expireOffer(payload.signupId)
  })
  app.realtime.authorize('shift', (principal, shiftId) => service.canFollowShift(principal, shiftId))
  app.realtime.authorize('opportunity', (principal, id) => service.canFollowOpportunity(principal, id))

  app.post(
    '/api/shifts/:id/signups',
    {
      config: { action: 'signup.self' },
      schema: {
        summary:
          'Sign up for a shift: confirmed, waitlisted or pending approval (a repeat returns the same sign-up)',
        tags,
        params: ShiftParams,
        body: SignupInput,
        response: { 200: Signup, 201: Signup, ...errors },
      },
    },
    async (request, reply) => {
      const { signup, created } = await service.signUp(request.principal!, request.params.id, request.body)
      request.auditTarget = {
        targetType: 'signup',
        targetId: signup.id,
        details: { shiftId: signup.shiftId, status: signup.status, headCount: signup.headCount, created },
      }
      return reply.status(created ? 201 : 200).send(signup)
    },
  )

  app.get(
    '/api/me/signups',
    {
      config: { action: 'signup.self' },
      schema: {
        summary: "The caller's sign-ups with their shifts, soonest first",
        tags,
        querystring: MySignupsQuery,
        response: { 200: Page(MySignup), ...errors },
      },
    },
    async (request) =>
      service.listMine(request.principal!, request.query.limit ?? 20, request.query.offset ?? 0),
  )

  app.post(
    '/api/signups/:id/cancel',
    {
      config: { action: 'signup.self' },
      schema: {
        summary:
          'Cancel a sign-up; after the cut-off a reason is required and the cancellation is flagged late',
        tags,
        params: SignupParams,
        body: ReasonInput,
        response: { 200: Signup, ...errors },
      },
    },
    async (request) => {
      const { signup, orgId } = await service.cancel(
        request.principal!,
        request.params.id,
        request.body.reason,
      )
      request.auditTarget = {
        targetType: 'signup',
        targetId: signup.id,
        orgId,
        details: { lateCancel: signup.lateCancel },
      }
      return signup
    },
  )

  app.post(
    '/api/signups/:id/accept',
    {
      config: { action: 'signup.self' },
      schema: {
        summary: 'Take an offered place before the offer expires',
        tags,
        params: SignupParams,
        response: { 200: Signup, ...errors },
      },
    },
    async (request) => {
      const signup = await service.acceptOffer(request.principal!, request.params.id)
      request.auditTarget = { targetType: 'signup', targetId: signup.id }
      return signup
    },
  )

  app.post(
    '/api/signups/:id/decline',
    {
      config: { action: 'signup.self' },
      schema: {
        summary: 'Decline an offered place; it passes to the next in line',
        tags,
        params: SignupParams,
        response: { 200: Signup, ...errors },
      },
    },
    async (request) => {
      const signup = await service.declineOffer(request.principal!, request.params.id)
      request.auditTarget = { targetType: 'signup', targetId: signup.id }
      return signup
    },
  )

  app.get(
    '/api/shifts/:id/roster',
    {
      config: { action: 'signup.manage' },
      schema: {
        summary: "A shift's sign-ups, waitlist and check-ins (coordinators of the organization)",
        tags,
        params: ShiftParams,
        response: { 200: Roster, ...errors },
      },
    },
    async (request) => service.roster(request.principal!, request.params.id),
  )

  for (const [path, summary] of [
    ['approve', 'Approve a sign-up waiting for approval (takes the place, or waitlists when full)'],
    ['reject', 'Turn down a sign-up waiting for approval or on the waitlist'],
    ['no-show', 'Mark a confirmed volunteer who never checked in as a no-show (after the shift has started)'],
  ] as const) {
    app.post(
      `/api/signups/:id/${path}`,
      {
        config: { action: 'signup.manage' },
        schema: {
          summary,
          tags,
          params: SignupParams,
          ...(path === 'reject' ? { body: ReasonInput } : {}),
          response: { 200: Signup, ...errors },
        },
      },
      async (request) => {
        const principal = request.principal!
        const id = request.params.id
        const result =
          path === 'approve'
            ? await service.approve(principal, id)
            : path === 'reject'
              ? await service.reject(principal, id, (request.body as { reason?: string } | undefined)?.reason)
              : await service.markNoShow(principal, id)
        request.auditTarget = {
          targetType: 'signup',
          targetId: id,
          orgId: result.orgId,
          details: { status: result.signup.status },
        }
        return result.signup
      },
    )
  }
}

export default signupRoutes
