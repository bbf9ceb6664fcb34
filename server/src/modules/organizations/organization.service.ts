import { accountsRepo, type OrgKind, type OrgRole, type OrgStatus, organizationsRepo } from '@liandong/db'
import type { Static } from 'typebox'
import type { Principal } from '../../auth/principal.ts'
import { hashToken, newToken } from '../../auth/tokens.ts'
import type { Infrastructure } from '../../context.ts'
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.ts'
import { type Locale, t } from '../../i18n/index.ts'
import type { OrgPatch, OrgRegistration } from './organization.schemas.ts'

const INVITATION_DAYS = 7

export type OrgRegistrationInput = Static<typeof OrgRegistration>
type OrgPatchInput = Static<typeof OrgPatch>

const isUniqueViolation = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string } }
  return e.code === '23505' || e.cause?.code === '23505'
}

/** Masks an address for people who hold only the invitation link: li***@example.org */
const maskEmail = (email: string) => email.replace(/^(.{1,2})[^@]*(@.*)$/, '$1***$2')

export function organizationService({ database, clock, mailer, config }: Infrastructure) {
  const db = database.db
  const repo = organizationsRepo(db)

  /** 404 for organizations the caller may not know exist; 403 for members lacking the action. */
  async function requireOrgAccess(
    principal: Principal,
    action: Parameters<Principal['canInOrg']>[0],
    orgId: string,
  ) {
    const org = await repo.findById(orgId)
    const isMember = principal.memberships.some((m) => m.orgId === orgId)
    if (!org || (!isMember && principal.scope(action) !== 'all')) throw new NotFoundError()
    if (!principal.canInOrg(action, orgId)) throw new ForbiddenError()
    return org
  }

  return {
    requireOrgAccess,

    async register(principal: Principal, input: OrgRegistrationInput) {
      if (input.creditCode && (await repo.findByCreditCode(input.creditCode))) {
        throw new ConflictError('credit_code_taken', {}, [
          { field: 'body.creditCode', code: 'field.invalid_value' },
        ])
      }
      try {
        return await db.transaction(async (tx) => {
          const org = await organizationsRepo(tx).create({
            ...input,
            status: 'pending',
            createdBy: principal.userId,
          })
          await organizationsRepo(tx).addMember(org.id, principal.userId, 'org_admin')
          return org
        })
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError('credit_code_taken')
        throw error
      }
    },

    /** The admin keeps the organization's details current; a null clears a field. */
    async update(principal: Principal, id: string, patch: OrgPatchInput) {
      await requireOrgAccess(principal, 'org.manage', id)
      if (patch.creditCode) {
        const holder = await repo.findByCreditCode(patch.creditCode)
        if (holder && holder.id !== id) {
          throw new ConflictError('credit_code_taken', {}, [
            { field: 'body.creditCode', code: 'field.invalid_value' },
          ])
        }
      }
      try {
        return (await repo.update(id, patch))!
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError('credit_code_taken')
        throw error
      }
    },

    async list(
      principal: Principal,
      query: { status?: OrgStatus; kind?: OrgKind; q?: string; limit?: number; offset?: number },
    ) {
      const limit = query.limit ?? 20
      const offset = query.offset ?? 0
      const ids =
        principal.scope('org.read') === 'all' ? undefined : principal.memberships.map((m) => m.orgId)
      const page = await repo.list({ ...query, ...(ids ? { ids } : {}), limit, offset })
      return { ...page, limit, offset }
    },

    async get(principal: Principal, id: string) {
      const org = await repo.findById(id)
      const visible =
        principal.scope('org.read') === 'all' || principal.memberships.some((m) => m.orgId === id)
      if (!org || !visible) throw new NotFoundError()
      return org
    },

    async review(principal: Principal, id: string, decision: 'approve' | 'reject', note: string | undefined) {
      const existing = await repo.findById(id)
      if (!existing) throw new NotFoundError()
      const status = decision === 'approve' ? 'approved' : 'rejected'
      const org = await repo.review(id, status, principal.userId, note ?? null, clock.now())
      if (!org) throw new ConflictError('org_not_pending')
      if (org.createdBy) {
        const creator = await accountsRepo(db).findUserById(org.createdBy)
        if (creator) {
          const locale: Locale = creator.locale === 'en' ? 'en' : 'zh-CN'
          await mailer.send({
            to: creator.email,
            subject: t(locale, 'mail.org_reviewed.subject', { org: org.name }),
            text:
              status === 'approved'
                ? t(locale, 'mail.org_approved.body', { org: org.name })
                : t(locale, 'mail.org_rejected.body', { org: org.name, note: note ?? '—' }),
          })
        }
      }
      return org
    },

    async members(principal: Principal, orgId: string) {
      await requireOrgAccess(principal, 'org.members.read', orgId)
      const rows = await repo.members(orgId)
      return rows.map(({ twoFactor, ...m }) => ({ ...m, twoFactorEnabled: Boolean(twoFactor) }))
    },

    async setRole(principal: Principal, orgId: string, userId: string, role: OrgRole) {
      await requireOrgAccess(principal, 'org.members.manage', orgId)
      await db.transaction(async (tx) => {
        const r = organizationsRepo(tx)
        const current = await r.membership(orgId, userId)
        if (!current) throw new NotFoundError()
        if (current.role === 'org_admin' && role !== 'org_admin' && (await r.countAdmins(orgId)) <= 1) {
          throw new ConflictError('last_admin')
        }
        await r.setMemberRole(orgId, userId, role)
      })
    },

    async removeMember(principal: Principal, orgId: string, userId: string) {
      await requireOrgAccess(principal, 'org.members.manage', orgId)
      await db.transaction(async (tx) => {
        const r = organizationsRepo(tx)
        const current = await r.membership(orgId, userId)
        if (!current) throw new NotFoundError()
        if (current.role === 'org_admin' && (await r.countAdmins(orgId)) <= 1)
          throw new ConflictError('last_admin')
        await r.removeMember(orgId, userId)
      })
    },

    async invitations(principal: Principal, orgId: string) {
      await requireOrgAccess(principal, 'org.members.manage', orgId)
      return repo.openInvitations(orgId, clock.now())
    },

    async invite(principal: Principal, orgId: string, email: string, role: OrgRole, locale: Locale) {
      const org = await requireOrgAccess(principal, 'org.members.manage', orgId)
      if (org.status !== 'approved') throw new ConflictError('org_not_approved')
      const existing = await accountsRepo(db).findUserByEmail(email)
      if (existing && (await repo.membership(orgId, existing.id))) throw new ConflictError('already_member')
      const token = newToken()
      const invitation = await repo.createInvitation({
        orgId,
        email: email.toLowerCase(),
        role,
        tokenHash: hashToken(token),
        invitedBy: principal.userId,
        expiresAt: new Date(clock.now().getTime() + INVITATION_DAYS * 86_400_000),
      })
      const url = `${config.publicUrl}/invitations/${token}`
      const mailLocale: Locale = existing?.locale === 'en' ? 'en' : existing ? 'zh-CN' : locale
      await mailer.send({
        to: invitation.email,
        subject: t(mailLocale, 'mail.invite.subject', { org: org.name }),
        text: t(mailLocale, 'mail.invite.body', {
          org: org.name,
          role: t(mailLocale, `role.${role}`),
          days: INVITATION_DAYS,
          url,
        }),
        link: url,
      })
      return invitation
    },

    async revokeInvitation(principal: Principal, orgId: string, invitationId: string) {
      await requireOrgAccess(principal, 'org.members.manage', orgId)
      if (!(await repo.revokeInvitation(orgId, invitationId, clock.now()))) throw new NotFoundError()
    },

    async previewInvitation(token: string) {
      const found = await repo.findOpenInvitation(hashToken(token), clock.now())
      if (!found) throw new NotFoundError('invitation_invalid')
      return { orgName: found.orgName, role: found.invitation.role, email: maskEmail(found.invitation.email) }
    },

    async acceptInvitation(principal: Principal, email: string, token: string) {
      const now = clock.now()
      const found = await repo.findOpenInvitation(hashToken(token), now)
      if (!found) throw new NotFoundError('invitation_invalid')
      if (found.invitation.email !== email.toLowerCase())
        throw new ForbiddenError('invitation_email_mismatch')
      await db.transaction(async (tx) => {
        const r = organizationsRepo(tx)
        if (!(await r.markInvitationAccepted(found.invitation.id, now)))
          throw new NotFoundError('invitation_invalid')
        const added = await r.addMember(found.invitation.orgId, principal.userId, found.invitation.role)
        if (!added) throw new ConflictError('already_member')
      })
      return found.invitation
    },
  }
}
