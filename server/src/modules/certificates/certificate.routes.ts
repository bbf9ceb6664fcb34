import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errors } from '../../http/schemas.ts'
import {
  Certificate,
  CertificateForReview,
  CertificateListQuery,
  CertificateOption,
  CertificatePage,
  CertificateParams,
  CertificateRequestInput,
  IssueInput,
  OrgParams,
  PdfResponse,
  PublicCertificate,
  ReasonInput,
  VerifyParams,
  VerifyQuery,
} from './certificate.schemas.ts'
import { certificateService } from './certificate.service.ts'

const tags = ['certificates']

const certificateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = certificateService(app)
  const pageOf = (q: { limit?: number; offset?: number }) => ({ limit: q.limit ?? 20, offset: q.offset ?? 0 })
  const pdfName = (number: string) => `attachment; filename="${number}.pdf"`

  app.get(
    '/api/me/certificate-options',
    {
      config: { action: 'certificate.self' },
      schema: {
        summary:
          'Organizations that approved some of the caller’s service (who may be asked for a certificate)',
        tags,
        response: { 200: Type.Object({ items: Type.Array(CertificateOption) }), ...errors },
      },
    },
    async (request) => ({ items: await service.options(request.principal!) }),
  )

  app.get(
    '/api/me/certificates',
    {
      config: { action: 'certificate.self' },
      schema: {
        summary: "The caller's certificate requests and certificates",
        tags,
        querystring: CertificateListQuery,
        response: { 200: CertificatePage, ...errors },
      },
    },
    async (request) =>
      service.listMine(request.principal!, {
        ...(request.query.status ? { status: request.query.status } : {}),
        ...pageOf(request.query),
      }),
  )

  app.post(
    '/api/me/certificates',
    {
      config: { action: 'certificate.self' },
      schema: {
        summary: 'Ask an organization for a service-record certificate covering a period',
        description: 'The organization must have approved some of the caller’s service in that period.',
        tags,
        body: CertificateRequestInput,
        response: { 201: Certificate, ...errors },
      },
    },
    async (request, reply) => {
      const cert = await service.request(request.principal!, request.body)
      request.auditTarget = { targetType: 'certificate', targetId: cert.id, orgId: cert.orgId }
      return reply.status(201).send(cert)
    },
  )

  app.get(
    '/api/me/certificates/:id',
    {
      config: { action: 'certificate.self' },
      schema: {
        summary: 'One of the caller’s certificates',
        tags,
        params: CertificateParams,
        response: { 200: Certificate, ...errors },
      },
    },
    async (request) => service.getMine(request.principal!, request.params.id),
  )

  app.get(
    '/api/me/certificates/:id/pdf',
    {
      config: { action: 'certificate.self' },
      schema: {
        summary: 'The issued certificate as a PDF with its verification QR code',
        tags,
        params: CertificateParams,
        response: { 200: PdfResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { pdf, number } = await service.pdf(request.principal!, request.params.id, 'own')
      return reply.type('application/pdf').header('content-disposition', pdfName(number)).send(pdf)
    },
  )

  app.get(
    '/api/organizations/:id/certificates',
    {
      config: { action: 'certificate.issue' },
      schema: {
        summary: 'Certificate requests and certificates of the organization (status=requested is the queue)',
        tags,
        params: OrgParams,
        querystring: CertificateListQuery,
        response: { 200: CertificatePage, ...errors },
      },
    },
    async (request) =>
      service.listForOrg(request.principal!, request.params.id, {
        ...(request.query.status ? { status: request.query.status } : {}),
        ...pageOf(request.query),
      }),
  )

  app.get(
    '/api/certificates/:id',
    {
      config: { action: 'certificate.issue' },
      schema: {
        summary: 'A certificate of the organization; a request comes with what it would certify',
        tags,
        params: CertificateParams,
        response: { 200: CertificateForReview, ...errors },
      },
    },
    async (request) => service.getForOrg(request.principal!, request.params.id),
  )

  app.get(
    '/api/certificates/:id/pdf',
    {
      config: { action: 'certificate.issue' },
      schema: {
        summary: 'An issued certificate of the organization as a PDF',
        tags,
        params: CertificateParams,
        response: { 200: PdfResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { pdf, number } = await service.pdf(request.principal!, request.params.id, 'org')
      return reply.type('application/pdf').header('content-disposition', pdfName(number)).send(pdf)
    },
  )

  app.post(
    '/api/certificates/:id/issue',
    {
      config: { action: 'certificate.issue' },
      schema: {
        summary:
          'Issue a requested certificate: numbered, with issuer, person in charge, handler and contact',
        description:
          'Copies the approved minutes of the period and organization; omitted fields default to the organization’s contact and the caller’s name.',
        tags,
        params: CertificateParams,
        body: IssueInput,
        response: { 200: Certificate, ...errors },
      },
    },
    async (request) => {
      const cert = await service.issue(request.principal!, request.params.id, request.body)
      request.auditTarget = {
        targetType: 'certificate',
        targetId: cert.id,
        orgId: cert.orgId,
        details: { number: cert.number, minutes: cert.minutes },
      }
      return cert
    },
  )

  app.post(
    '/api/certificates/:id/reject',
    {
      config: { action: 'certificate.issue' },
      schema: {
        summary: 'Refuse a certificate request, with a reason the volunteer sees',
        tags,
        params: CertificateParams,
        body: ReasonInput,
        response: { 200: Certificate, ...errors },
      },
    },
    async (request) => {
      const cert = await service.reject(request.principal!, request.params.id, request.body.reason)
      request.auditTarget = { targetType: 'certificate', targetId: cert.id, orgId: cert.orgId }
      return cert
    },
  )

  app.post(
    '/api/certificates/:id/revoke',
    {
      config: { action: 'certificate.issue' },
      schema: {
        summary: 'Revoke an issued certificate, with a reason; verification then shows it as revoked',
        tags,
        params: CertificateParams,
        body: ReasonInput,
        response: { 200: Certificate, ...errors },
      },
    },
    async (request) => {
      const cert = await service.revoke(request.principal!, request.params.id, request.body.reason)
      request.auditTarget = {
        targetType: 'certificate',
        targetId: cert.id,
        orgId: cert.orgId,
        details: { number: cert.number },
      }
      return cert
    },
  )

  app.get(
    '/api/public/certificates/:number',
    {
      config: { action: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        summary: 'Verify a certificate: number plus the code from its QR link',
        description:
          'Answers with the number, masked name, hours, period, issuer and whether it is valid or revoked — nothing else. A wrong code is 404, like an unknown number.',
        tags,
        params: VerifyParams,
        querystring: VerifyQuery,
        response: { 200: PublicCertificate, ...errors },
      },
    },
    async (request) => service.verify(request.params.number, request.query.c),
  )
}

export default certificateRoutes
