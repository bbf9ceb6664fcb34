import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { errors, Page } from '../../http/schemas.ts'
import { OrgParams } from '../organizations/organization.schemas.ts'
import { Recipient, RecipientParams } from './recipient.schemas.ts'
import { correctionService } from './rights.correction.ts'
import { exportService } from './rights.export.ts'
import {
  AgencyRequestsQuery,
  AnswerInput,
  CorrectionQuery,
  DecideInput,
  ExportInput,
  ExportQuery,
  RecipientExport,
  RecipientPatch,
  RequestInput,
  RequestList,
  RequestParams,
  RightsRequest,
} from './rights.schemas.ts'
import { rightsService } from './rights.service.ts'

const tags = ['recipients']
export const RIGHTS_REMINDER_JOB = 'rights.reminders'
export const RIGHTS_ERASURE_JOB = 'rights.erasures'
const DAY = 24 * 3_600_000

/** A recipient's rights over their data (PIPL arts. 44–47): requests, export, correction, deletion. */
const rightsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const rights = rightsService(app.infra, app.realtime)
  const exports = exportService(app.infra, app.realtime)
  const corrections = correctionService(app.infra)

  app.jobs.register(RIGHTS_REMINDER_JOB, async ({ log }) => {
    const sent = await rights.remindDue()
    if (sent) log.info({ sent }, 'data-rights request reminders sent')
  })
  app.jobs.every({ name: RIGHTS_REMINDER_JOB, everyMs: DAY })
  app.jobs.register(RIGHTS_ERASURE_JOB, async ({ log }) => {
    const erased = await rights.eraseScheduled()
    if (erased) log.info({ erased }, 'scheduled erasures carried out')
  })
  app.jobs.every({ name: RIGHTS_ERASURE_JOB, everyMs: DAY })

  app.post(
    '/api/recipients/:id/requests',
    {
      config: { action: 'recipient.rights' },
      schema: {
        summary: 'Record a request the recipient made about their data (access, correction, deletion)',
        description:
          'What they asked is sealed; the answer is due RIGHTS_RESPONSE_DAYS after it was received. One deletion request at a time.',
        tags,
        params: RecipientParams,
        body: RequestInput,
        response: { 201: RightsRequest, ...errors },
      },
    },
    async (request, reply) => {
      const saved = await rights.record(request.principal!, request.params.id, request.body)
      request.auditTarget = {
        targetType: 'recipient_request',
        targetId: saved.id,
        orgId: saved.orgId,
        details: { recipientId: saved.recipientId, kind: saved.kind, channel: saved.channel },
      }
      return reply.status(201).send(saved)
    },
  )

  app.get(
    '/api/recipients/:id/requests',
    {
      config: { action: 'recipient.rights' },
      schema: {
        summary: "The recipient's data requests, with what was asked and the answers (audited)",
        tags,
        params: RecipientParams,
        response: { 200: RequestList, ...errors },
      },
    },
    async (request) => {
      const { recipient, items } = await rights.forRecipient(request.principal!, request.params.id)
      request.auditRead({
        targetType: 'recipient',
        targetId: recipient.id,
        orgId: recipient.orgId,
        details: { requests: items.length },
      })
      return { items, can: { erase: request.principal!.canInOrg('recipient.erase', recipient.orgId) } }
    },
  )

  app.get(
    '/api/organizations/:id/recipient-requests',
    {
      config: { action: 'recipient.rights' },
      schema: {
        summary: "The agency's register of data requests: open ones first by due date, overdue flagged",
        description: 'Kinds, statuses and dates only; what was asked is on the recipient’s page.',
        tags,
        params: OrgParams,
        querystring: AgencyRequestsQuery,
        response: { 200: Page(RightsRequest), ...errors },
      },
    },
    async (request) => rights.forOrganization(request.principal!, request.params.id, request.query),
  )

  app.post(
    '/api/recipient-requests/:id/answer',
    {
      config: { action: 'recipient.rights' },
      schema: {
        summary: 'Answer an access or correction request: done, or refused with the reason',
        description:
          'An access request is done by exporting with its id; a correction is done once an edit named it (`?request=`). Deletions are decided by a supervisor.',
        tags,
        params: RequestParams,
        body: AnswerInput,
        response: { 200: RightsRequest, ...errors },
      },
    },
    async (request) => {
      const saved = await rights.answer(request.principal!, request.params.id, request.body)
      request.auditTarget = {
        targetType: 'recipient_request',
        targetId: saved.id,
        orgId: saved.orgId,
        details: {
          recipientId: saved.recipientId,
          kind: saved.kind,
          status: saved.status,
          fields: saved.correctedFields.join(','),
        },
      }
      return saved
    },
  )

  app.post(
    '/api/recipient-requests/:id/decide',
    {
      config: { action: 'recipient.erase' },
      schema: {
        summary:
          "A supervisor decides a deletion request: erase (now, or when the filed records' retention ends) or refuse",
        description:
          'Refused with 409 while the recipient has an open case or a referral under way. With a filed case file the phone and address go at once and the rest is scheduled for when the last file is destroyed.',
        tags,
        params: RequestParams,
        body: DecideInput,
        response: { 200: RightsRequest, ...errors },
      },
    },
    async (request) => {
      const { request: saved, erased } = await rights.decide(
        request.principal!,
        request.params.id,
        request.body,
      )
      const { withdrawnIds: _, ...counts } = erased ?? { withdrawnIds: [] }
      request.auditTarget = {
        targetType: 'recipient_request',
        targetId: saved.id,
        orgId: saved.orgId,
        details: {
          recipientId: saved.recipientId,
          decision: request.body.decision,
          status: saved.status,
          ...counts,
        },
      }
      return saved
    },
  )

  /** Both ways of exporting (page and download): one audited read with the reason given. */
  async function exported(
    request: FastifyRequest<{ Params: { id: string } }>,
    reason: string,
    requestId: string | undefined,
  ) {
    const { row, data } = await exports.run(request.principal!, request.params.id, requestId)
    request.auditRead({
      targetType: 'recipient',
      targetId: row.id,
      orgId: row.orgId,
      details: {
        export: true,
        reason: reason.trim(),
        ...(requestId ? { requestId } : {}),
        cases: data.cases.length,
      },
    })
    return { row, data }
  }

  app.post(
    '/api/recipients/:id/export',
    {
      config: { action: 'recipient.rights' },
      schema: {
        summary: 'Everything the agency holds about the recipient, opened, for them (PIPL art. 45)',
        description:
          'Needs a reason; audited as one read, and each case it opens is noted in that case’s who-viewed log. With `requestId` the access request is marked done. An erased recipient’s export is the tombstone.',
        tags,
        params: RecipientParams,
        body: ExportInput,
        response: { 200: RecipientExport, ...errors },
      },
    },
    async (request) => (await exported(request, request.body.reason, request.body.requestId)).data,
  )

  app.get(
    '/api/recipients/:id/export',
    {
      config: { action: 'recipient.rights' },
      schema: {
        summary: 'The same export as a JSON file to download (reason in the query; audited as one read)',
        tags,
        params: RecipientParams,
        querystring: ExportQuery,
        response: { 200: RecipientExport, ...errors },
      },
    },
    async (request, reply) => {
      const { row, data } = await exported(request, request.query.reason, request.query.requestId)
      return reply
        .header('content-disposition', `attachment; filename="recipient-${row.code}-export.json"`)
        .send(data)
    },
  )

  app.patch(
    '/api/recipients/:id',
    {
      config: { action: 'recipient.manage' },
      schema: {
        summary: "Correct the recipient's profile (name, birth date, phone, ID number, address …)",
        description:
          'Checked and sealed like a registration. With `?request=` the edit answers an open correction request, which keeps the fields changed. The audit trail names the fields, never the values.',
        tags,
        params: RecipientParams,
        querystring: CorrectionQuery,
        body: RecipientPatch,
        response: { 200: Recipient, ...errors },
      },
    },
    async (request) => {
      const { recipient, fields } = await corrections.correctProfile(
        request.principal!,
        request.params.id,
        request.body,
        request.query.request,
      )
      request.auditTarget = {
        targetType: 'recipient',
        targetId: recipient.id,
        orgId: recipient.orgId,
        details: {
          fields: fields.join(','),
          ...(request.query.request ? { requestId: request.query.request } : {}),
        },
      }
      return recipient
    },
  )
}

export default rightsRoutes
