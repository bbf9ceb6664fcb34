import { type Db, type DbOrTx, DEMO_PASSWORD, demoOrgs, schema } from '@liandong/db'
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Config } from '../config.ts'
import { createSecretBox } from '../crypto/secret-box.ts'
import { DESTROYED_MARKER } from '../modules/archives/archive.common.ts'
import { archiveEvent, caseTitle, fileRecord, incidentTitle } from '../modules/archives/archive.filing.ts'

// Service archives on first start (issue 6, item 5): every closed demo case, complaint and incident
// is filed, and a few older files show the rest — a case file out on loan to a social worker, a
// complaint past its retention whose destruction waits for its second approval, a destroyed
// complaint (the tombstone) and an incident being transferred to the Gansu agency. A third archive
// keeper (档案管理员) lets a visitor give that second approval. Once only; no randomness.

const DAY = 86_400_000
export const DEMO_ARCHIVIST_EMAIL = 'archivist.cd@demo.liandong.cn'

type RetentionConfig = Pick<
  Config,
  'ARCHIVE_RETENTION_YEARS_CASE' | 'ARCHIVE_RETENTION_YEARS_COMPLAINT' | 'ARCHIVE_RETENTION_YEARS_INCIDENT'
>

/** Files every closed case, complaint and incident not yet in the archive (also a backfill). */
export async function fileClosedRecords(tx: DbOrTx, config: RetentionConfig) {
  const { cases, complaints, incidents, recipients, archives } = schema
  let filed = 0
  const closedCases = await tx
    .select({ c: cases, recipientCode: recipients.code })
    .from(cases)
    .innerJoin(recipients, eq(recipients.id, cases.recipientId))
    .leftJoin(archives, and(eq(archives.recordType, 'case'), eq(archives.subjectId, cases.id)))
    .where(and(eq(cases.status, 'closed'), isNull(archives.id)))
    .orderBy(asc(cases.closedAt))
  for (const { c, recipientCode } of closedCases) {
    const closedAt = c.closedAt ?? c.updatedAt
    await fileRecord(tx, config, closedAt, {
      recordType: 'case',
      subjectId: c.id,
      orgId: c.orgId,
      closedAt,
      title: caseTitle(c.code, recipientCode),
      recipientId: c.recipientId,
      actorId: null,
    })
    filed++
  }
  const closedComplaints = await tx
    .select({ c: complaints })
    .from(complaints)
    .leftJoin(archives, and(eq(archives.recordType, 'complaint'), eq(archives.subjectId, complaints.id)))
    .where(and(eq(complaints.status, 'closed'), isNull(archives.id)))
    .orderBy(asc(complaints.closedAt))
  for (const { c } of closedComplaints) {
    const closedAt = c.closedAt ?? c.updatedAt
    await fileRecord(tx, config, closedAt, {
      recordType: 'complaint',
      subjectId: c.id,
      orgId: c.orgId,
      closedAt,
      title: c.trackingCode,
      actorId: null,
    })
    filed++
  }
  const closedIncidents = await tx
    .select({ i: incidents })
    .from(incidents)
    .leftJoin(archives, and(eq(archives.recordType, 'incident'), eq(archives.subjectId, incidents.id)))
    .where(and(eq(incidents.status, 'closed'), isNull(archives.id)))
    .orderBy(asc(incidents.closedAt))
  for (const { i } of closedIncidents) {
    const closedAt = i.closedAt ?? i.updatedAt
    await fileRecord(tx, config, closedAt, {
      recordType: 'incident',
      subjectId: i.id,
      orgId: i.orgId,
      closedAt,
      title: incidentTitle(i.occurredAt),
      actorId: null,
    })
    filed++
  }
  return filed
}

