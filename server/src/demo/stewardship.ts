import { createHash, randomBytes } from 'node:crypto'
import { type Db, demoOrgs, schema } from '@liandong/db'
import { inArray, sql } from 'drizzle-orm'
import { createSecretBox } from '../crypto/secret-box.ts'
import { addWorkingDays, shanghaiDay } from '../modules/complaints/working-days.ts'

// Service assurance on first start (issue 6, items 4, 6, 7): complaints at every stage of the
// desk, a closed incident with its log and review, an emergency plan and a drill, supervision
// records and qualifications — one of them about to expire. Once only.

const DAY = 86_400_000
const HOUR = 3_600_000
const ANSWER_DAYS = 5

export async function seedDemoStewardship(
  db: Db,
  options: { dataKeys: { current: Buffer; previous: Buffer[] }; now?: Date },
): Promise<boolean> {
  const now = options.now ?? new Date()
  const [done] = await db.select({ n: sql<number>`count(*)::int` }).from(schema.complaints)
  if ((done?.n ?? 0) > 0) return false
  const orgRows = await db
    .select({ id: schema.organizations.id, creditCode: schema.organizations.creditCode })
    .from(schema.organizations)
  const org = (key: string) =>
    orgRows.find((o) => o.creditCode === demoOrgs.find((d) => d.key === key)!.creditCode)?.id
  const emails = [
    'worker.cd@demo.liandong.cn',
    'supervisor.cd@demo.liandong.cn',
    'orgadmin.cd@demo.liandong.cn',
    'worker.gs@demo.liandong.cn',
    'supervisor.gs@demo.liandong.cn',
    'volunteer@demo.liandong.cn',
  ]
  const users = await db
    .select({ id: schema.users.id, email: schema.users.email })
    .from(schema.users)
    .where(inArray(schema.users.email, emails))
  const user = (email: string) => users.find((u) => u.email === email)?.id
  const agency = org('cd-agency')
  const gsAgency = org('gs-agency')
  const worker = user('worker.cd@demo.liandong.cn')
  const supervisor = user('supervisor.cd@demo.liandong.cn')
  const admin = user('orgadmin.cd@demo.liandong.cn')
  const gsWorker = user('worker.gs@demo.liandong.cn')
  const gsSupervisor = user('supervisor.gs@demo.liandong.cn')
  const volunteer = user('volunteer@demo.liandong.cn')
  if (!agency || !gsAgency || !worker || !supervisor || !admin || !gsWorker || !gsSupervisor || !volunteer)
    return false

  const calendarRows = await db.select().from(schema.calendarDays)
  const calendar = new Map(calendarRows.map((r) => [r.day, r.kind]))
  const box = createSecretBox(options.dataKeys)
  const ago = (ms: number) => new Date(now.getTime() - ms)
  const day = (offsetDays: number) => shanghaiDay(new Date(now.getTime() + offsetDays * DAY))
  // Demo complaints are followed by account (the volunteer's) or through the desk; their secret
  // links are not shown anywhere, so a random secret is hashed and forgotten.
  const secretHash = () => createHash('sha256').update(randomBytes(24)).digest('hex')
  const code = (n: number) => `TS-DEM${String(n).padStart(5, '0')}`

  await db.transaction(async (tx) => {
    const complaint = async (
      n: number,
      submittedAt: Date,
      values: Partial<typeof schema.complaints.$inferInsert> &
        Pick<typeof schema.complaints.$inferInsert, 'subject' | 'body' | 'kind' | 'category'>,
      events: {
        kind: 'submitted' | 'assigned' | 'answered' | 'rated' | 'closed'
        at: Date
        actorId: string | null
      }[],
    ) => {
      const [row] = await tx
        .insert(schema.complaints)
        .values({
          orgId: agency,
          trackingCode: code(n),
          secretHash: secretHash(),
          channel: 'public_form',
          dueAt: addWorkingDays(submittedAt, ANSWER_DAYS, calendar),
          createdAt: submittedAt,
          ...values,
        })
        .returning()
      await tx
        .insert(schema.complaintEvents)
        .values(events.map((e) => ({ complaintId: row!.id, kind: e.kind, actorId: e.actorId, at: e.at })))
    }

    const fresh = ago(3 * HOUR)
    await complaint(
      1,
      fresh,
      {
        kind: 'complaint',
        category: 'access',
        subject: '热线电话总是占线',
        body: '这周三次打服务中心电话都占线，想咨询优抚政策一直问不到。',
        contactSealed: box.seal('13800005678'),
      },
      [{ kind: 'submitted', at: fresh, actorId: null }],
    )
    const assignedAt = ago(2 * DAY)
    await complaint(
      2,
      ago(3 * DAY),
      {
        kind: 'complaint',
        category: 'service_quality',
        subject: '上门探访时间临时变更',
        body: '约好周二上午探访，当天早上才通知改到下午，家里老人等了一上午。',
        status: 'assigned',
        assigneeId: worker,
        assignedAt,
      },
      [
        { kind: 'submitted', at: ago(3 * DAY), actorId: null },
        { kind: 'assigned', at: assignedAt, actorId: supervisor },
      ],
    )
    const answeredAt = ago(6 * DAY)
    await complaint(
      3,
      ago(9 * DAY),
      {
        kind: 'praise',
        category: 'volunteer',
        subject: '感谢志愿者陪同复诊',
        body: '志愿者林小雨陪我父亲去医院复诊，全程耐心细致，特此表扬。',
        channel: 'account',
        submittedBy: volunteer,
        status: 'closed',
        assigneeId: admin,
        assignedAt: answeredAt,
        answer: '感谢您的肯定！我们已在志愿者例会上转达表扬，并记入志愿服务评价。',
        answeredBy: admin,
        answeredAt,
        satisfaction: 5,
        satisfactionNote: '回复很及时。',
        closedAt: ago(5 * DAY),
      },
      [
        { kind: 'submitted', at: ago(9 * DAY), actorId: volunteer },
        { kind: 'assigned', at: answeredAt, actorId: admin },
        { kind: 'answered', at: answeredAt, actorId: admin },
        { kind: 'rated', at: ago(5 * DAY), actorId: volunteer },
      ],
    )

    // A closed incident with its response log and review.
    const occurred = ago(12 * DAY)
    const [incident] = await tx
      .insert(schema.incidents)
      .values({
        orgId: agency,
        type: 'illness',
        severity: 'major',
        occurredAt: occurred,
        place: '书院街社区活动中心一楼',
        summary: '重阳节活动中一位老人突发胸闷，现场工作人员立即拨打 120 并通知家属。',
        status: 'closed',
        reportedBy: worker,
        reviewSummary: '老人送医后确诊为心绞痛发作，经治疗已出院，家属对处置表示认可。',
        reviewCauses: '活动时间较长，室内人员密集通风不足；报名时未询问慢病情况。',
        reviewLessons: '大型活动前登记参与者慢病和用药情况；每 45 分钟安排休息并开窗通风；活动中心配备 AED。',
        closedBy: supervisor,
        closedAt: ago(10 * DAY),
        createdAt: occurred,
      })
      .returning()
    await tx.insert(schema.incidentPeople).values([
      { incidentId: incident!.id, role: 'public', note: '社区居民，约 75 岁' },
      { incidentId: incident!.id, role: 'staff', userId: worker },
    ])
    await tx.insert(schema.incidentLogEntries).values([
      {
        incidentId: incident!.id,
        kind: 'action',
        body: '拨打 120，安排老人平卧休息。',
        actorId: worker,
        at: occurred,
      },
      {
        incidentId: incident!.id,
        kind: 'contact',
        body: '已联系老人女儿，其赶往医院。',
        actorId: worker,
        at: new Date(occurred.getTime() + 10 * 60_000),
      },
      {
        incidentId: incident!.id,
        kind: 'note',
        body: '督导到医院了解情况，老人病情稳定。',
        actorId: supervisor,
        at: new Date(occurred.getTime() + 3 * HOUR),
      },
    ])
    const [plan] = await tx
      .insert(schema.emergencyPlans)
      .values({
        orgId: agency,
        title: '服务对象突发疾病与意外伤害应急预案',
        incidentTypes: ['illness', 'injury'],
        body: '一、应急指挥：督导任组长，当班社工任现场负责人。\n二、处置流程：1. 立即拨打 120 并报告督导；2. 安排专人陪护，不随意搬动伤者；3. 通知家属；4. 30 分钟内在平台报告突发事件。\n三、事后：48 小时内完成复盘，更新本预案。',
        attachments: [
          {
            name: '应急联络表.xlsx',
            mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            size: 18_432,
          },
          { name: '活动中心疏散示意图.pdf', mediaType: 'application/pdf', size: 245_760 },
        ],
        version: 2,
        reviewedOn: day(-30),
        updatedBy: supervisor,
      })
      .returning()
    await tx.insert(schema.emergencyDrills).values({
      orgId: agency,
      planId: plan!.id,
      heldOn: day(-20),
      scenario: '社区活动中老人突发晕厥',
      participantCount: 12,
      participants: '社工 4 人，志愿者 8 人',
      lessons: 'AED 位置标识不清，已在活动中心门口张贴指示；志愿者需补充心肺复苏培训。',
      recordedBy: supervisor,
    })

    // Supervision and qualifications.
    await tx.insert(schema.supervisionRecords).values([
      {
        orgId: agency,
        workerId: worker,
        supervisorId: supervisor,
        kind: 'educational',
        format: 'individual',
        heldOn: day(-20),
        minutes: 90,
        topics: '优抚政策更新与预估报告写作',
        notes: '梳理了今年优待抚恤政策的变化；以一个在案个案为例，讨论问题成因分析和需要的优先次序。',
        agreedActions: '两周内修改在案个案的预估报告；阅读政策汇编第三章。',
        nextOn: day(-6),
        acknowledgedAt: ago(19 * DAY),
      },
      {
        orgId: agency,
        workerId: worker,
        supervisorId: supervisor,
        kind: 'supportive',
        format: 'individual',
        heldOn: day(-5),
        minutes: 60,
        topics: '高强度个案带来的情绪压力',
        notes: '讨论了近期危机个案带来的压力，练习情绪觉察，约定每周留出半天案头时间。',
        agreedActions: '每周五下午用于案头整理；必要时申请同伴支持。',
        nextOn: day(9),
      },
      {
        orgId: gsAgency,
        workerId: gsWorker,
        supervisorId: gsSupervisor,
        kind: 'administrative',
        format: 'group',
        heldOn: day(-8),
        minutes: 45,
        topics: '救助对象档案归档规范',
        notes: '统一了低保和特困对象档案的归档目录和命名。',
        agreedActions: '月底前完成上季度档案整理。',
      },
    ])
    await tx.insert(schema.workerQualifications).values([
      {
        orgId: agency,
        userId: worker,
        type: 'national_certificate',
        level: 'assistant_social_worker',
        number: 'Z2023510100123',
        issuer: '人力资源和社会保障部 民政部',
        issuedOn: '2023-11-01',
        // Due for its three-yearly registration soon: the reminder job picks it up.
        expiresOn: day(40),
        verifiedBy: admin,
        verifiedAt: ago(100 * DAY),
        createdBy: admin,
      },
      {
        orgId: agency,
        userId: worker,
        type: 'social_work_degree',
        level: 'bachelor',
        number: '1065112019000456',
        issuer: '西南财经大学',
        issuedOn: '2019-06-30',
        verifiedBy: admin,
        verifiedAt: ago(100 * DAY),
        createdBy: admin,
      },
      {
        orgId: agency,
        userId: supervisor,
        type: 'national_certificate',
        level: 'social_worker',
        number: 'Z2021510100045',
        issuer: '人力资源和社会保障部 民政部',
        issuedOn: '2021-11-01',
        expiresOn: day(700),
        verifiedBy: admin,
        verifiedAt: ago(100 * DAY),
        createdBy: admin,
      },
      {
        orgId: gsAgency,
        userId: gsWorker,
        type: 'social_work_assistant',
        number: 'LZ-SGY-2024-0318',
        issuer: '兰州市民政局',
        issuedOn: '2024-03-18',
        expiresOn: day(480),
        verifiedBy: gsSupervisor,
        verifiedAt: ago(60 * DAY),
        createdBy: gsSupervisor,
      },
    ])
  })
  return true
}
