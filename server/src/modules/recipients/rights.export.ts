import { type Db, type DbOrTx, schema } from '@liandong/db'
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { createSecretBox, type SecretBox } from '../../crypto/secret-box.ts'
import type { RealtimeHub } from '../../realtime/index.ts'
import { recordView } from '../cases/case.views.ts'
import { openRecipient, openSensitive, type RecipientRow } from './recipient.service.ts'
import { loadForRights, openOutcome, rightsService } from './rights.service.ts'

const {
  recipientConsents,
  recipientRequests,
  needs,
  referrals,
  resources,
  organizations,
  cases,
  caseRecords,
  caseAttachments,
  caseViews,
  auditLog,
  users,
} = schema

/** How many lines of the reading log an export carries (newest first). */
const MAX_READS = 2000

async function nameMap(db: DbOrTx, ids: Iterable<string | null>) {
  const wanted = [...new Set([...ids].filter((x): x is string => x !== null))]
  if (!wanted.length) return new Map<string, string>()
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted))
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** Who at the agency opened this person's data: audited reads of the recipient, and case views. */
async function readingLog(db: DbOrTx, recipientId: string, caseIds: string[]) {
  const audited = await db
    .select({
      at: auditLog.at,
      actorId: auditLog.actorId,
      action: auditLog.action,
      details: auditLog.details,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.targetType, 'recipient'),
        eq(auditLog.targetId, recipientId),
        eq(auditLog.result, 'ok'),
        or(
          eq(auditLog.action, 'recipient.reveal'),
          sql`${auditLog.details}->>'method' = 'GET'`,
          sql`${auditLog.details}->>'export' = 'true'`,
        ),
      ),
    )
    .orderBy(desc(auditLog.at))
    .limit(MAX_READS)
  const viewed = caseIds.length
    ? await db
        .select({ at: caseViews.at, userId: caseViews.userId, what: caseViews.what })
        .from(caseViews)
        .where(inArray(caseViews.caseId, caseIds))
        .orderBy(desc(caseViews.at))
        .limit(MAX_READS)
    : []
  const names = await nameMap(db, [...audited.map((a) => a.actorId), ...viewed.map((v) => v.userId)])
  const lines = [
    ...audited.map((a) => {
      const d = (a.details ?? {}) as Record<string, unknown>
      const what =
        a.action === 'recipient.reveal'
          ? `reveal:${String(d.reveal ?? '')}`
          : d.export === true || d.export === 'true'
            ? 'export'
            : a.action === 'recipient.rights'
              ? 'requests'
              : 'recipient'
      return {
        at: a.at,
        byName: a.actorId ? (names.get(a.actorId) ?? '') : '',
        what,
        reason: typeof d.reason === 'string' ? d.reason : null,
      }
    }),
    ...viewed.map((v) => ({
      at: v.at,
      byName: names.get(v.userId) ?? '',
      what: v.what === 'case' ? 'case' : 'case_file',
      reason: null,
    })),
  ]
  return lines.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, MAX_READS)
}

async function requestsOf(db: DbOrTx, box: SecretBox, recipientId: string) {
  const rows = await db
    .select()
    .from(recipientRequests)
    .where(eq(recipientRequests.recipientId, recipientId))
    .orderBy(asc(recipientRequests.receivedAt))
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    channel: r.channel,
    details: r.detailsSealed ? box.open(r.detailsSealed) : null,
    outcome: openOutcome(box, r.outcomeSealed).text,
    receivedAt: r.receivedAt,
    dueAt: r.dueAt,
    decidedAt: r.decidedAt,
    scheduledFor: r.scheduledFor,
  }))
}

