import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errors, Ok, Page } from '../../http/schemas.ts'
import {
  Invitation,
  InvitationInput,
  InvitationParams,
  InvitationPreview,
  Member,
  MemberParams,
  Organization,
  OrgListQuery,
  OrgParams,
  OrgPatch,
  OrgRegistration,
  OrgRoleSchema,
  Review,
  TokenParams,
} from './organization.schemas.ts'
import { organizationService } from './organization.service.ts'

const tags = ['organizations']

const organizationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const orgs = organizationService(app.infra)

  app.post(
    '/api/organizations',
    {
      config: { action: 'org.register' },
      schema: {
        summary: 'Register an organization (waits for platform approval; the caller becomes its admin)',
        tags,
        body: OrgRegistration,
        response: { 201: Organization, ...errors },
      },
    },
    async (request, reply) => {
      const org = await orgs.register(request.principal!, request.body)
      request.auditTarget = { targetType: 'organization', targetId: org.id, orgId: org.id }
      return reply.status(201).send(org)
    },
  )

  app.get(
    '/api/organizations',
    {
      config: { action: 'org.read' },
      schema: {
        summary: 'Organizations the caller may see (all of them for the platform admin)',
        tags,
        querystring: OrgListQuery,
        response: { 200: Page(Organization), ...errors },
      },
    },
    async (request) => orgs.list(request.principal!, request.query),
  )

  app.get(
    '/api/organizations/:id',
    {
      config: { action: 'org.read' },
      schema: {
        summary: 'One organization',
        tags,
        params: OrgParams,
        response: { 200: Organization, ...errors },
      },
    },
    async (request) => orgs.get(request.principal!, request.params.id),
  )

  app.patch(
    '/api/organizations/:id',
    {
      config: { action: 'org.manage' },
      schema: {
        summary: "Change the organization's details (its admins); null clears an optional field",
        tags,
        params: OrgParams,
        body: OrgPatch,
        response: { 200: Organization, ...errors },
      },
    },
    async (request) => {
      request.auditTarget = {
        targetType: 'organization',
        targetId: request.params.id,
        orgId: request.params.id,
      }
      return orgs.update(request.principal!, request.params.id, request.body)
    },
  )

  app.post(
    '/api/organizations/:id/review',
    {
      config: { action: 'org.review' },
      schema: {
        summary: 'Approve or reject a pending organization',
        tags,
        params: OrgParams,
        body: Review,
        response: { 200: Organization, ...errors },
      },
    },
    async (request) => {
      request.auditTarget = {
        targetType: 'organization',
        targetId: request.params.id,
        orgId: request.params.id,
        details: { decision: request.body.decision },
      }
      return orgs.review(request.principal!, request.params.id, request.body.decision, request.body.note)
    },
  )

  app.get(
    '/api/organizations/:id/members',
    {
      config: { action: 'org.members.read' },
      schema: {
        summary: 'Members and their roles',
        tags,
        params: OrgParams,
        response: { 200: Type.Object({ items: Type.Array(Member) }), ...errors },
      },
    },
    async (request) => ({ items: await orgs.members(request.principal!, request.params.id) }),
  )

  app.patch(
    '/api/organizations/:id/members/:userId',
    {
      config: { action: 'org.members.manage' },
      schema: {
        summary: "Change a member's role",
        tags,
        params: MemberParams,
        body: Type.Object({ role: OrgRoleSchema }, { additionalProperties: false }),
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      const { id, userId } = request.params
      request.auditTarget = {
        targetType: 'membership',
        targetId: userId,
        orgId: id,
        details: { role: request.body.role },
      }
      await orgs.setRole(request.principal!, id, userId, request.body.role)
      return { ok: true as const }
    },
  )

  app.delete(
    '/api/organizations/:id/members/:userId',
    {
      config: { action: 'org.members.manage' },
      schema: { summary: 'Remove a member', tags, params: MemberParams, response: { 200: Ok, ...errors } },
    },
    async (request) => {
      const { id, userId } = request.params
      request.auditTarget = { targetType: 'membership', targetId: userId, orgId: id }
      await orgs.removeMember(request.principal!, id, userId)
      return { ok: true as const }
    },
  )

  app.get(
    '/api/organizations/:id/invitations',
    {
      config: { action: 'org.members.manage' },
      schema: {
        summary: 'Open invitations',
        tags,
        params: OrgParams,
        response: { 200: Type.Object({ items: Type.Array(Invitation) }), ...errors },
      },
    },
    async (request) => ({ items: await orgs.invitations(request.principal!, request.params.id) }),
  )

  app.post(
    '/api/organizations/:id/invitations',
    {
      config: { action: 'org.members.manage' },
      schema: {
        summary: 'Invite someone by e-mail to join with a role',
        tags,
        params: OrgParams,
        body: InvitationInput,
        response: { 201: Invitation, ...errors },
      },
    },
    async (request, reply) => {
      const invitation = await orgs.invite(
        request.principal!,
        request.params.id,
        request.body.email,
        request.body.role,
        request.locale,
      )
      request.auditTarget = {
        targetType: 'invitation',
        targetId: invitation.id,
        orgId: request.params.id,
        details: { role: invitation.role },
      }
      return reply.status(201).send(invitation)
    },
  )

  app.delete(
    '/api/organizations/:id/invitations/:invitationId',
    {
      config: { action: 'org.members.manage' },
      schema: {
        summary: 'Withdraw an invitation',
        tags,
        params: InvitationParams,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      const { id, invitationId } = request.params
      request.auditTarget = { targetType: 'invitation', targetId: invitationId, orgId: id }
      await orgs.revokeInvitation(request.principal!, id, invitationId)
      return { ok: true as const }
    },
  )

  app.get(
    '/api/invitations/:token',
    {
      config: { action: 'public' },
      schema: {
        summary: 'What an invitation link offers (organization and role)',
        tags,
        params: TokenParams,
        response: { 200: InvitationPreview, ...errors },
      },
    },
    async (request) => orgs.previewInvitation(request.params.token),
  )

  app.post(
    '/api/invitations/:token/accept',
    {
      config: { action: 'invitation.accept' },
      schema: {
        summary: 'Accept an invitation with the invited account',
        tags,
        params: TokenParams,
        response: { 200: Type.Object({ orgId: Type.String(), role: OrgRoleSchema }), ...errors },
      },
    },
    async (request) => {
      const invitation = await orgs.acceptInvitation(
        request.principal!,
        request.user!.email,
        request.params.token,
      )
      request.auditTarget = { targetType: 'invitation', targetId: invitation.id, orgId: invitation.orgId }
      return { orgId: invitation.orgId, role: invitation.role }
    },
  )
}

export default organizationRoutes
