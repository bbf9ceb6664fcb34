import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errors, Ok, Page } from '../../http/schemas.ts'
import {
  AnswerInput,
  AssignInput,
  CalendarDay,
  CalendarDayInput,
  CalendarQuery,
  Challenge,
  CloseInput,
  CodeParams,
  ComplaintInput,
  ComplaintParams,
  Contact,
  DayParams,
  DeskQuery,
  MineRateInput,
  PublicComplaint,
  PublicOrg,
  RateInput,
  StaffComplaint,
  StaffComplaintDetail,
  Submitted,
  TrackInput,
} from './complaint.schemas.ts'
import { complaintService } from './complaint.service.ts'

const tags = ['complaints']
export const COMPLAINT_ESCALATION_JOB = 'complaints.escalate'

const complaintRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = complaintService(app.infra, app.realtime)
  const { config } = app.infra
  const submitLimit = { max: config.COMPLAINT_RATE_LIMIT, timeWindow: '1 hour' }
  const trackLimit = { max: config.COMPLAINT_RATE_LIMIT * 10, timeWindow: '1 hour' }

  app.jobs.register(COMPLAINT_ESCALATION_JOB, async ({ log }) => {
    const escalated = await service.escalateOverdue()
    if (escalated) log.info({ escalated }, 'overdue complaints escalated')
  })
  app.jobs.every({ name: COMPLAINT_ESCALATION_JOB, everyMs: 15 * 60_000 })

  // —— Public: the form and the tracking page ——

  app.get(
    '/api/public/complaints/challenge',
    {
      config: { action: 'public', rateLimit: trackLimit },
      schema: {
        summary: 'A proof-of-work challenge for the public complaint form',
        tags,
        response: { 200: Challenge, ...errors },
      },
    },
    async () => service.challenge(),
  )

  app.get(
    '/api/public/complaints/organizations',
    {
      config: { action: 'public' },
      schema: {
        summary: 'Approved organizations a complaint can be about',
        tags,
        response: { 200: Type.Object({ items: Type.Array(PublicOrg) }), ...errors },
      },
    },
    async () => ({ items: await service.organizations() }),
  )

  app.post(
    '/api/public/complaints',
    {
      config: { action: 'public', rateLimit: submitLimit },
      schema: {
        summary: 'Submit a complaint, suggestion or praise (with or without an account)',
        description:
          'Needs a solved proof-of-work challenge. Returns a tracking code and a secret (shown once) for the tracking link.',
        tags,
        body: ComplaintInput,
        response: { 201: Submitted, ...errors },
      },
    },
    async (request, reply) => {
      const { result, audit } = await service.submit(request.body, request.principal)
      request.auditTarget = audit
      return reply.status(201).send(result)
    },
  )

  app.post(
    '/api/public/complaints/track',
    {
      config: { action: 'public', rateLimit: trackLimit },
      schema: {
        summary: 'Follow a complaint with its tracking code and secret',
        description: 'POST, so the secret travels in the body and never in a URL or a log line.',
        tags,
        body: TrackInput,
        response: { 200: PublicComplaint, ...errors },
      },
    },
    async (request) => service.track(request.body.code, request.body.secret),
  )

  app.post(
    '/api/public/complaints/rate',
    {
      config: { action: 'public', rateLimit: trackLimit },
      schema: {
        summary: 'Rate the answer (1–5) and close the complaint',
        tags,
        body: RateInput,
        response: { 200: PublicComplaint, ...errors },
      },
    },
    async (request) => {
      const { code, secret, satisfaction, note } = request.body
      const { view, audit } = await service.rateByCode(code, secret, satisfaction, note)
      request.auditTarget = audit
      return view
    },
  )

  // —— The submitter's own complaints (signed in) ——

  app.get(
    '/api/complaints/mine',
    {
      config: { action: 'complaint.submit' },
      schema: {
        summary: 'Complaints I submitted while signed in',
        tags,
        response: { 200: Type.Object({ items: Type.Array(PublicComplaint) }), ...errors },
      },
    },
    async (request) => ({ items: await service.mine(request.principal!) }),
  )

  app.get(
    '/api/complaints/mine/:code',
    {
      config: { action: 'complaint.submit' },
      schema: {
        summary: 'One of my complaints by tracking code',
        tags,
        params: CodeParams,
        response: { 200: PublicComplaint, ...errors },
      },
    },
    async (request) => service.publicView(await service.mineByCode(request.principal!, request.params.code)),
  )

  app.post(
    '/api/complaints/mine/:code/rate',
    {
      config: { action: 'complaint.submit' },
      schema: {
        summary: 'Rate the answer to my complaint and close it',
        tags,
        params: CodeParams,
        body: MineRateInput,
        response: { 200: PublicComplaint, ...errors },
      },
    },
    async (request) => {
      const { satisfaction, note } = request.body
      const { view, audit } = await service.rateMine(
        request.principal!,
        request.params.code,
        satisfaction,
        note,
      )
      request.auditTarget = audit
      return view
    },
  )

  // —— The complaint desk ——

  app.get(
    '/api/complaints',
    {
      config: { action: 'complaint.handle' },
      schema: {
        summary: 'The complaint desk: all complaints (supervisors, admins) or those assigned to me',
        tags,
        querystring: DeskQuery,
        response: { 200: Page(StaffComplaint), ...errors },
      },
    },
    async (request) => service.list(request.principal!, request.query),
  )

  app.get(
    '/api/complaints/:id',
    {
      config: { action: 'complaint.handle' },
      schema: {
        summary: 'One complaint with its timeline',
        tags,
        params: ComplaintParams,
        response: { 200: StaffComplaintDetail, ...errors },
      },
    },
    async (request) => service.detail(request.principal!, request.params.id),
  )

  app.get(
    '/api/complaints/:id/contact',
    {
      config: { action: 'complaint.handle' },
      schema: {
        summary: "The complainant's contact details (audited read)",
        tags,
        params: ComplaintParams,
        response: { 200: Contact, ...errors },
      },
    },
    async (request) => {
      const { contact, audit } = await service.contact(request.principal!, request.params.id)
      request.auditRead({ ...audit, details: { field: 'contact' } })
      return { contact }
    },
  )

  app.post(
    '/api/complaints/:id/assign',
    {
      config: { action: 'complaint.assign' },
      schema: {
        summary: 'Assign (or reassign) the complaint to a staff member',
        tags,
        params: ComplaintParams,
        body: AssignInput,
        response: { 200: StaffComplaintDetail, ...errors },
      },
    },
    async (request) => {
      const { view, audit } = await service.assign(
        request.principal!,
        request.params.id,
        request.body.assigneeId,
      )
      request.auditTarget = { ...audit, details: { assigneeId: request.body.assigneeId } }
      return view
    },
  )

  app.post(
    '/api/complaints/:id/answer',
    {
      config: { action: 'complaint.handle' },
      schema: {
        summary: 'Answer the complaint (the complainant is told and may rate it)',
        tags,
        params: ComplaintParams,
        body: AnswerInput,
        response: { 200: StaffComplaintDetail, ...errors },
      },
    },
    async (request) => {
      const { view, audit } = await service.answer(request.principal!, request.params.id, request.body.answer)
      request.auditTarget = audit
      return view
    },
  )

  app.post(
    '/api/complaints/:id/close',
    {
      config: { action: 'complaint.assign' },
      schema: {
        summary: 'Close an answered complaint without a rating, with the reason',
        tags,
        params: ComplaintParams,
        body: CloseInput,
        response: { 200: StaffComplaintDetail, ...errors },
      },
    },
    async (request) => {
      const { view, audit } = await service.close(request.principal!, request.params.id, request.body.note)
      request.auditTarget = audit
      return view
    },
  )

  // —— The working-day calendar ——

  app.get(
    '/api/holidays',
    {
      config: { action: 'holiday.manage' },
      schema: {
        summary: 'Public holidays and 调休 workdays of a year',
        tags,
        querystring: CalendarQuery,
        response: { 200: Type.Object({ items: Type.Array(CalendarDay) }), ...errors },
      },
    },
    async (request) => ({ items: await service.calendar(request.query.year) }),
  )

  app.put(
    '/api/holidays/:day',
    {
      config: { action: 'holiday.manage' },
      schema: {
        summary: 'Mark a day as a public holiday or a worked weekend day',
        tags,
        params: DayParams,
        body: CalendarDayInput,
        response: { 200: CalendarDay, ...errors },
      },
    },
    async (request) => {
      request.auditTarget = { targetType: 'calendar_day', targetId: request.params.day }
      return service.putCalendarDay(request.params.day, request.body.kind, request.body.name)
    },
  )

  app.delete(
    '/api/holidays/:day',
    {
      config: { action: 'holiday.manage' },
      schema: {
        summary: 'Return a day to the weekday rule',
        tags,
        params: DayParams,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      request.auditTarget = { targetType: 'calendar_day', targetId: request.params.day }
      await service.deleteCalendarDay(request.params.day)
      return { ok: true as const }
    },
  )
}

export default complaintRoutes
