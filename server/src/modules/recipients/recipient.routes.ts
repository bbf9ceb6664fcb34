import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errors, Page } from '../../http/schemas.ts'
import { OrgParams } from '../organizations/organization.schemas.ts'
import { consentService } from './consent.service.ts'
import {
  Consent,
  ConsentInput,
  ConsentParams,
  Recipient,
  RecipientDetail,
  RecipientInput,
  RecipientListQuery,
  RecipientParams,
  Revealed,
  RevealInput,
  SensitivePatch,
  WithdrawInput,
} from './recipient.schemas.ts'
import { recipientService } from './recipient.service.ts'
import { correctionService } from './rights.correction.ts'
import rightsRoutes from './rights.routes.ts'
import { CorrectionQuery } from './rights.schemas.ts'

const tags = ['recipients']

const recipientRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = recipientService(app.infra)
  const consents = consentService(app.infra)
  const corrections = correctionService(app.infra)
  // Requests, export, correction and deletion (docs/rights.md).
  await app.register(rightsRoutes)

  app.post(
    '/api/organizations/:id/recipients',
    {
      config: { action: 'recipient.manage' },
      schema: {
        summary: 'Register a recipient (服务对象); identifying fields are sealed at rest',
        description:
          'Name, birth date, phone, ID number and address are encrypted; the answer shows them masked. A birth date or birth year is required (needs carry an age band). An ID number already registered in the organization answers 409.',
        tags,
        params: OrgParams,
        body: RecipientInput,
        response: { 201: RecipientDetail, ...errors },
      },
    },
    async (request, reply) => {
      const recipient = await service.create(request.principal!, request.params.id, request.body)
      request.auditTarget = { targetType: 'recipient', targetId: recipient.id, orgId: recipient.orgId }
      return reply.status(201).send(recipient)
    },
  )

  app.get(
    '/api/organizations/:id/recipients',
    {
      config: { action: 'recipient.read' },
      schema: {
        summary: "The organization's recipients, masked (social workers and supervisors)",
        tags,
        params: OrgParams,
        querystring: RecipientListQuery,
        response: { 200: Page(Recipient), ...errors },
      },
    },
    async (request) => service.list(request.principal!, request.params.id, request.query),
  )

  app.get(
    '/api/recipients/:id',
    {
      config: { action: 'recipient.read' },
      schema: {
        summary: 'One recipient, masked, with their consents',
        tags,
        params: RecipientParams,
        response: { 200: RecipientDetail, ...errors },
      },
    },
    async (request) => {
      const recipient = await service.get(request.principal!, request.params.id)
      request.auditRead({ targetType: 'recipient', targetId: recipient.id, orgId: recipient.orgId })
      return recipient
    },
  )

  app.post(
    '/api/recipients/:id/reveal',
    {
      config: { action: 'recipient.reveal' },
      schema: {
        summary: 'Show one sealed field in full, for a stated reason (audited)',
        description: 'The field and the reason go on the audit trail; the value does not.',
        tags,
        params: RecipientParams,
        body: RevealInput,
        response: { 200: Revealed, ...errors },
      },
    },
    async (request) => {
      const { row, ...revealed } = await service.reveal(
        request.principal!,
        request.params.id,
        request.body.field,
      )
      request.auditRead({
        targetType: 'recipient',
        targetId: row.id,
        orgId: row.orgId,
        details: { reveal: request.body.field, reason: request.body.reason.trim() },
      })
      return { field: request.body.field, ...revealed }
    },
  )

  app.patch(
    '/api/recipients/:id/sensitive',
    {
      config: { action: 'recipient.manage' },
      schema: {
        summary:
          'Set or clear household members, health and disability, income and assistance, military service',
        description:
          'Each given field is sealed at rest (null clears it); the audit trail names the fields, never the values. With `?request=` the edit answers an open correction request.',
        tags,
        params: RecipientParams,
        querystring: CorrectionQuery,
        body: SensitivePatch,
        response: { 200: Recipient, ...errors },
      },
    },
    async (request) => {
      const { recipient } = await corrections.correctSensitive(
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
          fields: Object.keys(request.body).join(','),
          ...(request.query.request ? { requestId: request.query.request } : {}),
        },
      }
      return recipient
    },
  )

  app.post(
    '/api/recipients/:id/consents',
    {
      config: { action: 'recipient.manage' },
      schema: {
        summary: "Record a recipient's consent (for sharing: with one named organization)",
        description:
          'A recipient under 14 consents through a guardian (givenBy = guardian with name and relation). Referrals to an organization need an active share_with_org consent naming it.',
        tags,
        params: RecipientParams,
        body: ConsentInput,
        response: { 201: Consent, ...errors },
      },
    },
    async (request, reply) => {
      const { consent, orgId } = await consents.record(request.principal!, request.params.id, request.body)
      request.auditTarget = {
        targetType: 'recipient_consent',
        targetId: consent.id,
        orgId,
        details: {
          recipientId: consent.recipientId,
          purpose: consent.purpose,
          targetOrgId: consent.targetOrgId,
        },
      }
      return reply.status(201).send(consent)
    },
  )

  app.post(
    '/api/recipients/:id/consents/:consentId/withdraw',
    {
      config: { action: 'recipient.manage' },
      schema: {
        summary: 'Withdraw a consent (from now on; what was shared before stays shared)',
        tags,
        params: ConsentParams,
        body: WithdrawInput,
        response: { 200: Consent, ...errors },
      },
    },
    async (request) => {
      const { consent, orgId } = await consents.withdraw(
        request.principal!,
        request.params.id,
        request.params.consentId,
        request.body.reason,
      )
      request.auditTarget = {
        targetType: 'recipient_consent',
        targetId: consent.id,
        orgId,
        details: { recipientId: consent.recipientId, withdrawn: true },
      }
      return consent
    },
  )
}

export default recipientRoutes
