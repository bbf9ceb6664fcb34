import { randomBytes, timingSafeEqual } from 'node:crypto'
import {
  accountsRepo,
  type Certificate,
  type CertificateStatus,
  certificatesRepo,
  organizationsRepo,
  volunteersRepo,
} from '@liandong/db'
import type { FastifyInstance } from 'fastify'
import type { Principal } from '../../auth/principal.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts'
import { createNotifier } from '../notifications/notification.service.ts'
import { shanghaiDate } from '../volunteers/age.ts'
import { maskLast4 } from '../volunteers/id-number.ts'
import { certificateNumber, hoursOf, maskName, orgCode } from './certificate.format.ts'
import { renderCertificatePdf } from './certificate.pdf.ts'

export interface CertificateRequest {
  orgId: string
  periodFrom: string
  periodTo: string
  note?: string
}

export interface IssueFields {
  personInCharge?: string
  handlerName?: string
  issuerContact?: string
  content?: string
}

/**
 * Service-record certificates (志愿服务记录证明). "谁记录谁证明": a volunteer asks an organization
 * that approved some of their service; its staff issue, reject or revoke. Issuing copies the
 * approved minutes, the volunteer's identity and the issuer into the row, so later edits to
 * records or names never change an issued paper. Unapproved hours never count.
 */