export async function seedDemoArchives(
  db: Db,
  options: {
    config: RetentionConfig & { dataKeys: { current: Buffer; previous: Buffer[] } }
    hashPassword: (password: string) => Promise<string>
    now?: Date
  },
): Promise<number> {
  const now = options.now ?? new Date()
  const { config } = options
  const [done] = await db.select({ n: sql<number>`count(*)::int` }).from(schema.archives)
  if ((done?.n ?? 0) > 0) return 0
  const ago = (days: number) => new Date(now.getTime() - days * DAY)
  const day = (offset: number) =>
    new Date(now.getTime() + offset * DAY + 8 * 3_600_000).toISOString().slice(0, 10)
  const orgRows = await db
    .select({ id: schema.organizations.id, creditCode: schema.organizations.creditCode })
    .from(schema.organizations)
  const org = (key: string) =>
    orgRows.find((o) => o.creditCode === demoOrgs.find((d) => d.key === key)!.creditCode)?.id
  const people = await db
    .select({ id: schema.users.id, email: schema.users.email })
    .from(schema.users)
    .where(
      inArray(
        schema.users.email,
        ['worker.cd', 'supervisor.cd', 'orgadmin.cd'].map((w) => `${w}@demo.liandong.cn`),
      ),
    )
  const user = (w: string) => people.find((p) => p.email === `${w}@demo.liandong.cn`)?.id
  const cd = org('cd-agency')
  const gs = org('gs-agency')
  const worker = user('worker.cd')
  const supervisor = user('supervisor.cd')
  const admin = user('orgadmin.cd')
  if (!cd || !gs || !worker || !supervisor || !admin) return 0
  const box = createSecretBox(config.dataKeys)
  const passwordHash = await options.hashPassword(DEMO_PASSWORD)

  return db.transaction(async (tx) => {
    let filed = await fileClosedRecords(tx, config)

    // A third keeper, so that a destruction can be asked by one and approved by two others.
    const [archivist] = await tx
      .insert(schema.users)
      .values({
        email: DEMO_ARCHIVIST_EMAIL,
        displayName: '档案管理员 周敏',
        passwordHash,
        isVolunteer: false,
        isDemo: true,
      })
      .onConflictDoNothing()
      .returning({ id: schema.users.id })
    if (archivist)
      await tx.insert(schema.memberships).values({ orgId: cd, userId: archivist.id, role: 'supervisor' })

    // An older case, led by the supervisor when she was still a caseworker, lent to worker.cd.
    const [recipient] = await tx
      .select({ id: schema.recipients.id, code: schema.recipients.code })
      .from(schema.recipients)
      .where(and(eq(schema.recipients.orgId, cd), eq(schema.recipients.status, 'active')))
      .orderBy(asc(schema.recipients.code))
      .limit(1)
    if (recipient) {
      const opened = ago(820)
      const closed = ago(700)
      const [old] = await tx
        .insert(schema.cases)
        .values({
          orgId: cd,
          recipientId: recipient.id,
          code: `C${day(-820).slice(0, 4)}-0901`,
          stage: 'follow_up',
          status: 'closed',
          leadWorkerId: supervisor,
          openedAt: opened,
          closedAt: closed,
          createdBy: supervisor,
          createdAt: opened,
          updatedAt: closed,
        })
        .returning()
      await tx
        .insert(schema.caseWorkers)
        .values({ caseId: old!.id, userId: supervisor, role: 'lead', addedAt: opened })
      await tx.insert(schema.caseRecords).values({
        caseId: old!.id,
        kind: 'closure',
        status: 'approved',
        contentSealed: box.seal(
          JSON.stringify({
            reason: 'goals_met',
            changesConsolidated: '服务对象已回到原单位工作，家庭关系改善。',
            relationshipEnded: '提前告知结案，服务对象表示理解。',
            followUpPlan: '结案后三个月电话回访。',
          }),
        ),
        authorId: supervisor,
        submittedAt: ago(702),
        decidedBy: admin,
        decidedAt: closed,
        decisionCommentSealed: box.seal('同意结案。'),
        createdAt: ago(702),
      })
      await tx.insert(schema.caseEvents).values([
        { caseId: old!.id, at: opened, actorId: supervisor, kind: 'opened', details: { code: old!.code } },
        {
          caseId: old!.id,
          at: closed,
          actorId: admin,
          kind: 'approved',
          details: { kind: 'closure', version: 1 },
        },
      ])
      const a = await fileRecord(tx, config, closed, {
        recordType: 'case',
        subjectId: old!.id,
        orgId: cd,
        closedAt: closed,
        title: caseTitle(old!.code, recipient.code),
        recipientId: recipient.id,
        actorId: admin,
      })
      filed++
      const [b] = await tx
        .insert(schema.archiveBorrowings)
        .values({
          archiveId: a.id,
          requesterId: worker,
          purpose: '撰写同类个案的服务计划，参考该个案的评估与结案经验。',
          dueOn: day(10),
          status: 'approved',
          requestedAt: ago(2),
          decidedBy: admin,
          decidedAt: ago(1),
          decisionNote: '请按时归还，勿复制外传。',
        })
        .returning()
      await archiveEvent(tx, a.id, worker, 'borrow_requested', ago(2), {
        borrowingId: b!.id,
        dueOn: b!.dueOn,
      })
      await archiveEvent(tx, a.id, admin, 'borrow_approved', ago(1), { borrowingId: b!.id })
    }

    // Older complaints: one past retention awaiting the second approval, one destroyed.
    const oldComplaint = async (n: number, closedDaysAgo: number, subject: string, body: string) => {
      const closedAt = ago(closedDaysAgo)
      const [c] = await tx
        .insert(schema.complaints)
        .values({
          orgId: cd,
          trackingCode: `TS-ARCH000${n}`,
          secretHash: `demo-archive-${n}`.padEnd(64, '0'),
          kind: 'complaint',
          category: 'service_quality',
          subject,
          body,
          channel: 'public_form',
          status: 'closed',
          assigneeId: supervisor,
          assignedAt: ago(closedDaysAgo + 10),
          dueAt: ago(closedDaysAgo + 5),
          answer: '已核实并改进，感谢您的意见。',
          answeredBy: supervisor,
          answeredAt: ago(closedDaysAgo + 3),
          closedAt,
          closedBy: admin,
          closeNote: '已回访。',
          createdAt: ago(closedDaysAgo + 12),
          updatedAt: closedAt,
        })
        .returning()
      await tx.insert(schema.complaintEvents).values([
        { complaintId: c!.id, kind: 'submitted', actorId: null, at: ago(closedDaysAgo + 12) },
        { complaintId: c!.id, kind: 'closed', actorId: admin, at: closedAt, note: '已回访。' },
      ])
      filed++
      return {
        complaint: c!,
        archive: await fileRecord(tx, config, closedAt, {
          recordType: 'complaint',
          subjectId: c!.id,
          orgId: cd,
          closedAt,
          title: c!.trackingCode,
          actorId: admin,
        }),
      }
    }
    const keeper3 = archivist?.id ?? admin
    const due = await oldComplaint(
      1,
      6 * 365 + 30,
      '活动通知发得太晚',
      '社区活动的通知前一天才发，老人来不及安排。',
    )
    await archiveEvent(tx, due.archive.id, null, 'due', ago(40), { retainUntil: due.archive.retainUntil })
    const [pending] = await tx
      .insert(schema.archiveDestructions)
      .values({
        archiveId: due.archive.id,
        requestedBy: supervisor,
        requestedAt: ago(3),
        reason: '保管期限已满，内容无继续保存价值，按档案管理制度申请销毁。',
        firstApproverId: admin,
        firstApprovedAt: ago(2),
      })
      .returning()
    await archiveEvent(tx, due.archive.id, supervisor, 'destruction_requested', ago(3), {
      destructionId: pending!.id,
    })
    await archiveEvent(tx, due.archive.id, admin, 'destruction_approved', ago(2), {
      destructionId: pending!.id,
      step: 1,
    })

    const gone = await oldComplaint(2, 8 * 365, '热线无人接听', '周末拨打机构热线无人接听。')
    const destroyedAt = ago(60)
    await tx
      .update(schema.complaints)
      .set({
        subject: DESTROYED_MARKER,
        body: DESTROYED_MARKER,
        answer: DESTROYED_MARKER,
        closeNote: DESTROYED_MARKER,
      })
      .where(eq(schema.complaints.id, gone.complaint.id))
    await tx
      .update(schema.complaintEvents)
      .set({ note: null })
      .where(eq(schema.complaintEvents.complaintId, gone.complaint.id))
    const purged = { complaints: 1, eventNotes: 1 }
    const [destruction] = await tx
      .insert(schema.archiveDestructions)
      .values({
        archiveId: gone.archive.id,
        requestedBy: supervisor,
        requestedAt: ago(65),
        reason: '保管期限已满，按制度销毁。',
        status: 'approved',
        firstApproverId: admin,
        firstApprovedAt: ago(63),
        secondApproverId: keeper3,
        secondApprovedAt: destroyedAt,
        purged,
      })
      .returning()
    await tx
      .update(schema.archives)
      .set({ status: 'destroyed', destroyedAt, updatedAt: destroyedAt })
      .where(eq(schema.archives.id, gone.archive.id))
    await archiveEvent(tx, gone.archive.id, supervisor, 'destruction_requested', ago(65), {
      destructionId: destruction!.id,
    })
    await archiveEvent(tx, gone.archive.id, admin, 'destruction_approved', ago(63), {
      destructionId: destruction!.id,
      step: 1,
    })
    await archiveEvent(tx, gone.archive.id, keeper3, 'destroyed', destroyedAt, {
      destructionId: destruction!.id,
      ...purged,
    })

    // An older incident of a project handed over to the Gansu agency, waiting for its answer.
    const occurred = ago(3 * 365)
    const [incident] = await tx
      .insert(schema.incidents)
      .values({
        orgId: cd,
        type: 'injury',
        severity: 'general',
        occurredAt: occurred,
        place: '书院街社区活动中心二楼手工室',
        summary: '手工活动中一名志愿者被剪刀划伤手指，现场包扎处理。',
        status: 'closed',
        reportedBy: worker,
        reviewSummary: '伤口轻微，当日处理完毕。',
        reviewCauses: '剪刀未统一收纳。',
        reviewLessons: '手工活动工具统一发放、统一回收。',
        closedBy: supervisor,
        closedAt: ago(3 * 365 - 2),
        createdAt: occurred,
      })
      .returning()
    const moving = await fileRecord(tx, config, incident!.closedAt!, {
      recordType: 'incident',
      subjectId: incident!.id,
      orgId: cd,
      closedAt: incident!.closedAt!,
      title: incidentTitle(occurred),
      actorId: supervisor,
    })
    filed++
    await tx
      .update(schema.archives)
      .set({
        transferToOrgId: gs,
        transferRequestedBy: supervisor,
        transferRequestedAt: ago(1),
        transferReason: '该项目已整体移交甘肃机构运营，相关档案随项目移交。',
      })
      .where(eq(schema.archives.id, moving.id))
    await archiveEvent(tx, moving.id, supervisor, 'transfer_requested', ago(1), { toOrgId: gs })
    return filed
  })
}