/** Everything the agency holds about the recipient, opened (PIPL art. 45). */
export async function collectExport(
  db: Db,
  box: SecretBox,
  row: RecipientRow,
  generatedBy: string,
  at: Date,
) {
  const [org] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, row.orgId))
  const names = await nameMap(db, [generatedBy, row.primaryWorkerId])
  const head = {
    format: 'liandong.recipient-export/1' as const,
    generatedAt: at,
    generatedByName: names.get(generatedBy) ?? '',
    organization: { id: org!.id, name: org!.name },
  }
  if (row.status === 'erased')
    return {
      ...head,
      erased: true,
      profile: {
        id: row.id,
        code: row.code,
        status: row.status,
        name: null,
        gender: null,
        birthDate: null,
        birthYear: null,
        categories: [],
        districtCode: null,
        phone: null,
        idType: null,
        idNumber: null,
        address: null,
        household: [],
        health: null,
        income: null,
        military: null,
        primaryWorkerName: null,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
      },
      consents: [],
      needs: [],
      cases: [],
      requests: await requestsOf(db, box, row.id),
      reads: [],
    }

  const opened = openRecipient(box, row)
  const [consentRows, needRows, caseRows] = await Promise.all([
    db
      .select({ consent: recipientConsents, orgName: organizations.name })
      .from(recipientConsents)
      .leftJoin(organizations, eq(organizations.id, recipientConsents.targetOrgId))
      .where(eq(recipientConsents.recipientId, row.id))
      .orderBy(asc(recipientConsents.givenAt)),
    db.select().from(needs).where(eq(needs.recipientId, row.id)).orderBy(asc(needs.createdAt)),
    db.select().from(cases).where(eq(cases.recipientId, row.id)).orderBy(asc(cases.openedAt)),
  ])
  const needIds = needRows.map((n) => n.id)
  const caseIds = caseRows.map((c) => c.id)
  const [referralRows, records, files] = await Promise.all([
    needIds.length
      ? db
          .select({ referral: referrals, resourceName: resources.name, toOrgName: organizations.name })
          .from(referrals)
          .innerJoin(resources, eq(resources.id, referrals.resourceId))
          .innerJoin(organizations, eq(organizations.id, referrals.toOrgId))
          .where(inArray(referrals.needId, needIds))
          .orderBy(asc(referrals.createdAt))
      : [],
    caseIds.length
      ? db
          .select()
          .from(caseRecords)
          .where(inArray(caseRecords.caseId, caseIds))
          .orderBy(asc(caseRecords.createdAt), asc(caseRecords.version))
      : [],
    caseIds.length
      ? db
          .select({
            id: caseAttachments.id,
            caseId: caseAttachments.caseId,
            fileNameSealed: caseAttachments.fileNameSealed,
            contentType: caseAttachments.contentType,
            size: caseAttachments.size,
            createdAt: caseAttachments.createdAt,
          })
          .from(caseAttachments)
          .where(inArray(caseAttachments.caseId, caseIds))
          .orderBy(asc(caseAttachments.createdAt))
      : [],
  ])
  const people = await nameMap(db, [
    ...caseRows.map((c) => c.leadWorkerId),
    ...records.map((r) => r.authorId),
  ])

  return {
    ...head,
    erased: false,
    profile: {
      id: row.id,
      code: row.code,
      status: row.status,
      name: opened.name,
      gender: row.gender,
      birthDate: opened.birthDate,
      birthYear: row.birthYear,
      categories: row.categories,
      districtCode: row.districtCode,
      phone: opened.phone,
      idType: row.idType,
      idNumber: opened.idNumber,
      address: opened.address,
      household: openSensitive(box, row, 'household').household ?? [],
      health: openSensitive(box, row, 'health').value,
      income: openSensitive(box, row, 'income').value,
      military: openSensitive(box, row, 'military').value,
      primaryWorkerName: row.primaryWorkerId ? (names.get(row.primaryWorkerId) ?? null) : null,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    },
    consents: consentRows.map(({ consent: c, orgName }) => ({
      id: c.id,
      purpose: c.purpose,
      scope: c.scope,
      targetOrgName: orgName,
      givenBy: c.givenBy,
      guardianName: c.guardianNameSealed ? box.open(c.guardianNameSealed) : null,
      guardianRelation: c.guardianRelation,
      method: c.method,
      givenAt: c.givenAt,
      expiresAt: c.expiresAt,
      withdrawnAt: c.withdrawnAt,
    })),
    needs: needRows.map((n) => ({
      id: n.id,
      title: n.title,
      categories: n.categories,
      status: n.status,
      urgency: n.urgency,
      privateDescription: n.privateDescriptionSealed ? box.open(n.privateDescriptionSealed) : null,
      publicSummary: n.publicSummary,
      createdAt: n.createdAt,
      referrals: referralRows
        .filter((r) => r.referral.needId === n.id)
        .map(({ referral: r, resourceName, toOrgName }) => ({
          id: r.id,
          needId: r.needId,
          toOrgName,
          resourceName,
          status: r.status,
          sentAt: r.sentAt,
          closedAt: r.closedAt,
          consentOverride: r.consentOverrideReason !== null,
          shared: r.sharedSealed ? (JSON.parse(box.open(r.sharedSealed)) as Record<string, unknown>) : null,
          outcome: r.outcome,
        })),
    })),
    cases: caseRows.map((c) => ({
      id: c.id,
      code: c.code,
      stage: c.stage,
      status: c.status,
      openedAt: c.openedAt,
      closedAt: c.closedAt,
      leadWorkerName: people.get(c.leadWorkerId) ?? '',
      documents: records
        .filter((r) => r.caseId === c.id)
        .map((r) => ({
          id: r.id,
          kind: r.kind,
          version: r.version,
          status: r.status,
          authorName: people.get(r.authorId) ?? '',
          createdAt: r.createdAt,
          decidedAt: r.decidedAt,
          comment: r.decisionCommentSealed ? box.open(r.decisionCommentSealed) : null,
          content: JSON.parse(box.open(r.contentSealed)) as unknown,
        })),
      attachments: files
        .filter((f) => f.caseId === c.id)
        .map((f) => ({
          id: f.id,
          fileName: box.open(f.fileNameSealed),
          contentType: f.contentType,
          size: f.size,
          createdAt: f.createdAt,
        })),
    })),
    requests: await requestsOf(db, box, row.id),
    reads: await readingLog(db, row.id, caseIds),
  }
}

export type RecipientExportData = Awaited<ReturnType<typeof collectExport>>

export function exportService(infra: Infrastructure, realtime: RealtimeHub) {
  const { database, clock, config } = infra
  const db = database.db
  const box = createSecretBox(config.dataKeys)
  const rights = rightsService(infra, realtime)

  return {
    /**
     * One export: collected, each case it opens noted in that case's who-viewed log, and the access
     * request it answers (if any) marked done — all or nothing. The route audits it as one read.
     */
    async run(principal: Principal, recipientId: string, requestId?: string) {
      const row = await loadForRights(db, principal, recipientId, 'recipient.rights')
      const at = clock.now()
      const data = await collectExport(db, box, row, principal.userId, at)
      await db.transaction(async (tx) => {
        if (requestId) await rights.exported(tx, principal, recipientId, requestId)
        for (const c of data.cases) await recordView(tx, c.id, principal.userId, at, 'case')
      })
      return { row, data }
    },
  }
}
