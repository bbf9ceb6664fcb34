import { type DbOrTx, organizationsRepo, schema } from '@liandong/db'
import { and, desc, eq, gt, isNull, lte, or } from 'drizzle-orm'
import type { Static } from 'typebox'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { createSecretBox, type SecretBox } from '../../crypto/secret-box.ts'
import { ConflictError, type FieldProblem, NotFoundError, ValidationError } from '../../errors.ts'
import { ageOn, shanghaiDate } from '../volunteers/age.ts'
import { maskName } from './masks.ts'
import type { ConsentInput } from './recipient.schemas.ts'
import { loadRecipient, type RecipientRow } from './recipient.service.ts'

type ConsentRow = typeof schema.recipientConsents.$inferSelect
const { recipientConsents } = schema

/** Below this age a recipient consents through a guardian (the line the volunteer rules draw too). */
export const GUARDIAN_CONSENT_UNDER = 14

const isActive = (c: ConsentRow, now: Date) =>
  c.withdrawnAt === null && c.givenAt <= now && (c.expiresAt === null || c.expiresAt > now)

export function consentView(box: SecretBox, c: ConsentRow, targetOrgName: string | null, now: Date) {
  return {
    id: c.id,
    recipientId: c.recipientId,
    purpose: c.purpose,
    scope: c.scope,
    targetOrgId: c.targetOrgId,
    targetOrgName,
    givenBy: c.givenBy,
    guardianNameMasked: c.guardianNameSealed ? maskName(box.open(c.guardianNameSealed)) : null,
    guardianRelation: c.guardianRelation,
    method: c.method,
    givenAt: c.givenAt,
    expiresAt: c.expiresAt,
    withdrawnAt: c.withdrawnAt,
    withdrawnReason: c.withdrawnReason,
    active: isActive(c, now),
    createdAt: c.createdAt,
  }
}

/**
 * The recipient's current consent to share with `toOrgId`, or null: purpose share_with_org, naming
 * that organization, given, not withdrawn and not expired at `now`. Referrals require one (or an
 * audited override) before sending; pass the transaction that sends, so a withdrawal that commits
 * first is seen.
 */
export async function activeShareConsent(
  db: DbOrTx,
  recipientId: string,
  toOrgId: string,
  now: Date = new Date(),
): Promise<ConsentRow | null> {
  const [row] = await db
    .select()
    .from(recipientConsents)
    .where(
      and(
        eq(recipientConsents.recipientId, recipientId),
        eq(recipientConsents.purpose, 'share_with_org'),
        eq(recipientConsents.targetOrgId, toOrgId),
        isNull(recipientConsents.withdrawnAt),
        lte(recipientConsents.givenAt, now),
        or(isNull(recipientConsents.expiresAt), gt(recipientConsents.expiresAt, now)),
      ),
    )
    .orderBy(desc(recipientConsents.givenAt))
    .limit(1)
  return row ?? null
}

/** Whether the recipient is under GUARDIAN_CONSENT_UNDER on `today`; from the year alone, the younger reading. */
function isChild(box: SecretBox, recipient: RecipientRow, today: string): boolean {
  if (recipient.birthDateSealed)
    return ageOn(box.open(recipient.birthDateSealed), today) < GUARDIAN_CONSENT_UNDER
  if (recipient.birthYear === null) return false
  return Number(today.slice(0, 4)) - recipient.birthYear - 1 < GUARDIAN_CONSENT_UNDER
}

export function consentService({ database, clock, config }: Infrastructure) {
  const db = database.db
  const box = createSecretBox(config.dataKeys)

  return {
    async record(principal: Principal, recipientId: string, input: Static<typeof ConsentInput>) {
      const recipient = await loadRecipient(db, principal, recipientId, 'recipient.manage')
      const now = clock.now()
      const problems: FieldProblem[] = []
      const givenAt = input.givenAt ? new Date(input.givenAt) : now
      if (givenAt > now) problems.push({ field: 'body.givenAt', code: 'field.in_future' })
      const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null
      if (expiresAt && expiresAt <= givenAt)
        problems.push({ field: 'body.expiresAt', code: 'field.after_start' })
      let targetOrgName: string | null = null
      if (input.purpose === 'share_with_org') {
        if (!input.targetOrgId)
          problems.push({ field: 'body.targetOrgId', code: 'field.target_org_required' })
        else {
          const org = await organizationsRepo(db).findById(input.targetOrgId)
          if (org?.status !== 'approved')
            problems.push({ field: 'body.targetOrgId', code: 'field.invalid_value' })
          targetOrgName = org?.name ?? null
        }
      } else if (input.targetOrgId)
        problems.push({ field: 'body.targetOrgId', code: 'field.target_org_not_allowed' })
      const givenBy = input.givenBy ?? 'self'
      const child = isChild(box, recipient, shanghaiDate(givenAt))
      if ((child || givenBy === 'guardian') && (!input.guardianName || !input.guardianRelation))
        problems.push({ field: 'body.guardianName', code: 'field.guardian_consent' })
      if (child && givenBy !== 'guardian')
        problems.push({ field: 'body.givenBy', code: 'field.guardian_consent' })
      if (problems.length) throw new ValidationError(problems)
      const guardian = givenBy === 'guardian'
      const [row] = await db
        .insert(recipientConsents)
        .values({
          recipientId,
          purpose: input.purpose,
          scope: input.scope ?? '',
          targetOrgId: input.targetOrgId ?? null,
          givenBy,
          guardianNameSealed: guardian ? box.seal(input.guardianName!.trim()) : null,
          guardianRelation: guardian ? input.guardianRelation! : null,
          method: input.method ?? 'paper',
          givenAt,
          expiresAt,
          recordedBy: principal.userId,
        })
        .returning()
      return { consent: consentView(box, row!, targetOrgName, now), orgId: recipient.orgId }
    },

    async withdraw(principal: Principal, recipientId: string, consentId: string, reason: string | undefined) {
      const recipient = await loadRecipient(db, principal, recipientId, 'recipient.manage')
      const now = clock.now()
      // Conditional update: two withdrawals at once leave one timestamp, and the second is told.
      const [row] = await db
        .update(recipientConsents)
        .set({ withdrawnAt: now, withdrawnReason: reason?.trim() || null })
        .where(
          and(
            eq(recipientConsents.id, consentId),
            eq(recipientConsents.recipientId, recipientId),
            isNull(recipientConsents.withdrawnAt),
          ),
        )
        .returning()
      if (!row) {
        const [exists] = await db
          .select({ id: recipientConsents.id })
          .from(recipientConsents)
          .where(and(eq(recipientConsents.id, consentId), eq(recipientConsents.recipientId, recipientId)))
        if (!exists) throw new NotFoundError()
        throw new ConflictError('consent.already_withdrawn')
      }
      const org = row.targetOrgId ? await organizationsRepo(db).findById(row.targetOrgId) : undefined
      return { consent: consentView(box, row, org?.name ?? null, now), orgId: recipient.orgId }
    },
  }
}
