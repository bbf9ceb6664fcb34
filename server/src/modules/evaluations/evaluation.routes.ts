import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errors } from '../../http/schemas.ts'
import {
  AttendedShift,
  Evaluation,
  FeedbackQuery,
  OpportunityFeedback,
  OpportunityParams,
  OrgVolunteerParams,
  Rating,
  RatingInput,
  ShiftEvaluations,
  ShiftParams,
  ShiftVolunteerParams,
  VolunteerEvaluations,
} from './evaluation.schemas.ts'
import { evaluationService } from './evaluation.service.ts'

const tags = ['evaluations']

const evaluationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = evaluationService(app)

  app.put(
    '/api/shifts/:id/evaluations/:userId',
    {
      config: { action: 'evaluation.manage' },
      schema: {
        summary: 'Rate a volunteer who came to the shift (1–5 and a comment, private to the organization)',
        tags,
        params: ShiftVolunteerParams,
        body: RatingInput,
        response: { 200: Evaluation, ...errors },
      },
    },
    async (request) => {
      const evaluation = await service.rateVolunteer(
        request.principal!,
        request.params.id,
        request.params.userId,
        request.body,
      )
      request.auditTarget = {
        targetType: 'shift_evaluation',
        targetId: evaluation.id,
        orgId: evaluation.orgId,
        details: { direction: evaluation.direction, score: evaluation.score },
      }
      return evaluation
    },
  )

  app.get(
    '/api/shifts/:id/evaluations',
    {
      config: { action: 'evaluation.manage' },
      schema: {
        summary: "The organization's ratings of the volunteers of a shift",
        tags,
        params: ShiftParams,
        response: { 200: ShiftEvaluations, ...errors },
      },
    },
    async (request) => service.listForShift(request.principal!, request.params.id),
  )

  app.put(
    '/api/me/shifts/:id/evaluation',
    {
      config: { action: 'evaluation.self' },
      schema: {
        summary: 'Rate the opportunity of a shift the caller came to (after checking out or after its end)',
        tags,
        params: ShiftParams,
        body: RatingInput,
        response: { 200: Evaluation, ...errors },
      },
    },
    async (request) => {
      const evaluation = await service.rateOpportunity(request.principal!, request.params.id, request.body)
      request.auditTarget = {
        targetType: 'shift_evaluation',
        targetId: evaluation.id,
        orgId: evaluation.orgId,
        details: { direction: evaluation.direction, score: evaluation.score },
      }
      return evaluation
    },
  )

  app.get(
    '/api/me/attended-shifts',
    {
      config: { action: 'evaluation.self' },
      schema: {
        summary: 'Shifts the caller came to, newest first, with their rating of each opportunity',
        tags,
        response: { 200: Type.Object({ items: Type.Array(AttendedShift) }), ...errors },
      },
    },
    async (request) => service.attendedShifts(request.principal!),
  )

  app.get(
    '/api/opportunities/:id/rating',
    {
      config: { action: 'opportunity.read' },
      schema: {
        summary: "Volunteers' average rating of an opportunity and how many rated it",
        tags,
        params: OpportunityParams,
        response: { 200: Rating, ...errors },
      },
    },
    async (request) => service.opportunityRating(request.principal!, request.params.id),
  )

  app.get(
    '/api/opportunities/:id/evaluations',
    {
      config: { action: 'evaluation.manage' },
      schema: {
        summary: "Volunteers' ratings and comments on an opportunity, for its organization",
        tags,
        params: OpportunityParams,
        querystring: FeedbackQuery,
        response: { 200: OpportunityFeedback, ...errors },
      },
    },
    async (request) =>
      service.opportunityFeedback(
        request.principal!,
        request.params.id,
        request.query.limit ?? 20,
        request.query.offset ?? 0,
      ),
  )

  app.get(
    '/api/organizations/:id/volunteers/:userId/evaluations',
    {
      config: { action: 'volunteer.read' },
      schema: {
        summary: "The organization's own ratings of a volunteer and their average (its staff only)",
        tags,
        params: OrgVolunteerParams,
        response: { 200: VolunteerEvaluations, ...errors },
      },
    },
    async (request) =>
      service.volunteerEvaluations(request.principal!, request.params.id, request.params.userId),
  )
}

export default evaluationRoutes
