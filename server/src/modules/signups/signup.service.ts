import {
  type DbOrTx,
  isActiveSignup,
  opportunitiesRepo,
  type Signup,
  type SignupShift,
  signupsRepo,
  volunteersRepo,
} from '@liandong/db'
import type { FastifyInstance } from 'fastify'
import type { Principal } from '../../auth/principal.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts'
import { ineligibleError, volunteerEligibility } from '../volunteers/eligibility.ts'
import { noticeToVolunteer } from './signup.notices.ts'

export const OFFER_EXPIRE_JOB = 'signup.offer_expire'

export interface SignupInput {
  headCount?: number
  teamName?: string
  insuranceAcknowledged?: boolean
}

/** Thrown inside the transaction when a concurrent request created the same sign-up first. */
class AlreadySignedUp extends Error {}

/**
 * Sign-ups: gates, clash check, capacity, waitlist with timed offers, approval, cancellation with a
 * cut-off, team head counts and no-shows. `shifts.confirmed_count` counts held places — confirmed
 * sign-ups and open offers — and changes only through a conditional UPDATE in the same transaction
 * as the sign-up row, so no interleaving can oversubscribe a shift.
 */
export function signupService(app: FastifyInstance) {
  const { database, clock, config } = app.infra
  const db = database.db
  const offerMs = config.SIGNUP_OFFER_HOURS * 3_600_000

  const isCoordinator = (principal: Principal, orgId: string) => principal.canInOrg('signup.manage', orgId)

  /** A shift the caller may see: published opportunities, or any of the caller's own organization. */
  async function loadShift(principal: Principal, shiftId: string): Promise<SignupShift> {
    const found = await signupsRepo(db).findShift(shiftId)
    if (!found) throw new NotFoundError()
    const visible =
      found.opportunity.status === 'published' || isCoordinator(principal, found.opportunity.orgId)
    if (!visible) throw new NotFoundError()
    return found
  }

  async function publishRoster(tx: DbOrTx, shiftId: string, reason: string) {
    const repo = signupsRepo(tx)
    const [counts, free, found] = await Promise.all([
      repo.countsByStatus(shiftId),
      repo.freePlaces(shiftId),
      repo.findShift(shiftId),
    ])
    await app.realtime.publish(
      `shift:${shiftId}`,
      'shift.roster_changed',
      { shiftId, reason, counts, free },
      { tx },
    )
    // Places left, for anyone looking at the opportunity's page (a number, nobody's name).
    if (found)
      await app.realtime.publish(
        `opportunity:${found.opportunity.id}`,
        'opportunity.places_changed',
        { shiftId, free },
        { tx },
      )
  }

  /**
   * Offers free places to the waitlist in order: each offer holds its places until it is taken,
   * declined or expires (a job at `offerExpiresAt`). A team that does not fit keeps its turn and
   * the next one that fits is offered.
   */
  async function offerFreedPlaces(tx: DbOrTx, found: SignupShift): Promise<number> {
    const { shift, opportunity } = found
    const now = clock.now()
    if (shift.status !== 'scheduled' || shift.startsAt <= now || !opportunity.waitlistEnabled) return 0
    const repo = signupsRepo(tx)
    let offered = 0
    for (const next of await repo.waitlist(shift.id)) {
      if (!(await repo.takePlaces(shift.id, next.headCount))) continue
      const expiresAt = new Date(Math.min(now.getTime() + offerMs, shift.startsAt.getTime()))
      await repo.update(next.id, { status: 'offered', offerExpiresAt: expiresAt })
      await app.jobs.enqueue(
        OFFER_EXPIRE_JOB,
        { signupId: next.id },
        { runAt: expiresAt, dedupeKey: `offer:${next.id}:${expiresAt.getTime()}` },
        tx,
      )
      await noticeToVolunteer(
        app,
        tx,
        next.userId,
        'signup.offered',
        { opportunity: opportunity.title, expiresAt: expiresAt.toISOString() },
        `/volunteer/signups/${next.id}`,
      )
      offered++
      if ((await repo.freePlaces(shift.id)) <= 0) break
    }
    return offered
  }

  /** Gives back the places a sign-up held and offers them to the waitlist. */
  async function release(tx: DbOrTx, signup: Signup) {
    if (signup.status !== 'confirmed' && signup.status !== 'offered') return
    await signupsRepo(tx).releasePlaces(signup.shiftId, signup.headCount)
    const found = await signupsRepo(tx).findShift(signup.shiftId)
    if (found) await offerFreedPlaces(tx, found)
  }

  /** The caller's own sign-up (404 for anyone else's: they may not know it exists). */
  async function loadOwn(principal: Principal, id: string) {
    const signup = await signupsRepo(db).findById(id)
    if (!signup || signup.userId !== principal.userId) throw new NotFoundError()
    return signup
  }

  /** A sign-up on a shift of an organization the caller coordinates; 404 when they may not know it. */
  async function loadManaged(principal: Principal, id: string) {
    const signup = await signupsRepo(db).findById(id)
    if (!signup) throw new NotFoundError()
    const found = (await signupsRepo(db).findShift(signup.shiftId))!
    if (!isCoordinator(principal, found.opportunity.orgId)) {
      if (signup.userId === principal.userId) throw new ForbiddenError()
      throw new NotFoundError()
    }
    return { signup, ...found }
  }

  /** Locks the row and checks it is still in one of `from`; 409 otherwise. */
  async function lockIn(tx: DbOrTx, id: string, from: readonly string[]) {
    const signup = (await signupsRepo(tx).lock(id))!
    if (!from.includes(signup.status))
      throw new ConflictError('signup.wrong_status', { status: signup.status })
    return signup
  }

  /** Runs the expiry of one offer; idempotent (does nothing unless the offer is still open and due). */
  async function expireOffer(signupId: string): Promise<boolean> {
    return db.transaction(async (tx) => {
      const signup = await signupsRepo(tx).lock(signupId)
      const now = clock.now()
      if (signup?.status !== 'offered' || !signup.offerExpiresAt || signup.offerExpiresAt > now) return false
      await signupsRepo(tx).update(signup.id, {
        status: 'declined',
        cancelReason: 'offer_expired',
        cancelledAt: now,
      })
      await release(tx, signup)
      await publishRoster(tx, signup.shiftId, 'offer_expired')
      // The volunteer learns the held place has passed on (they are off the list now).
      const found = await signupsRepo(tx).findShift(signup.shiftId)
      await noticeToVolunteer(
        app,
        tx,
        signup.userId,
        'signup.offer_expired',
        { opportunity: found?.opportunity.title ?? '' },
        `/volunteer/signups/${signup.id}`,
      )
      return true
    })
  }

  return {
    offerFreedPlaces,
    expireOffer,

    async signUp(principal: Principal, shiftId: string, input: SignupInput) {
      const found = await loadShift(principal, shiftId)
      const { shift, opportunity } = found
      const headCount = input.headCount ?? 1
      const existing = await signupsRepo(db).findForUser(shiftId, principal.userId)
      // A retried request gets the sign-up it already made.
      if (existing && isActiveSignup(existing.status)) return { signup: existing, created: false }
      if (existing && !['cancelled', 'declined'].includes(existing.status))
        throw new ConflictError('signup.already', { status: existing.status })
      const now = clock.now()
      if (opportunity.status !== 'published' || shift.status !== 'scheduled')
        throw new ConflictError('signup.closed')
      if (shift.startsAt <= now) throw new ConflictError('signup.shift_started')
      if (headCount > shift.capacity)
        throw new ValidationError([
          { field: 'body.headCount', code: 'field.too_large', params: { limit: shift.capacity } },
        ])

      const clashes = await signupsRepo(db).clashes(principal.userId, shift.id, shift.startsAt, shift.endsAt)
      if (clashes.length)
        throw new ConflictError('signup.clash', {}, [
          {
            field: 'shift',
            code: 'signup.clash_with',
            params: { startsAt: clashes[0]!.startsAt.toISOString() },
          },
        ])

      try {
        const signup = await db.transaction(async (tx) => {
          if (input.insuranceAcknowledged && opportunity.insuranceRequired)
            await volunteersRepo(tx).update(principal.userId, { insuranceAcknowledgedAt: now })
          const eligibility = await volunteerEligibility(tx, principal.userId, {
            startsAt: shift.startsAt,
            opportunity,
          })
          if (!eligibility.ok) throw ineligibleError(eligibility.failures)

          const repo = signupsRepo(tx)
          const fields = {
            status: 'waitlisted',
            headCount,
            teamName: headCount > 1 ? (input.teamName ?? null) : null,
            offerExpiresAt: null,
            cancelledAt: null,
            cancelReason: null,
            lateCancel: false,
            // The waitlist is first come, first offered: a renewed sign-up joins at the back.
            createdAt: now,
          }
          // The row first, then the place: a duplicate insert never leaves a place taken.
          let row = existing
            ? await repo.update(existing.id, fields)
            : await repo.insert({ ...fields, shiftId, userId: principal.userId })
          if (!row) throw new AlreadySignedUp()

          let status: string
          if (opportunity.approvalRequired) status = 'pending_approval'
          else if (await repo.takePlaces(shiftId, headCount)) status = 'confirmed'
          else if (opportunity.waitlistEnabled) status = 'waitlisted'
          else throw new ConflictError('signup.full')
          if (status !== row.status) row = await repo.update(row.id, { status })
          await publishRoster(tx, shiftId, 'signed_up')
          return row
        })
        return { signup, created: true }
      } catch (error) {
        if (!(error instanceof AlreadySignedUp)) throw error
        return { signup: (await signupsRepo(db).findForUser(shiftId, principal.userId))!, created: false }
      }
    },

    async cancel(principal: Principal, id: string, reason: string | undefined) {
      const current = await loadOwn(principal, id)
      const found = (await signupsRepo(db).findShift(current.shiftId))!
      const now = clock.now()
      if (found.shift.startsAt <= now) throw new ConflictError('signup.shift_started')
      const cutoff = found.shift.startsAt.getTime() - found.opportunity.cancelCutoffHours * 3_600_000
      const late = current.status === 'confirmed' && now.getTime() > cutoff
      if (late && !reason?.trim())
        throw new ValidationError([{ field: 'body.reason', code: 'signup.late_cancel_reason' }])
      return db.transaction(async (tx) => {
        const signup = await lockIn(tx, id, ['confirmed', 'offered', 'waitlisted', 'pending_approval'])
        const updated = await signupsRepo(tx).update(id, {
          status: 'cancelled',
          cancelledAt: now,
          cancelReason: reason?.trim() || null,
          lateCancel: late,
          offerExpiresAt: null,
        })
        await release(tx, signup)
        await publishRoster(tx, signup.shiftId, 'cancelled')
        return { signup: updated, orgId: found.opportunity.orgId }
      })
    },

    async acceptOffer(principal: Principal, id: string) {
      const current = await loadOwn(principal, id)
      const now = clock.now()
      if (current.status === 'confirmed') return current
      if (current.status === 'offered' && current.offerExpiresAt && current.offerExpiresAt <= now) {
        await expireOffer(id)
        throw new ConflictError('signup.offer_expired')
      }
      return db.transaction(async (tx) => {
        await lockIn(tx, id, ['offered'])
        const updated = await signupsRepo(tx).update(id, { status: 'confirmed', offerExpiresAt: null })
        await publishRoster(tx, updated.shiftId, 'offer_accepted')
        return updated
      })
    },

    async declineOffer(principal: Principal, id: string) {
      await loadOwn(principal, id)
      return db.transaction(async (tx) => {
        const signup = await lockIn(tx, id, ['offered'])
        const updated = await signupsRepo(tx).update(id, {
          status: 'declined',
          cancelledAt: clock.now(),
          offerExpiresAt: null,
        })
        await release(tx, signup)
        await publishRoster(tx, signup.shiftId, 'offer_declined')
        return updated
      })
    },

    /** Approval takes the place; a full shift puts the volunteer on the waitlist (or refuses without one). */
    async approve(principal: Principal, id: string) {
      const { opportunity } = await loadManaged(principal, id)
      return db.transaction(async (tx) => {
        const signup = await lockIn(tx, id, ['pending_approval'])
        const repo = signupsRepo(tx)
        let status: string
        if (await repo.takePlaces(signup.shiftId, signup.headCount)) status = 'confirmed'
        else if (opportunity.waitlistEnabled) status = 'waitlisted'
        else throw new ConflictError('signup.full')
        const updated = await repo.update(id, { status })
        await noticeToVolunteer(
          app,
          tx,
          signup.userId,
          `signup.${status}`,
          { opportunity: opportunity.title },
          `/volunteer/signups/${id}`,
        )
        await publishRoster(tx, signup.shiftId, 'approved')
        return { signup: updated, orgId: opportunity.orgId }
      })
    },

    async reject(principal: Principal, id: string, reason: string | undefined) {
      const { opportunity } = await loadManaged(principal, id)
      return db.transaction(async (tx) => {
        const signup = await lockIn(tx, id, ['pending_approval', 'waitlisted'])
        const updated = await signupsRepo(tx).update(id, { status: 'rejected', cancelReason: reason ?? null })
        await noticeToVolunteer(
          app,
          tx,
          signup.userId,
          'signup.rejected',
          { opportunity: opportunity.title },
          null,
        )
        await publishRoster(tx, signup.shiftId, 'rejected')
        return { signup: updated, orgId: opportunity.orgId }
      })
    },

    /** After the shift has started: a confirmed volunteer who never checked in did not come. */
    async markNoShow(principal: Principal, id: string) {
      const { shift, opportunity } = await loadManaged(principal, id)
      if (shift.startsAt > clock.now()) throw new ConflictError('signup.shift_not_started')
      return db.transaction(async (tx) => {
        await lockIn(tx, id, ['confirmed'])
        const updated = await signupsRepo(tx).update(id, { status: 'no_show' })
        await publishRoster(tx, shift.id, 'no_show')
        return { signup: updated, orgId: opportunity.orgId }
      })
    },

    async roster(principal: Principal, shiftId: string) {
      const found = await signupsRepo(db).findShift(shiftId)
      if (!found) throw new NotFoundError()
      if (!isCoordinator(principal, found.opportunity.orgId)) {
        if (found.opportunity.status === 'published') throw new ForbiddenError()
        throw new NotFoundError()
      }
      const rows = await signupsRepo(db).roster(shiftId)
      return {
        shiftId,
        capacity: found.shift.capacity,
        confirmedCount: found.shift.confirmedCount,
        items: rows.map((r) => ({
          ...r.signup,
          name: r.realName ?? r.displayName,
          volunteerNumber: r.volunteerNumber,
          checkInAt: r.attendance?.checkInAt ?? null,
          checkOutAt: r.attendance?.checkOutAt ?? null,
        })),
      }
    },

    async listMine(principal: Principal, limit: number, offset: number) {
      const page = await signupsRepo(db).listForUser(principal.userId, limit, offset)
      return {
        items: page.items.map(({ signup, shift, opportunity }) => ({
          ...signup,
          startsAt: shift.startsAt,
          endsAt: shift.endsAt,
          opportunityId: opportunity.id,
          opportunityTitle: opportunity.title,
          address: opportunity.address,
        })),
        total: page.total,
        limit,
        offset,
      }
    },

    /** Who may follow `shift:<id>`: coordinators of its organization and volunteers signed up to it. */
    /** Places left are public for a published opportunity; drafts only for its organization. */
    async canFollowOpportunity(principal: Principal, opportunityId: string) {
      const found = await opportunitiesRepo(db).findById(opportunityId)
      if (!found) return false
      return found.status === 'published' || isCoordinator(principal, found.orgId)
    },

    async canFollowShift(principal: Principal, shiftId: string) {
      const found = await signupsRepo(db).findShift(shiftId)
      if (!found) return false
      if (isCoordinator(principal, found.opportunity.orgId)) return true
      const own = await signupsRepo(db).findForUser(shiftId, principal.userId)
      return Boolean(own && isActiveSignup(own.status))
    },
  }
}

export type SignupService = ReturnType<typeof signupService>