export function certificateService(app: FastifyInstance) {
  const { database, clock, config } = app.infra
  const db = database.db
  const notify = createNotifier(app.infra, app.realtime)

  const canIssue = (principal: Principal, orgId: string) => principal.canInOrg('certificate.issue', orgId)
  const verifyUrl = (c: Certificate) =>
    c.number && c.verifyCode
      ? `${config.publicUrl}/verify/${encodeURIComponent(c.number)}?c=${encodeURIComponent(c.verifyCode)}`
      : null

  function present(c: Certificate, orgName: string) {
    const { verifyCode: _code, issuedBy: _by, ...rest } = c
    return {
      ...rest,
      orgName,
      verifyUrl: verifyUrl(c),
      hours: c.minutes === null ? null : hoursOf(c.minutes),
    }
  }

  async function orgNameOf(orgId: string) {
    return (await organizationsRepo(db).findById(orgId))?.name ?? ''
  }

  /** A certificate of an organization the caller issues for; its own volunteer gets 403, others 404. */
  async function loadForOrg(principal: Principal, id: string) {
    const cert = await certificatesRepo(db).findById(id)
    if (!cert) throw new NotFoundError()
    if (!canIssue(principal, cert.orgId)) {
      if (cert.userId === principal.userId) throw new ForbiddenError()
      throw new NotFoundError()
    }
    return cert
  }

  async function loadOwn(principal: Principal, id: string) {
    const cert = await certificatesRepo(db).findById(id)
    if (cert?.userId !== principal.userId) throw new NotFoundError()
    return cert
  }

  async function preview(cert: Certificate, issuer: Principal) {
    const repo = certificatesRepo(db)
    const [totals, activities, org, me] = await Promise.all([
      repo.coveredTotals(cert.userId, cert.orgId, cert.periodFrom, cert.periodTo),
      repo.coveredActivities(cert.userId, cert.orgId, cert.periodFrom, cert.periodTo),
      organizationsRepo(db).findById(cert.orgId),
      accountsRepo(db).findUserById(issuer.userId),
    ])
    return {
      minutes: totals.minutes,
      hours: hoursOf(totals.minutes),
      records: totals.records,
      activities,
      content: contentLine(activities),
      defaults: {
        issuerName: org?.name ?? '',
        personInCharge: org?.contactName ?? null,
        handlerName: me?.displayName ?? null,
        issuerContact: org?.contactPhone ?? org?.email ?? null,
      },
    }
  }

  return {
    /** Organizations that approved some of the caller's service, with the span and approved total. */
    async options(principal: Principal) {
      const rows = await certificatesRepo(db).organizersOf(principal.userId)
      return rows.map((r) => ({ ...r, hours: hoursOf(r.minutes) }))
    },

    async request(principal: Principal, input: CertificateRequest) {
      const profile = await volunteersRepo(db).findByUser(principal.userId)
      if (!profile) throw new ConflictError('volunteer.profile_missing')
      if (input.periodFrom > input.periodTo)
        throw new ValidationError([{ field: 'body.periodTo', code: 'certificate.period_order' }])
      if (input.periodTo > shanghaiDate(clock.now()))
        throw new ValidationError([{ field: 'body.periodTo', code: 'certificate.future_period' }])
      const totals = await certificatesRepo(db).coveredTotals(
        principal.userId,
        input.orgId,
        input.periodFrom,
        input.periodTo,
      )
      if (totals.records === 0)
        throw new ValidationError([{ field: 'body.orgId', code: 'certificate.no_approved_service' }])
      return db.transaction(async (tx) => {
        const repo = certificatesRepo(tx)
        // One open request per organization and period; the organization row serialises the check.
        const org = await repo.lockOrganization(input.orgId)
        if (await repo.findOpenRequest(principal.userId, input.orgId, input.periodFrom, input.periodTo))
          throw new ConflictError('certificate.already_requested')
        const cert = await repo.insert({
          userId: principal.userId,
          orgId: input.orgId,
          periodFrom: input.periodFrom,
          periodTo: input.periodTo,
          requestNote: input.note?.trim() || null,
          createdAt: clock.now(),
          updatedAt: clock.now(),
        })
        await app.realtime.publish(
          `org:${input.orgId}`,
          'certificate.requested',
          { certificateId: cert.id },
          { tx },
        )
        return present(cert, org?.name ?? '')
      })
    },

    async listMine(
      principal: Principal,
      query: { status?: CertificateStatus; limit: number; offset: number },
    ) {
      const page = await certificatesRepo(db).list({ userId: principal.userId, ...query })
      return { ...query, total: page.total, items: page.items.map((r) => present(r.certificate, r.orgName)) }
    },

    async getMine(principal: Principal, id: string) {
      const cert = await loadOwn(principal, id)
      return present(cert, await orgNameOf(cert.orgId))
    },

    async listForOrg(
      principal: Principal,
      orgId: string,
      query: { status?: CertificateStatus; limit: number; offset: number },
    ) {
      if (!canIssue(principal, orgId)) throw new NotFoundError()
      const page = await certificatesRepo(db).list({ orgId, ...query })
      // A request carries no copied name yet: the issuer sees who asks by the registered name and number.
      const profiles = await volunteersRepo(db).findManyByUser(
        page.items.filter((r) => !r.certificate.volunteerName).map((r) => r.certificate.userId),
      )
      const byUser = new Map(profiles.map((p) => [p.userId, p]))
      const items = page.items.map((r) => {
        const shown = present(r.certificate, r.orgName)
        const profile = byUser.get(r.certificate.userId)
        return shown.volunteerName || !profile
          ? shown
          : { ...shown, volunteerName: profile.realName, volunteerNumber: profile.volunteerNumber }
      })
      return { ...query, total: page.total, items }
    },

    async getForOrg(principal: Principal, id: string) {
      const cert = await loadForOrg(principal, id)
      return {
        certificate: present(cert, await orgNameOf(cert.orgId)),
        preview: cert.status === 'requested' ? await preview(cert, principal) : null,
      }
    },

    /** Issues a requested certificate with the next number of the organization's year. */
    async issue(principal: Principal, id: string, fields: IssueFields) {
      await loadForOrg(principal, id)
      const issuer = await accountsRepo(db).findUserById(principal.userId)
      return db.transaction(async (tx) => {
        const repo = certificatesRepo(tx)
        const cert = (await repo.lock(id))!
        if (cert.status !== 'requested') throw new ConflictError('certificate.not_requested')
        // Numbers are per organization and year; the organization row lock makes them sequential.
        const org = (await repo.lockOrganization(cert.orgId))!
        const [totals, activities, profile] = await Promise.all([
          repo.coveredTotals(cert.userId, cert.orgId, cert.periodFrom, cert.periodTo),
          repo.coveredActivities(cert.userId, cert.orgId, cert.periodFrom, cert.periodTo),
          volunteersRepo(tx).findByUser(cert.userId),
        ])
        if (totals.records === 0) throw new ConflictError('certificate.no_approved_service')
        const personInCharge = fields.personInCharge?.trim() || org.contactName
        if (!personInCharge)
          throw new ValidationError([{ field: 'body.personInCharge', code: 'field.required' }])
        const now = clock.now()
        const prefix = `LD-${shanghaiDate(now).slice(0, 4)}-${orgCode(org.id)}-`
        const seq = (await repo.countNumbered(prefix)) + 1
        const user = await accountsRepo(tx).findUserById(cert.userId)
        const issued = await repo.update(id, {
          status: 'issued',
          number: certificateNumber(shanghaiDate(now).slice(0, 4), orgCode(org.id), seq),
          verifyCode: randomBytes(9).toString('base64url'),
          minutes: totals.minutes,
          recordCount: totals.records,
          content: fields.content?.trim() || contentLine(activities),
          volunteerName: profile?.realName ?? user?.displayName ?? '',
          volunteerNumber: profile?.volunteerNumber ?? null,
          idType: profile?.idNumberLast4 ? profile.idType : null,
          idNumberMasked: maskLast4(profile?.idNumberLast4 ?? null),
          issuerName: org.name,
          personInCharge,
          handlerName: fields.handlerName?.trim() || issuer?.displayName || null,
          issuerContact: fields.issuerContact?.trim() || org.contactPhone || org.email || null,
          issuedBy: principal.userId,
          issuedAt: now,
          updatedAt: now,
        })
        await notify(
          cert.userId,
          'certificate.issued',
          { org: org.name, number: issued.number!, hours: hoursOf(totals.minutes) },
          `/volunteer/certificates/${id}`,
          { tx },
        )
        return present(issued, org.name)
      })
    },

    async reject(principal: Principal, id: string, reason: string) {
      await loadForOrg(principal, id)
      return db.transaction(async (tx) => {
        const repo = certificatesRepo(tx)
        const cert = (await repo.lock(id))!
        if (cert.status !== 'requested') throw new ConflictError('certificate.not_requested')
        const updated = await repo.update(id, {
          status: 'rejected',
          rejectedReason: reason.trim(),
          updatedAt: clock.now(),
        })
        const orgName = (await repo.lockOrganization(cert.orgId))?.name ?? ''
        await notify(
          cert.userId,
          'certificate.rejected',
          { org: orgName, reason: reason.trim() },
          `/volunteer/certificates/${id}`,
          { tx },
        )
        return present(updated, orgName)
      })
    },

    /** A revoked certificate keeps its number; the verification page then says it is revoked. */
    async revoke(principal: Principal, id: string, reason: string) {
      await loadForOrg(principal, id)
      return db.transaction(async (tx) => {
        const repo = certificatesRepo(tx)
        const cert = (await repo.lock(id))!
        if (cert.status !== 'issued') throw new ConflictError('certificate.not_issued')
        const now = clock.now()
        const updated = await repo.update(id, {
          status: 'revoked',
          revokedAt: now,
          revokedReason: reason.trim(),
          updatedAt: now,
        })
        await notify(
          cert.userId,
          'certificate.revoked',
          { org: cert.issuerName ?? '', number: cert.number!, reason: reason.trim() },
          `/volunteer/certificates/${id}`,
          { tx },
        )
        return present(updated, cert.issuerName ?? '')
      })
    },

    /** The PDF of an issued certificate, for its volunteer (`own`) or the issuing organization. */
    async pdf(principal: Principal, id: string, as: 'own' | 'org') {
      const cert = as === 'own' ? await loadOwn(principal, id) : await loadForOrg(principal, id)
      if (cert.status !== 'issued' || !cert.number || !cert.issuedAt)
        throw new ConflictError('certificate.not_issued')
      const pdf = await renderCertificatePdf(
        { ...cert, number: cert.number, issuedAt: cert.issuedAt },
        verifyUrl(cert)!,
      )
      return { pdf, number: cert.number, orgId: cert.orgId }
    },

    /**
     * The public check: number plus the code printed in the QR link. A wrong code answers exactly
     * like an unknown number, so numbers cannot be probed.
     */
    async verify(number: string, code: string) {
      const cert = await certificatesRepo(db).findByNumber(number)
      if (!cert?.verifyCode || !sameCode(cert.verifyCode, code)) throw new NotFoundError()
      if (cert.status !== 'issued' && cert.status !== 'revoked') throw new NotFoundError()
      return {
        number: cert.number!,
        volunteerName: maskName(cert.volunteerName ?? ''),
        hours: hoursOf(cert.minutes ?? 0),
        periodFrom: cert.periodFrom,
        periodTo: cert.periodTo,
        issuerName: cert.issuerName ?? '',
        status: cert.status === 'revoked' ? ('revoked' as const) : ('valid' as const),
      }
    },
  }
}

function sameCode(expected: string, given: string) {
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** "社区陪伴服务（12 小时）、助老送餐（3.5 小时）" — the activities served, most hours first. */
function contentLine(activities: Array<{ activityName: string; minutes: number }>) {
  const shown = activities.slice(0, 8).map((a) => `${a.activityName}（${hoursOf(a.minutes)} 小时）`)
  const more = activities.length > 8 ? ` 等 ${activities.length} 项活动` : ''
  return `${shown.join('、')}${more}`
}
