import {
  type DbOrTx,
  enqueueOutbox,
  type NewReferral,
  type Referral,
  type ReferralDeclineReason,
  type ReferralStatus,
  referralsRepo,
  schema,
} from '@liandong/db'
import { and, eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import type { Principal } from '../../auth/principal.ts'
import { createSecretBox } from '../../crypto/secret-box.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts'
import { linkPledgeToReferral } from '../needs/need-referrals.ts'
import { activeShareConsent } from '../recipients/consent.service.ts'
import { RESOURCES_INDEX } from '../resources/resource.service.ts'
import {
  type Actor,
  decide,
  finalStatuses,
  type ReferralAction,
  releasesCapacity,
} from './referral.lifecycle.ts'
import { needFollowsReferral } from './referral.need-status.ts'
import { referralNotices } from './referral.notices.ts'
import { consentedFields, openShared, type ShareableField, sealShared } from './referral.shared.ts'

export const REFERRAL_EXPIRE_JOB = 'referral.expire'
export const REFERRAL_EXPIRE_SWEEP = 'referral.expire_sweep'

export interface CreateInput {
  needId: string
  resourceId: string
  note?: string
  quantity?: number
  /** Send at once (the usual case); otherwise the referral stays a draft. */
  send?: boolean
  /** An accepted pledge of the need this referral takes up. */
  pledgeId?: string
}
export interface OverrideInput {
  reason: string
  /** What to share without a recorded consent; nothing unless named. */
  fields?: ShareableField[]
}
export interface DeclineInput {
  reason: ReferralDeclineReason
  note?: string
}
export interface CloseInput {
  outcome: string
  note?: string
}
export interface ElsewhereInput {
  resourceId: string
  note?: string
  quantity?: number
}

type Send = { kind: 'consent' } | { kind: 'override'; reason: string; fields: ShareableField[] }

/**
 * Referrals: a need of one organization's recipient sent to another organization's resource and
 * followed to an outcome. Every step is decided by the lifecycle table, runs in one transaction
 * with the referral row locked, writes a timeline event and tells both sides.
 */
export function referralService(app: FastifyInstance) {
  const { database, clock, config } = app.infra
  const db = database.db
  const box = createSecretBox(config.dataKeys)
  const responseMs = config.REFERRAL_RESPONSE_HOURS * 3_600_000
  const notices = referralNotices(app)

  const rolesIn = (p: Principal, orgId: string) =>
    p.activeMemberships.filter((m) => m.orgId === orgId).map((m) => m.role)
  const actorOf = (p: Principal, r: Referral): Actor => ({
    senderRoles: rolesIn(p, r.fromOrgId),
    receiverRoles: rolesIn(p, r.toOrgId),
  })

  /** The sending organization's readers always; the receiving one's once it has been sent. */
  const canSee = (p: Principal, r: Referral) =>
    p.canInOrg('referral.read', r.fromOrgId) ||
    (r.status !== 'draft' && p.canInOrg('referral.read', r.toOrgId))

  /** The organization the caller acts for in `action`: the receiving one when its role allows it. */
  function actingOrg(p: Principal, r: Referral, action: ReferralAction | 'comment'): string {
    const receiving = rolesIn(p, r.toOrgId).length > 0
    const sending = rolesIn(p, r.fromOrgId).length > 0
    if (receiving && (!sending || ['accept', 'decline', 'start', 'hold'].includes(action))) return r.toOrgId
    return r.fromOrgId
  }

  /** 404 when the caller may not know the referral; 403 when the role may not act; 409 for the wrong status. */
  function check(p: Principal, r: Referral, action: ReferralAction): ReferralStatus {
    if (!canSee(p, r)) throw new NotFoundError()
    const decision = decide(action, r.status as ReferralStatus, actorOf(p, r))
    if (decision.ok) return decision.to
    if (decision.reason === 'not_allowed') throw new ForbiddenError('referral.not_allowed')
    throw new ConflictError('referral.wrong_status', { status: r.status })
  }

  async function event(
    tx: DbOrTx,
    r: Referral,
    kind: string,
    actor: { userId: string; orgId: string } | null,
    to: ReferralStatus | null,
    note: string | null = null,
    data: Record<string, unknown> | null = null,
  ) {
    await referralsRepo(tx).addEvent({
      referralId: r.id,
      actorId: actor?.userId ?? null,
      actorOrgId: actor?.orgId ?? null,
      kind,
      fromStatus: to ? r.status : null,
      toStatus: to,
      note,
      data,
      at: clock.now(),
    })
  }

  /** The need, resource and recipient a new referral joins, checked. */
  async function loadParts(tx: DbOrTx, p: Principal, needId: string, resourceId: string) {
    const [need] = await tx.select().from(schema.needs).where(eq(schema.needs.id, needId))
    if (!need || !p.canInOrg('referral.send', need.orgId)) throw new NotFoundError()
    if (!['open', 'matched', 'referred'].includes(need.status))
      throw new ConflictError('referral.need_closed', { status: need.status })
    const [resource] = await tx.select().from(schema.resources).where(eq(schema.resources.id, resourceId))
    // An agency's informal resources serve its own recipients only.
    const usable = resource && (resource.visibility === 'public' || resource.orgId === need.orgId)
    if (!usable) throw new ValidationError([{ field: 'body.resourceId', code: 'referral.resource_unknown' }])
    if (resource.status !== 'active')
      throw new ConflictError('referral.resource_unavailable', { status: resource.status })
    const [org] = await tx
      .select({ status: schema.organizations.status })
      .from(schema.organizations)
      .where(eq(schema.organizations.id, resource.orgId))
    if (org?.status !== 'approved')
      throw new ConflictError('referral.resource_unavailable', { status: 'org' })
    return { need, resource }
  }

  async function insertDraft(
    tx: DbOrTx,
    p: Principal,
    input: { needId: string; resourceId: string; note?: string | undefined; quantity?: number | undefined },
  ) {
    const { need, resource } = await loadParts(tx, p, input.needId, input.resourceId)
    const live = await tx
      .select({ id: schema.referrals.id, status: schema.referrals.status })
      .from(schema.referrals)
      .where(and(eq(schema.referrals.needId, need.id), eq(schema.referrals.resourceId, resource.id)))
    if (live.some((l) => !finalStatuses.includes(l.status as ReferralStatus)))
      throw new ConflictError('referral.duplicate')
    const now = clock.now()
    const row = await referralsRepo(tx).insert({
      needId: need.id,
      resourceId: resource.id,
      fromOrgId: need.orgId,
      toOrgId: resource.orgId,
      status: 'draft',
      note: input.note ?? '',
      quantity: input.quantity ?? need.quantity,
      createdBy: p.userId,
      createdAt: now,
      updatedAt: now,
    })
    await event(tx, { ...row, status: 'draft' }, 'create', { userId: p.userId, orgId: need.orgId }, null)
    return row
  }

  /** Links the accepted pledge (of this need, from the receiving organization) to the referral. */
  async function takeUpPledge(tx: DbOrTx, pledgeId: string, r: Referral) {
    const [pledge] = await tx.select().from(schema.needPledges).where(eq(schema.needPledges.id, pledgeId))
    const fits = pledge && pledge.needId === r.needId && pledge.orgId === r.toOrgId
    if (!fits || !(await linkPledgeToReferral(tx, pledgeId, r.id)))
      throw new ValidationError([{ field: 'body.pledgeId', code: 'referral.pledge_unusable' }])
    await event(
      tx,
      { ...r, status: 'draft' },
      'pledge',
      { userId: r.createdBy!, orgId: r.fromOrgId },
      null,
      null,
      {
        pledgeId,
      },
    )
  }

  /**
   * draft → sent: the recipient's consent to share with the receiving organization (or a
   * supervisor's override), the consented fields sealed for it, the answer clock started.
   */
  async function sendLocked(tx: DbOrTx, p: Principal, r: Referral, how: Send): Promise<Referral> {
    const to = check(p, r, how.kind === 'override' ? 'send_override' : 'send')
    const now = clock.now()
    const [need] = await tx.select().from(schema.needs).where(eq(schema.needs.id, r.needId))
    const [recipient] = await tx
      .select()
      .from(schema.recipients)
      .where(eq(schema.recipients.id, need!.recipientId))
    const consent = await activeShareConsent(tx, recipient!.id, r.toOrgId, now)
    if (!consent && how.kind === 'consent') throw new ConflictError('referral.consent_required')
    const fields = consent ? consentedFields(consent.scope) : how.kind === 'override' ? how.fields : []
    const respondBy = new Date(now.getTime() + responseMs)
    const sent = await referralsRepo(tx).update(r.id, {
      status: to,
      consentId: consent?.id ?? null,
      consentOverrideReason: consent ? null : how.kind === 'override' ? how.reason : null,
      sharedSealed: sealShared(box, recipient!, fields),
      sentAt: now,
      respondBy,
      updatedAt: now,
    })
    await event(
      tx,
      r,
      consent ? 'send' : 'send_override',
      { userId: p.userId, orgId: r.fromOrgId },
      to,
      consent ? null : how.kind === 'override' ? how.reason : null,
      { sharedFields: fields, consentId: consent?.id ?? null, respondBy: respondBy.toISOString() },
    )
    await app.jobs.enqueue(
      REFERRAL_EXPIRE_JOB,
      { referralId: r.id },
      { runAt: respondBy, dedupeKey: `referral-expire:${r.id}:${respondBy.getTime()}` },
      tx,
    )
    await needFollowsReferral(tx, r.needId, r.id, 'referred', now, app.realtime)
    await notices.changed(tx, sent, 'send')
    await notices.tell(tx, sent, 'referral.received', await notices.receivers(tx, sent), p.userId, {
      hours: config.REFERRAL_RESPONSE_HOURS,
    })
    return sent
  }

  /** Gives back held capacity and refreshes the resource's search document (places left). */
  async function release(tx: DbOrTx, r: Referral) {
    if (!r.capacityHeld) return
    await referralsRepo(tx).releaseCapacity(r.resourceId, r.quantity)
    await enqueueOutbox(tx, RESOURCES_INDEX, 'upsert', r.resourceId)
  }

  /** One locked step: check, apply, record, announce. */
  async function step(
    p: Principal,
    id: string,
    action: Exclude<ReferralAction, 'send' | 'send_override' | 'expire' | 'refer_elsewhere'>,
    values: Partial<NewReferral>,
    note: string | null,
    data: Record<string, unknown> | null = null,
  ) {
    return db.transaction(async (tx) => {
      const r = await referralsRepo(tx).lock(id)
      if (!r) throw new NotFoundError()
      const to = check(p, r, action)
      const now = clock.now()
      const orgId = actingOrg(p, r, action)
      const change: Partial<NewReferral> = { ...values, status: to, updatedAt: now }
      if (action === 'accept') {
        if (!(await referralsRepo(tx).takeCapacity(r.resourceId, r.quantity))) {
          const [resource] = await tx
            .select()
            .from(schema.resources)
            .where(eq(schema.resources.id, r.resourceId))
          throw new ConflictError('referral.no_capacity', {
            resource: resource!.name,
            available: resource!.capacityAvailable,
            quantity: r.quantity,
            unit: resource!.capacityUnit,
          })
        }
        await enqueueOutbox(tx, RESOURCES_INDEX, 'upsert', r.resourceId)
        Object.assign(change, { capacityHeld: true, respondedAt: now, assignedTo: p.userId })
      }
      if (action === 'decline') change.respondedAt = now
      if (releasesCapacity(to)) {
        await release(tx, r)
        change.capacityHeld = false
      }
      if (finalStatuses.includes(to)) change.closedAt = now
      const updated = await referralsRepo(tx).update(r.id, change)
      await event(tx, r, action, { userId: p.userId, orgId }, to, note, data)

      if (to === 'resolved') await needFollowsReferral(tx, r.needId, r.id, 'met', now, app.realtime)
      else if (finalStatuses.includes(to))
        await needFollowsReferral(tx, r.needId, r.id, 'ended', now, app.realtime)
      await notices.changed(tx, updated, action)
      const kind = `referral.${to}`
      const audience =
        orgId === r.toOrgId && r.toOrgId !== r.fromOrgId
          ? await notices.senders(tx, updated)
          : await notices.receivers(tx, updated)
      // A draft cancelled before sending concerns nobody on the receiving side.
      if (r.status !== 'draft') await notices.tell(tx, updated, kind, audience, p.userId)
      return { referral: updated, orgId }
    })
  }

  /** Runs the expiry of one referral; idempotent (nothing unless it is still sent and overdue). */
  async function expire(referralId: string): Promise<boolean> {
    return db.transaction(async (tx) => {
      const r = await referralsRepo(tx).lock(referralId)
      const now = clock.now()
      if (r?.status !== 'sent' || !r.respondBy || r.respondBy > now) return false
      const decision = decide('expire', 'sent', { senderRoles: [], receiverRoles: [], system: true })
      if (!decision.ok) return false
      const updated = await referralsRepo(tx).update(r.id, {
        status: decision.to,
        closedAt: now,
        updatedAt: now,
      })
      await event(tx, r, 'expire', null, decision.to, null, { hours: config.REFERRAL_RESPONSE_HOURS })
      await needFollowsReferral(tx, r.needId, r.id, 'ended', now, app.realtime)
      await notices.changed(tx, updated, 'expire')
      await notices.tell(tx, updated, 'referral.expired', await notices.senders(tx, updated, true), null, {
        hours: config.REFERRAL_RESPONSE_HOURS,
      })
      return true
    })
  }

  async function load(p: Principal, id: string) {
    const r = await referralsRepo(db).findById(id)
    if (!r || !canSee(p, r)) throw new NotFoundError()
    return r
  }

  return {
    actorOf,
    canSee,
    expire,

    /** The catch-all sweep: expires every overdue referral (jobs at `respondBy` do it one by one). */
    async expireOverdue(): Promise<number> {
      let n = 0
      for (const id of await referralsRepo(db).overdue(clock.now(), 500)) if (await expire(id)) n++
      return n
    },

    async create(p: Principal, input: CreateInput) {
      return db.transaction(async (tx) => {
        const draft = await insertDraft(tx, p, input)
        if (input.pledgeId) await takeUpPledge(tx, input.pledgeId, draft)
        if (!input.send) {
          await notices.changed(tx, draft, 'create')
          return draft
        }
        return sendLocked(tx, p, (await referralsRepo(tx).lock(draft.id))!, { kind: 'consent' })
      })
    },

    async send(p: Principal, id: string, override?: OverrideInput) {
      return db.transaction(async (tx) => {
        const r = await referralsRepo(tx).lock(id)
        if (!r) throw new NotFoundError()
        return sendLocked(
          tx,
          p,
          r,
          override
            ? { kind: 'override', reason: override.reason, fields: override.fields ?? [] }
            : { kind: 'consent' },
        )
      })
    },

    accept: (p: Principal, id: string, note?: string) => step(p, id, 'accept', {}, note ?? null),

    decline(p: Principal, id: string, input: DeclineInput) {
      if (input.reason === 'other' && !input.note?.trim())
        throw new ValidationError([{ field: 'body.note', code: 'field.required' }])
      return step(
        p,
        id,
        'decline',
        { declineReason: input.reason, declineNote: input.note ?? null },
        input.note ?? null,
        { reason: input.reason },
      )
    },

    start: (p: Principal, id: string, note?: string) => step(p, id, 'start', {}, note ?? null),
    hold: (p: Principal, id: string, note?: string) => step(p, id, 'hold', {}, note ?? null),
    cancel: (p: Principal, id: string, note?: string) => step(p, id, 'cancel', {}, note ?? null),

    close(p: Principal, id: string, result: 'resolve' | 'unresolve', input: CloseInput) {
      return step(
        p,
        id,
        result,
        { outcome: input.outcome, outcomeNote: input.note ?? null },
        input.note ?? null,
        {
          outcome: input.outcome,
        },
      )
    },

    /**
     * Passes the need on to another resource: a successor referral is created and sent (the
     * recipient's consent for the new organization is checked as for any send) and linked.
     */
    async referElsewhere(p: Principal, id: string, input: ElsewhereInput) {
      return db.transaction(async (tx) => {
        const r = await referralsRepo(tx).lock(id)
        if (!r) throw new NotFoundError()
        const to = check(p, r, 'refer_elsewhere')
        if (input.resourceId === r.resourceId)
          throw new ValidationError([{ field: 'body.resourceId', code: 'referral.same_resource' }])
        const now = clock.now()
        // The old referral ends first, so the successor is not refused as a duplicate and the capacity is back.
        await release(tx, r)
        const ended = await referralsRepo(tx).update(r.id, {
          status: to,
          capacityHeld: false,
          closedAt: now,
          updatedAt: now,
        })
        const draft = await insertDraft(tx, p, {
          needId: r.needId,
          resourceId: input.resourceId,
          note: input.note ?? r.note,
          quantity: input.quantity ?? r.quantity,
        })
        await event(tx, draft, 'previous', { userId: p.userId, orgId: r.fromOrgId }, null, null, {
          previousReferralId: r.id,
        })
        const successor = await sendLocked(tx, p, draft, { kind: 'consent' })
        const linked = await referralsRepo(tx).update(r.id, { nextReferralId: successor.id })
        await event(
          tx,
          r,
          'refer_elsewhere',
          { userId: p.userId, orgId: r.fromOrgId },
          to,
          input.note ?? null,
          {
            nextReferralId: successor.id,
          },
        )
        await notices.changed(tx, ended, 'refer_elsewhere')
        if (r.status !== 'declined' && r.status !== 'expired')
          await notices.tell(
            tx,
            ended,
            'referral.referred_elsewhere',
            await notices.receivers(tx, r),
            p.userId,
          )
        return { previous: linked, successor }
      })
    },

    async comment(p: Principal, id: string, note: string) {
      const r = await load(p, id)
      const roles = actorOf(p, r)
      if (!p.canInOrg('referral.update', r.fromOrgId) && !p.canInOrg('referral.update', r.toOrgId))
        throw new ForbiddenError('referral.not_allowed')
      const orgId = actingOrg(p, r, 'comment')
      await db.transaction(async (tx) => {
        await event(tx, r, 'comment', { userId: p.userId, orgId }, null, note)
        await referralsRepo(tx).update(r.id, { updatedAt: clock.now() })
        await notices.changed(tx, r, 'comment')
        const audience =
          roles.receiverRoles.length > 0 && orgId === r.toOrgId
            ? await notices.senders(tx, r)
            : await notices.receivers(tx, r)
        if (r.status !== 'draft') await notices.tell(tx, r, 'referral.comment', audience, p.userId)
      })
      return { referral: r, orgId }
    },

    load,

    /**
     * The shared personal fields, for the receiving organization's staff while they serve the
     * recipient (accepted, in progress, on hold); the route audits each opening.
     */
    async shared(p: Principal, id: string) {
      const r = await load(p, id)
      if (!p.canInOrg('referral.update', r.toOrgId)) throw new ForbiddenError('referral.not_allowed')
      if (!['accepted', 'in_progress', 'on_hold'].includes(r.status))
        throw new ConflictError('referral.shared_closed', { status: r.status })
      // A withdrawn consent stops further openings: the receiving side keeps what it already
      // wrote down, but the platform no longer hands the details out on that consent's strength.
      if (r.consentId) {
        const [consent] = await db
          .select({ withdrawnAt: schema.recipientConsents.withdrawnAt })
          .from(schema.recipientConsents)
          .where(eq(schema.recipientConsents.id, r.consentId))
        if (consent?.withdrawnAt) throw new ConflictError('referral.consent_withdrawn')
      }
      return { referral: r, fields: openShared(box, r.sharedSealed) }
    },
  }
}

export type ReferralService = ReturnType<typeof referralService>
