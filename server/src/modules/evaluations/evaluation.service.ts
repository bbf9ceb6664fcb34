import { evaluationsRepo, opportunitiesRepo, signupsRepo, volunteersRepo } from '@liandong/db'
import type { FastifyInstance } from 'fastify'
import type { Principal } from '../../auth/principal.ts'
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.ts'

export interface RatingInput {
  score: number
  comment?: string
}

/**
 * Evaluations per shift, both ways. Coordinators rate the volunteers who came (private to their
 * organization: only its staff see the ratings and the average); volunteers rate the opportunity
 * after attending (its average and count are public, the comments go to the organization).
 */
export function evaluationService(app: FastifyInstance) {
  const { database, clock } = app.infra
  const db = database.db

  async function loadShift(shiftId: string) {
    const found = await signupsRepo(db).findShift(shiftId)
    if (!found) throw new NotFoundError()
    return found
  }

  return {
    async rateVolunteer(principal: Principal, shiftId: string, userId: string, input: RatingInput) {
      const { shift, opportunity } = await loadShift(shiftId)
      if (!principal.canInOrg('evaluation.manage', opportunity.orgId)) throw new NotFoundError()
      if (!(await evaluationsRepo(db).attendanceOf(shiftId, userId)))
        throw new ConflictError('evaluation.not_attended')
      return evaluationsRepo(db).upsert({
        shiftId,
        opportunityId: shift.opportunityId,
        orgId: opportunity.orgId,
        volunteerId: userId,
        direction: 'of_volunteer',
        score: input.score,
        comment: input.comment?.trim() || null,
        ratedBy: principal.userId,
        at: clock.now(),
      })
    },

    async listForShift(principal: Principal, shiftId: string) {
      const { opportunity } = await loadShift(shiftId)
      if (!principal.canInOrg('evaluation.manage', opportunity.orgId)) throw new NotFoundError()
      const rows = await evaluationsRepo(db).ofVolunteersOnShift(shiftId)
      return { items: rows.map((r) => ({ ...r.evaluation, volunteerName: r.volunteerName })) }
    },

    /** A volunteer rates the opportunity of a shift they came to, once checked out or after its end. */
    async rateOpportunity(principal: Principal, shiftId: string, input: RatingInput) {
      const { shift, opportunity } = await loadShift(shiftId)
      const came = await evaluationsRepo(db).attendanceOf(shiftId, principal.userId)
      if (!came) {
        if (opportunity.status === 'published') throw new ConflictError('evaluation.not_attended')
        throw new NotFoundError()
      }
      if (!came.checkOutAt && shift.endsAt > clock.now()) throw new ConflictError('evaluation.too_early')
      return evaluationsRepo(db).upsert({
        shiftId,
        opportunityId: shift.opportunityId,
        orgId: opportunity.orgId,
        volunteerId: principal.userId,
        direction: 'of_opportunity',
        score: input.score,
        comment: input.comment?.trim() || null,
        ratedBy: principal.userId,
        at: clock.now(),
      })
    },

    async attendedShifts(principal: Principal) {
      const now = clock.now()
      const rows = await evaluationsRepo(db).attendedByVolunteer(principal.userId, 100)
      return {
        items: rows.map(({ checkOutAt, ...r }) => ({
          ...r,
          canRate: Boolean(checkOutAt) || r.endsAt <= now,
        })),
      }
    },

    /** The mean score and count, for whoever may see the opportunity (published, or their own). */
    async opportunityRating(principal: Principal, opportunityId: string) {
      const opportunity = await opportunitiesRepo(db).findById(opportunityId)
      const visible =
        opportunity &&
        (opportunity.status !== 'draft' || principal.canInOrg('opportunity.manage', opportunity.orgId))
      if (!visible) throw new NotFoundError()
      return evaluationsRepo(db).opportunityRating(opportunityId)
    },

    /** What volunteers wrote about an opportunity: for its organization's coordinators. */
    async opportunityFeedback(principal: Principal, opportunityId: string, limit: number, offset: number) {
      const opportunity = await opportunitiesRepo(db).findById(opportunityId)
      if (!opportunity || !principal.canInOrg('evaluation.manage', opportunity.orgId))
        throw new NotFoundError()
      const repo = evaluationsRepo(db)
      const [rating, page] = await Promise.all([
        repo.opportunityRating(opportunityId),
        repo.opportunityFeedback(opportunityId, limit, offset),
      ])
      return {
        rating,
        items: page.items.map((r) => ({ ...r.evaluation, startsAt: r.startsAt })),
        total: page.total,
        limit,
        offset,
      }
    },

    /** An organization's ratings of a volunteer who served with it: its staff only. */
    async volunteerEvaluations(principal: Principal, orgId: string, userId: string) {
      if (!principal.canInOrg('volunteer.read', orgId)) throw new NotFoundError()
      if (
        principal.scope('volunteer.read') !== 'all' &&
        !(await volunteersRepo(db).isRelatedToOrg(userId, orgId))
      ) {
        if (userId === principal.userId) throw new ForbiddenError()
        throw new NotFoundError()
      }
      const repo = evaluationsRepo(db)
      const [rating, rows] = await Promise.all([
        repo.volunteerRatingForOrg(userId, orgId),
        repo.volunteerEvaluationsForOrg(userId, orgId, 100),
      ])
      return {
        rating,
        items: rows.map((r) => ({
          ...r.evaluation,
          opportunityTitle: r.opportunityTitle,
          startsAt: r.startsAt,
        })),
      }
    },
  }
}
