import { type DbOrTx, schema } from '@liandong/db'
import { asc, desc, eq, inArray } from 'drizzle-orm'
import type { Principal } from '../../auth/principal.ts'
import type { SecretBox } from '../../crypto/secret-box.ts'
import type { CaseAccess } from './case.access.ts'
import { type CaseRecordKind, type CaseRecordRow, openDoc } from './case.records.ts'
import { caseStaff, summaryView } from './case.service.ts'
import { needsApproval } from './case.stages.ts'

const {
  caseRecords,
  caseWorkers,
  caseAttachments,
  caseEvents,
  needs,
  referrals,
  resources,
  organizations,
  recipients,
  users,
} = schema

/** Everything the case page shows, with the documents opened for a caller who may read them. */
export async function caseDetail(db: DbOrTx, box: SecretBox, principal: Principal, access: CaseAccess) {
  const { row } = access
  const [records, workers, files, events, linkedNeeds, [recipient]] = await Promise.all([
    db
      .select()
      .from(caseRecords)
      .where(eq(caseRecords.caseId, row.id))
      .orderBy(asc(caseRecords.kind), asc(caseRecords.version)),
    db.select().from(caseWorkers).where(eq(caseWorkers.caseId, row.id)),
    db
      .select({
        id: caseAttachments.id,
        recordId: caseAttachments.recordId,
        fileNameSealed: caseAttachments.fileNameSealed,
        contentType: caseAttachments.contentType,
        size: caseAttachments.size,
        uploadedBy: caseAttachments.uploadedBy,
        createdAt: caseAttachments.createdAt,
      })
      .from(caseAttachments)
      .where(eq(caseAttachments.caseId, row.id))
      .orderBy(asc(caseAttachments.createdAt)),
    db
      .select()
      .from(caseEvents)
      .where(eq(caseEvents.caseId, row.id))
      .orderBy(desc(caseEvents.at), desc(caseEvents.id))
      .limit(100),
    db.select().from(needs).where(eq(needs.caseId, row.id)).orderBy(asc(needs.createdAt)),
    db.select().from(recipients).where(eq(recipients.id, row.recipientId)),
  ])
  const needIds = linkedNeeds.map((n) => n.id)
  const needReferrals = needIds.length
    ? await db
        .select({
          id: referrals.id,
          needId: referrals.needId,
          status: referrals.status,
          resourceName: resources.name,
          toOrgName: organizations.name,
        })
        .from(referrals)
        .innerJoin(resources, eq(resources.id, referrals.resourceId))
        .innerJoin(organizations, eq(organizations.id, referrals.toOrgId))
        .where(inArray(referrals.needId, needIds))
        .orderBy(asc(referrals.createdAt))
    : []

  const userIds = new Set<string>([row.leadWorkerId])
  for (const r of records) {
    userIds.add(r.authorId)
    if (r.decidedBy) userIds.add(r.decidedBy)
  }
  for (const w of workers) userIds.add(w.userId)
  for (const f of files) userIds.add(f.uploadedBy)
  for (const e of events) {
    if (e.actorId) userIds.add(e.actorId)
    const subject = eventSubject(e)
    if (subject) userIds.add(subject)
  }
  if (row.transferTo) userIds.add(row.transferTo)
  const people = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, [...userIds]))
  const nameOf = new Map(people.map((p) => [p.id, p.name]))
  const name = (id: string | null) => (id ? (nameOf.get(id) ?? '') : null)

  const meta = (r: CaseRecordRow) => ({
    id: r.id,
    kind: r.kind,
    version: r.version,
    status: r.status,
    authorId: r.authorId,
    authorName: name(r.authorId) ?? '',
    submittedAt: r.submittedAt,
    decidedBy: r.decidedBy,
    decidedByName: name(r.decidedBy),
    decidedAt: r.decidedAt,
    comment: r.decisionCommentSealed ? box.open(r.decisionCommentSealed) : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  })
  const full = <K extends CaseRecordKind>(_kind: K, r: CaseRecordRow) => ({
    ...meta(r),
    content: openDoc<K>(box, r),
  })
  const ofKind = (kind: CaseRecordKind) => records.filter((r) => r.kind === kind)
  const latest = <K extends CaseRecordKind>(kind: K) => {
    const list = ofKind(kind)
    const last = list[list.length - 1]
    return last ? full(kind, last) : null
  }
  const history = records
    .filter((r) => needsApproval(r.kind) && r.version < Math.max(...ofKind(r.kind).map((x) => x.version)))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .map(meta)

  const canManage = principal.canInOrg('case.manage', row.orgId)
  const mayTransfer = (access.isLead || access.supervises) && row.status === 'open' && !row.transferTo
  const mayManageWorkers = (access.isLead || access.supervises) && row.status !== 'referred_out'
  const workerIds = new Set(workers.map((w) => w.userId))
  const candidates =
    mayTransfer || mayManageWorkers
      ? (await caseStaff(db, row.orgId)).filter(
          (s) => !workerIds.has(s.userId) && s.userId !== principal.userId,
        )
      : []

  return {
    ...summaryView({
      case: row,
      recipientCode: recipient!.code,
      recipientNameMasked: recipient!.nameMasked,
      leadWorkerName: name(row.leadWorkerId) ?? '',
      transferToName: name(row.transferTo),
      waitingApproval: records.filter((r) => r.status === 'submitted').length,
    }),
    recipient: {
      id: recipient!.id,
      code: recipient!.code,
      nameMasked: recipient!.nameMasked,
      categories: recipient!.categories,
      birthYear: recipient!.birthYear,
      districtCode: recipient!.districtCode,
    },
    workers: workers.map((w) => ({ userId: w.userId, name: name(w.userId) ?? '', role: w.role })),
    transferRequestedBy: row.transferRequestedBy,
    transferRequestedAt: row.transferRequestedAt,
    intake: latest('intake'),
    referralOut: latest('referral_out'),
    assessment: latest('assessment'),
    plan: latest('plan'),
    notes: ofKind('intervention_note')
      .map((r) => full('intervention_note', r))
      .reverse(),
    evaluation: latest('evaluation'),
    closure: latest('closure'),
    followUps: ofKind('follow_up')
      .map((r) => full('follow_up', r))
      .reverse(),
    history,
    attachments: files.map((f) => ({
      id: f.id,
      recordId: f.recordId,
      fileName: box.open(f.fileNameSealed),
      contentType: f.contentType,
      size: f.size,
      uploadedByName: name(f.uploadedBy) ?? '',
      createdAt: f.createdAt,
    })),
    needs: linkedNeeds.map((n) => ({
      id: n.id,
      title: n.title,
      categories: n.categories,
      status: n.status,
      referrals: needReferrals
        .filter((r) => r.needId === n.id)
        .map(({ id, status, resourceName, toOrgName }) => ({ id, status, resourceName, toOrgName })),
    })),
    events: events.map((e) => ({
      at: e.at,
      kind: e.kind,
      actorName: name(e.actorId),
      subjectName: name(eventSubject(e)),
      details: e.details,
    })),
    candidates,
    can: {
      write: access.isWorker && canManage && row.status !== 'referred_out',
      approve: access.supervises && !access.isWorker,
      transfer: mayTransfer,
      workers: mayManageWorkers,
      answerTransfer: access.isTransferee,
      viewLog: principal.canInOrg('case.views', row.orgId),
    },
  }
}

/** The person a hand-over or co-worker event is about (a user id in its details), if any. */
function eventSubject(e: { kind: string; details: Record<string, string | number | null> }): string | null {
  const key = subjectKeys[e.kind]
  const id = key ? e.details[key] : null
  return typeof id === 'string' ? id : null
}
const subjectKeys: Record<string, string> = {
  worker_added: 'worker',
  worker_removed: 'worker',
  transfer_requested: 'to',
  transfer_accepted: 'from',
  transfer_declined: 'from',
}
