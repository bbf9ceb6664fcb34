import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errors, Page } from '../../http/schemas.ts'
import { createNotifier } from '../notifications/notification.service.ts'
import { OrgParams } from '../organizations/organization.schemas.ts'
import { sendTrainingReminders, TRAINING_REMINDER_JOB } from './expiry-reminders.ts'
import {
  AttendanceBody,
  CompleteBody,
  Course,
  CourseEnrolment,
  CourseInput,
  CourseListQuery,
  CourseParams,
  CoursePatch,
  CourseSummary,
  Enrolment,
  MyEnrolment,
  QuizResult,
} from './training.schemas.ts'
import { trainingService } from './training.service.ts'

const tags = ['training']

const trainingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = trainingService(app.infra)
  const notify = createNotifier(app.infra, app.realtime)

  app.jobs.register(TRAINING_REMINDER_JOB, async ({ log }) => {
    const sent = await sendTrainingReminders(app.infra.database, app.infra.clock, notify)
    if (sent > 0) log.info({ sent }, 'training renewal reminders sent')
  })
  app.jobs.every({ name: TRAINING_REMINDER_JOB, everyMs: 6 * 3_600_000 })

  app.get(
    '/api/training/courses',
    {
      config: { action: 'training.read' },
      schema: {
        summary: "Published courses, plus every course of the caller's organizations",
        tags,
        querystring: CourseListQuery,
        response: { 200: Page(CourseSummary), ...errors },
      },
    },
    async (request) => service.list(request.principal!, request.query),
  )

  app.post(
    '/api/organizations/:id/courses',
    {
      config: { action: 'training.manage' },
      schema: {
        summary: 'Create a course (modules, minutes, optional quiz with a pass mark, validity)',
        tags,
        params: OrgParams,
        body: CourseInput,
        response: { 201: Course, ...errors },
      },
    },
    async (request, reply) => {
      const course = await service.create(request.principal!, request.params.id, request.body)
      request.auditTarget = { targetType: 'course', targetId: course.id, orgId: course.orgId }
      return reply.status(201).send(course)
    },
  )

  app.get(
    '/api/training/courses/:id',
    {
      config: { action: 'training.read' },
      schema: {
        summary: "One course with its modules and quiz (answers only for the course's coordinators)",
        tags,
        params: CourseParams,
        response: { 200: Course, ...errors },
      },
    },
    async (request) => service.get(request.principal!, request.params.id),
  )

  app.patch(
    '/api/training/courses/:id',
    {
      config: { action: 'training.manage' },
      schema: {
        summary: 'Change a course; modules, when given, replace the old ones',
        tags,
        params: CourseParams,
        body: CoursePatch,
        response: { 200: Course, ...errors },
      },
    },
    async (request) => {
      const course = await service.update(request.principal!, request.params.id, request.body)
      request.auditTarget = { targetType: 'course', targetId: course.id, orgId: course.orgId }
      return course
    },
  )

  app.post(
    '/api/training/courses/:id/enrol',
    {
      config: { action: 'training.take' },
      schema: {
        summary: 'Enrol in a published course (again: returns the existing enrolment)',
        tags,
        params: CourseParams,
        response: { 200: Enrolment, ...errors },
      },
    },
    async (request) => {
      const enrolment = await service.enrol(request.principal!, request.params.id)
      request.auditTarget = { targetType: 'enrolment', targetId: enrolment.id }
      return enrolment
    },
  )

  app.post(
    '/api/training/courses/:id/complete',
    {
      config: { action: 'training.take' },
      schema: {
        summary: 'Complete an online course: submit the quiz answers (pass or fail with the score)',
        tags,
        params: CourseParams,
        body: CompleteBody,
        response: { 200: QuizResult, ...errors },
      },
    },
    async (request) => {
      const result = await service.complete(request.principal!, request.params.id, request.body.answers)
      request.auditTarget = {
        targetType: 'enrolment',
        targetId: result.enrolment.id,
        details: { passed: result.passed, score: result.score },
      }
      return result
    },
  )

  app.get(
    '/api/training/enrolments',
    {
      config: { action: 'training.take' },
      schema: {
        summary: "The signed-in volunteer's enrolments and completions, with expiry",
        tags,
        response: { 200: Type.Object({ items: Type.Array(MyEnrolment) }), ...errors },
      },
    },
    async (request) => ({ items: await service.myEnrolments(request.principal!) }),
  )

  app.get(
    '/api/training/courses/:id/enrolments',
    {
      config: { action: 'training.manage' },
      schema: {
        summary: "A course's enrolments (its coordinators)",
        tags,
        params: CourseParams,
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(CourseEnrolment), ...errors },
      },
    },
    async (request) =>
      service.enrolmentsOfCourse(
        request.principal!,
        request.params.id,
        request.query.limit,
        request.query.offset,
      ),
  )

  app.post(
    '/api/training/courses/:id/attendance',
    {
      config: { action: 'training.manage' },
      schema: {
        summary: 'Record on-site attendance: the listed volunteers complete the course',
        tags,
        params: CourseParams,
        body: AttendanceBody,
        response: { 200: Type.Object({ items: Type.Array(Enrolment) }), ...errors },
      },
    },
    async (request) => {
      const { course, items } = await service.markAttendance(
        request.principal!,
        request.params.id,
        request.body.userIds,
      )
      request.auditTarget = {
        targetType: 'course',
        targetId: course.id,
        orgId: course.orgId,
        details: { attendance: items.length },
      }
      return { items }
    },
  )
}

export default trainingRoutes
