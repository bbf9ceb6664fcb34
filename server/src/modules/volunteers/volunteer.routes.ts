import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errors } from '../../http/schemas.ts'
import { OrgVolunteerParams, Profile, ProfileInput } from './volunteer.schemas.ts'
import { volunteerService } from './volunteer.service.ts'

const tags = ['volunteers']

const volunteerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = volunteerService(app.infra)

  app.get(
    '/api/volunteer/profile',
    {
      config: { action: 'volunteer.self' },
      schema: {
        summary: "The signed-in user's volunteer registration (404 before registering)",
        tags,
        response: { 200: Profile, ...errors },
      },
    },
    async (request) => service.getOwn(request.principal!, request.locale),
  )

  app.put(
    '/api/volunteer/profile',
    {
      config: { action: 'volunteer.self' },
      schema: {
        summary: 'Register as a volunteer (201, issues a volunteer number) or replace the registration',
        description:
          'Under 14 is refused. Ages 14–17 may register but cannot sign up until `guardian` (their consent) is recorded; `canSignUp` and `signUpBlockers` say so. A phone or ID number registered by another volunteer answers 409 with the field.',
        tags,
        body: ProfileInput,
        response: { 200: Profile, 201: Profile, ...errors },
      },
    },
    async (request, reply) => {
      const { profile, created } = await service.save(request.principal!, request.body, request.locale)
      request.auditTarget = {
        targetType: 'volunteer_profile',
        targetId: profile.userId,
        details: { created, guardianConsent: Boolean(request.body.guardian) },
      }
      return reply.status(created ? 201 : 200).send(profile)
    },
  )

  app.get(
    '/api/organizations/:id/volunteers/:userId',
    {
      config: { action: 'volunteer.read' },
      schema: {
        summary: "A volunteer's registration, for coordinators of an organization they serve with",
        description:
          'Only volunteers who signed up for its shifts or enrolled in its courses; the ID number stays masked.',
        tags,
        params: OrgVolunteerParams,
        response: { 200: Profile, ...errors },
      },
    },
    async (request) => {
      const profile = await service.getForOrg(
        request.principal!,
        request.params.id,
        request.params.userId,
        request.locale,
      )
      // Personal data of a volunteer read by staff: on the audit trail like a write.
      request.auditRead({
        targetType: 'volunteer_profile',
        targetId: profile.userId,
        orgId: request.params.id,
      })
      return profile
    },
  )
}

export default volunteerRoutes
