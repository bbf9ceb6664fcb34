import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errors } from '../../http/schemas.ts'
import {
  Attendance,
  AttendanceParams,
  CheckInput,
  CheckinCode,
  CheckResult,
  OverrideInput,
  RollCallInput,
  ShiftParams,
} from './attendance.schemas.ts'
import { AUTOCLOSE_JOB, attendanceService } from './attendance.service.ts'

const tags = ['attendance']

const attendanceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = attendanceService(app)
  app.jobs.register(AUTOCLOSE_JOB, async ({ log }) => {
    const closed = await service.autoClose()
    if (closed) log.info({ closed }, 'closed forgotten check-ins')
  })
  app.jobs.every({ name: AUTOCLOSE_JOB, everyMs: 15 * 60_000 })

  app.get(
    '/api/shifts/:id/checkin-code',
    {
      config: { action: 'attendance.manage' },
      schema: {
        summary: "The shift's rotating check-in code (changes every 30 s) with its URL and QR code",
        tags,
        params: ShiftParams,
        response: { 200: CheckinCode, ...errors },
      },
    },
    async (request) => {
      const { orgId: _orgId, ...code } = await service.code(request.principal!, request.params.id)
      return code
    },
  )

  app.post(
    '/api/shifts/:id/check',
    {
      config: { action: 'attendance.check' },
      schema: {
        summary:
          'Scan the code: checks in, and out on the next scan (a repeat within seconds changes nothing)',
        tags,
        params: ShiftParams,
        body: CheckInput,
        response: { 200: CheckResult, ...errors },
      },
    },
    async (request) => {
      const result = await service.check(request.principal!, request.params.id, request.body.code)
      request.auditTarget = {
        targetType: 'attendance',
        targetId: result.attendance.id,
        orgId: result.orgId,
        details: { state: result.state, changed: result.changed, method: 'qr' },
      }
      return { state: result.state, changed: result.changed, attendance: result.attendance }
    },
  )

  app.post(
    '/api/shifts/:id/roll-call',
    {
      config: { action: 'attendance.manage' },
      schema: {
        summary: 'Coordinator roll call: check a volunteer in or out',
        tags,
        params: ShiftParams,
        body: RollCallInput,
        response: { 200: CheckResult, ...errors },
      },
    },
    async (request) => {
      const result = await service.rollCall(request.principal!, request.params.id, request.body)
      request.auditTarget = {
        targetType: 'attendance',
        targetId: result.attendance.id,
        orgId: result.orgId,
        details: { state: result.state, changed: result.changed, method: 'roll_call' },
      }
      return { state: result.state, changed: result.changed, attendance: result.attendance }
    },
  )

  app.get(
    '/api/shifts/:id/attendance',
    {
      config: { action: 'attendance.manage' },
      schema: {
        summary: "A shift's check-ins with counted minutes",
        tags,
        params: ShiftParams,
        response: { 200: Type.Object({ items: Type.Array(Attendance) }), ...errors },
      },
    },
    async (request) => ({ items: await service.listForShift(request.principal!, request.params.id) }),
  )

  app.post(
    '/api/attendance/:id/override',
    {
      config: { action: 'attendance.manage' },
      schema: {
        summary: 'Set the counted minutes with a reason (while the service record is pending)',
        tags,
        params: AttendanceParams,
        body: OverrideInput,
        response: { 200: Attendance, ...errors },
      },
    },
    async (request) => {
      const result = await service.override(request.principal!, request.params.id, request.body)
      request.auditTarget = {
        targetType: 'attendance',
        targetId: result.attendance.id,
        orgId: result.orgId,
        details: { overrideMinutes: request.body.minutes },
      }
      return { ...result.attendance, minutes: result.minutes }
    },
  )
}

export default attendanceRoutes
