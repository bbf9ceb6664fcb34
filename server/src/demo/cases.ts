import { type Db, demoOrgs, schema } from '@liandong/db'
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { createSecretBox } from '../crypto/secret-box.ts'

// Cases on first start (issue 6, items 2–3): the demo agencies' workers have cases in every stage —
// one just opened, an assessment waiting for the supervisor, a plan returned with a comment, one in
// intervention with a need posted from it, one closed with a follow-up, one referred out at intake
// and one being handed to the supervisor. Written straight into the tables (sealed as the cases
// service seals them), once only.

const DAY = 86_400_000
type Kind = schema.CaseRecordKind
type Status = schema.CaseRecordStatus
type Stage = schema.CaseStage

const intake = (info: string, problems: string, services: string, signedOn: string) => ({
  source: 'community',
  collectedInfo: info,
  initialProblems: problems,
  agreement: { signedOn, signedBy: 'self', services, frequency: '每两周一次家访' },
})
const assessment = (needs: [string, string, string][], summary: string) => ({
  needs: needs.map(([category, description, causes], i) => ({
    category,
    description,
    causes,
    priority: i + 1,
  })),
  strengths: '本人有改变意愿，家人愿意配合。',
  risk: 'medium',
  summary,
})
const plan = (day: (n: number) => string, goals: string[], strategy: string, from = 0) => ({
  purpose: '协助服务对象恢复社会功能，链接所需资源。',
  goals: goals.map((text) => ({ text })),
  strategy,
  steps: [
    { action: '链接对应资源并完成转介', due: day(from + 14), owner: 'worker' },
    { action: '服务对象按计划参加服务', due: day(from + 45), owner: 'recipient' },
    { action: '中期回顾服务计划', due: day(from + 60), owner: 'together' },
  ],
  startsOn: day(from),
  endsOn: day(from + 90),
  risks: [{ risk: '服务对象中途退出', contingency: '每两周家访，及时调整安排' }],
  roles: { worker: '链接资源、定期家访、记录进展', recipient: '按时参加服务，遇到困难及时告知' },
  indicators: [
    { kind: 'process', text: '按计划参加服务的比例', target: '≥ 80%' },
    { kind: 'outcome', text: '主要需求得到解决', target: '服务对象自评改善' },
  ],
})
const note = (heldOn: string, method: string, technique: string, content: string, progress: string) => ({
  heldOn,
  method,
  technique,
  content,
  progress,
})

interface Details {
  household: { name: string; relation: string; birthYear?: number }[]
  health: string
  income: string
  military?: string
}
const CD_DETAILS: Details[] = [
  {
    household: [{ name: '陈桂兰', relation: '配偶', birthYear: 1961 }],
    health: '高血压，服药控制',
    income: '退休金每月约 3,600 元',
    military: '1979–1992 年服役，陆军某部，三等功一次',
  },
  {
    household: [{ name: '李芳', relation: '女儿', birthYear: 1988 }],
    health: '糖尿病',
    income: '军休费，无其他收入',
    military: '1968–1990 年服役，团职干部',
  },
  {
    household: [
      { name: '周敏', relation: '配偶', birthYear: 1990 },
      { name: '周小宇', relation: '儿子', birthYear: 2017 },
    ],
    health: '腰肌劳损',
    income: '失业，领取失业保险金；配偶患病',
    military: '2008–2016 年服役，退役士兵',
  },
  {
    household: [],
    health: '髋关节置换术后，行走需助行器（肢体四级残疾）',
    income: '退役金每月约 2,800 元，享受临时救助',
    military: '1975–1983 年服役',
  },
  {
    household: [{ name: '黄建', relation: '儿子', birthYear: 1972 }],
    health: '年老体弱',
    income: '烈士遗属定期抚恤金',
    military: '配偶 1979 年牺牲，烈士',
  },
  {
    household: [
      { name: '胡晓', relation: '女儿', birthYear: 2015 },
      { name: '胡乐', relation: '儿子', birthYear: 2019 },
    ],
    health: '良好',
    income: '家庭月收入约 4,000 元',
    military: '配偶现役',
  },
]
const GS_DETAILS: Details[] = [
  {
    household: [
      { name: '马秀英', relation: '母亲', birthYear: 1948 },
      { name: '马福', relation: '父亲', birthYear: 1946 },
    ],
    health: '父母均患慢性病（高血压、慢阻肺）',
    income: '低保，家庭人均月收入约 600 元',
  },
  { household: [], health: '精神疾病急性期', income: '无固定收入' },
]

interface DemoCase {
  region: 'cd' | 'gs'
  stage: Stage
  status: 'open' | 'closed' | 'referred_out'
  openedDaysAgo: number
  records: {
    kind: Kind
    status: Status
    content: object
    daysAgo: number
    comment?: string
    version?: number
  }[]
  transferToSupervisor?: boolean
  linkNeed?: boolean
}

function demoCases(day: (offset: number) => string): DemoCase[] {
  const rehab = intake(
    '社区网格员转介：独居退役军人，髋关节术后行动不便，子女在外地工作。',
    '术后康复训练缺乏；独居缺少照护；情绪低落。',
    '康复资源链接、心理支持、定期家访',
    day(-40),
  )
  const rehabAssessment = assessment(
    [
      ['rehabilitation', '每周两次康复训练', '术后未做系统康复'],
      ['psychological', '情绪低落、孤独', '独居，社会支持薄弱'],
    ],
    '以康复为先，同时重建社会支持网络。',
  )
  const rehabPlan = plan(
    day,
    ['三个月内独立行走 500 米', '每周至少两次与战友或邻里联系'],
    '链接社区康复资源，运用构建社会支持网络技术。',
    -26,
  )
  return [
    { region: 'cd', stage: 'intake', status: 'open', openedDaysAgo: 1, records: [] },
    {
      region: 'cd',
      stage: 'assessment',
      status: 'open',
      openedDaysAgo: 12,
      records: [
        {
          kind: 'intake',
          status: 'recorded',
          content: intake(
            '军休干部，老伴去世后独居，主动来电求助。',
            '丧偶后情绪低落，生活照料困难。',
            '心理支持、照护安排',
            day(-12),
          ),
          daysAgo: 12,
        },
        {
          kind: 'assessment',
          status: 'submitted',
          content: assessment(
            [
              ['psychological', '丧偶后的哀伤与孤独', '缺少倾诉对象'],
              ['care', '日常生活照料', '高龄、慢性病'],
            ],
            '哀伤辅导为先，同时安排居家照护。',
          ),
          daysAgo: 2,
        },
      ],
    },
    {
      region: 'cd',
      stage: 'planning',
      status: 'open',
      openedDaysAgo: 25,
      records: [
        {
          kind: 'intake',
          status: 'recorded',
          content: intake(
            '退役士兵，失业半年，妻子患病。',
            '就业困难；家庭经济压力大。',
            '就业资源链接、政策咨询',
            day(-25),
          ),
          daysAgo: 25,
        },
        {
          kind: 'assessment',
          status: 'approved',
          content: assessment(
            [
              ['employment', '尽快稳定就业', '技能与岗位不匹配'],
              ['policy', '了解退役军人就业扶持政策', '不了解政策'],
            ],
            '就业为先，辅以政策咨询。',
          ),
          daysAgo: 15,
          comment: '预估清楚，同意。',
        },
        {
          kind: 'plan',
          status: 'returned',
          content: plan(day, ['两个月内找到稳定工作'], '链接就业服务站，技能培训与岗位推荐。', -3),
          daysAgo: 3,
          comment: '请补充妻子就医期间的家庭照护预案。',
        },
      ],
    },
    {
      region: 'cd',
      stage: 'intervention',
      status: 'open',
      openedDaysAgo: 40,
      linkNeed: true,
      records: [
        { kind: 'intake', status: 'recorded', content: rehab, daysAgo: 40 },
        { kind: 'assessment', status: 'approved', content: rehabAssessment, daysAgo: 33, comment: '同意。' },
        {
          kind: 'plan',
          status: 'approved',
          content: rehabPlan,
          daysAgo: 26,
          comment: '计划可行，注意跌倒风险。',
        },
        {
          kind: 'intervention_note',
          status: 'recorded',
          content: note(
            day(-20),
            'resource_linking',
            'none',
            '为服务对象联系康复医院，完成转介。',
            '康复医院已接收，每周二、五上门。',
          ),
          daysAgo: 20,
          version: 1,
        },
        {
          kind: 'intervention_note',
          status: 'recorded',
          content: note(
            day(-6),
            'casework',
            'support_network',
            '家访，陪同服务对象联系两位战友，约定茶话会。',
            '服务对象情绪明显好转。',
          ),
          daysAgo: 6,
          version: 2,
        },
      ],
    },
    {
      region: 'cd',
      stage: 'follow_up',
      status: 'closed',
      openedDaysAgo: 150,
      records: [
        {
          kind: 'intake',
          status: 'recorded',
          content: intake(
            '烈士遗属，年迈，子女希望得到精神抚慰服务。',
            '思念亲人，情绪低落。',
            '精神抚慰、人生回顾',
            day(-150),
          ),
          daysAgo: 150,
        },
        {
          kind: 'assessment',
          status: 'approved',
          content: assessment([['psychological', '精神抚慰', '思念亲人']], '运用人生回顾疗法。'),
          daysAgo: 140,
          comment: '同意。',
        },
        {
          kind: 'plan',
          status: 'approved',
          content: plan(
            day,
            ['完成人生回顾手册', '参加一次社区纪念活动'],
            '人生回顾疗法与社区活动结合。',
            -130,
          ),
          daysAgo: 130,
          comment: '同意。',
        },
        {
          kind: 'intervention_note',
          status: 'recorded',
          content: note(
            day(-100),
            'casework',
            'life_review',
            '与服务对象一起整理老照片，开始制作人生回顾手册。',
            '服务对象愿意讲述往事。',
          ),
          daysAgo: 100,
          version: 1,
        },
        {
          kind: 'evaluation',
          status: 'recorded',
          content: {
            results: [
              { indicator: 0, result: '参加了 10 次中的 9 次', attainment: 'met' },
              { indicator: 1, result: '手册完成，参加清明纪念活动', attainment: 'met' },
            ],
            objectiveData: '服务记录、人生回顾手册。',
            recipientFeedback: '“把这些事写下来，心里踏实了。”',
            summary: '目标达成，情绪稳定。',
          },
          daysAgo: 45,
        },
        {
          kind: 'closure',
          status: 'approved',
          content: {
            reason: 'goals_met',
            changesConsolidated: '社区志愿者每月探访。',
            relationshipEnded: '提前告知结案，服务对象表示感谢。',
            followUpPlan: '结案后一个月电话回访。',
          },
          daysAgo: 40,
          comment: '同意结案。',
        },
        {
          kind: 'follow_up',
          status: 'recorded',
          content: {
            contactedOn: day(-10),
            method: 'phone',
            state: 'stable',
            notes: '电话回访，情绪稳定，志愿者按月探访。',
          },
          daysAgo: 10,
          version: 1,
        },
      ],
    },
    {
      region: 'cd',
      stage: 'assessment',
      status: 'open',
      openedDaysAgo: 5,
      transferToSupervisor: true,
      records: [
        {
          kind: 'intake',
          status: 'recorded',
          content: intake(
            '现役军人家属，独自照顾两个孩子。',
            '照护压力大，孩子入学问题。',
            '就学资源、喘息服务',
            day(-5),
          ),
          daysAgo: 5,
        },
      ],
    },
    {
      region: 'gs',
      stage: 'intervention',
      status: 'open',
      openedDaysAgo: 30,
      records: [
        {
          kind: 'intake',
          status: 'recorded',
          content: intake(
            '低保户，家中两位老人患慢性病。',
            '医疗费用负担重；照护困难。',
            '医疗救助政策咨询、资源链接',
            day(-30),
          ),
          daysAgo: 30,
        },
        {
          kind: 'assessment',
          status: 'approved',
          content: assessment(
            [
              ['medical', '慢性病用药费用', '收入低'],
              ['policy', '医疗救助申请', '不了解流程'],
            ],
            '协助申请医疗救助，链接家庭医生。',
          ),
          daysAgo: 24,
          comment: '同意。',
        },
        {
          kind: 'plan',
          status: 'approved',
          content: plan(day, ['完成医疗救助申请', '签约家庭医生'], '政策咨询与资源链接。', -18),
          daysAgo: 18,
          comment: '同意。',
        },
        {
          kind: 'intervention_note',
          status: 'recorded',
          content: note(
            day(-8),
            'resource_linking',
            'none',
            '陪同服务对象到街道提交医疗救助申请材料。',
            '材料已受理。',
          ),
          daysAgo: 8,
          version: 1,
        },
      ],
    },
    {
      region: 'gs',
      stage: 'intake',
      status: 'referred_out',
      openedDaysAgo: 20,
      records: [
        {
          kind: 'referral_out',
          status: 'recorded',
          content: {
            source: 'government',
            collectedInfo: '流浪人员，由救助站送来，需要长期精神科治疗。',
            initialProblems: '精神疾病，无固定住所。',
            reason: '超出本机构服务能力，需专科医疗机构。',
            referredTo: '兰州市第三人民医院',
            referredOn: day(-19),
          },
          daysAgo: 19,
        },
      ],
    },
  ]
}

export async function seedDemoCases(
  db: Db,
  options: { dataKeys: { current: Buffer; previous: Buffer[] }; now?: Date },
): Promise<number> {
  const now = options.now ?? new Date()
  const [done] = await db.select({ n: sql<number>`count(*)::int` }).from(schema.cases)
  if ((done?.n ?? 0) > 0) return 0
  const box = createSecretBox(options.dataKeys)
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
        ['worker.cd', 'supervisor.cd', 'worker.gs', 'supervisor.gs'].map((w) => `${w}@demo.liandong.cn`),
      ),
    )
  const user = (w: string) => people.find((p) => p.email === `${w}@demo.liandong.cn`)?.id
  const regions = {
    cd: { orgId: org('cd-agency'), worker: user('worker.cd'), supervisor: user('supervisor.cd') },
    gs: { orgId: org('gs-agency'), worker: user('worker.gs'), supervisor: user('supervisor.gs') },
  }
  if (Object.values(regions).some((r) => !r.orgId || !r.worker || !r.supervisor)) return 0
  const year = day(0).slice(0, 4)
  const plans = demoCases(day)
  const seq = { cd: 0, gs: 0 }
  let made = 0
  await db.transaction(async (tx) => {
    for (const region of ['cd', 'gs'] as const) {
      const r = regions[region]
      const wanted = plans.filter((p) => p.region === region)
      // The agency's oldest recipients, one per case.
      const people = await tx
        .select({ id: schema.recipients.id })
        .from(schema.recipients)
        .where(and(eq(schema.recipients.orgId, r.orgId!), eq(schema.recipients.status, 'active')))
        .orderBy(asc(schema.recipients.code))
        .limit(wanted.length)
      for (const [i, p] of wanted.entries()) {
        const recipient = people[i]
        if (!recipient) break
        const lead = r.worker!
        const opened = ago(p.openedDaysAgo)
        const last = p.records.at(-1)
        const [row] = await tx
          .insert(schema.cases)
          .values({
            orgId: r.orgId!,
            recipientId: recipient.id,
            code: `C${year}-${String(++seq[region]).padStart(4, '0')}`,
            stage: p.stage,
            status: p.status,
            leadWorkerId: lead,
            openedAt: opened,
            closedAt: p.status === 'open' ? null : ago(last?.daysAgo ?? 0),
            createdBy: lead,
            createdAt: opened,
            updatedAt: last ? ago(last.daysAgo) : opened,
            ...(p.transferToSupervisor
              ? { transferTo: r.supervisor!, transferRequestedBy: lead, transferRequestedAt: ago(1) }
              : {}),
          })
          .returning({ id: schema.cases.id })
        const caseId = row!.id
        await tx.insert(schema.caseWorkers).values({ caseId, userId: lead, role: 'lead', addedAt: opened })
        // The recipient's household, health, income and service details, sealed as the recipients service seals them.
        const details =
          region === 'cd' ? CD_DETAILS[i % CD_DETAILS.length]! : GS_DETAILS[i % GS_DETAILS.length]!
        await tx
          .update(schema.recipients)
          .set({
            householdSealed: details.household.length ? box.seal(JSON.stringify(details.household)) : null,
            householdSize: details.household.length || null,
            healthSealed: box.seal(details.health),
            incomeSealed: box.seal(details.income),
            militarySealed: details.military ? box.seal(details.military) : null,
          })
          .where(eq(schema.recipients.id, recipient.id))
        const events: (typeof schema.caseEvents.$inferInsert)[] = [
          { caseId, at: opened, actorId: lead, kind: 'opened', details: {} },
        ]
        for (const rec of p.records) {
          const at = ago(rec.daysAgo)
          const decided = rec.status === 'approved' || rec.status === 'returned'
          await tx.insert(schema.caseRecords).values({
            caseId,
            kind: rec.kind,
            version: rec.version ?? 1,
            status: rec.status,
            contentSealed: box.seal(JSON.stringify(rec.content)),
            authorId: lead,
            submittedAt: rec.status === 'draft' ? null : decided ? ago(rec.daysAgo + 1) : at,
            decidedBy: decided ? r.supervisor! : null,
            decidedAt: decided ? at : null,
            decisionCommentSealed: rec.comment ? box.seal(rec.comment) : null,
            createdAt: decided ? ago(rec.daysAgo + 1) : at,
            updatedAt: at,
          })
          events.push({
            caseId,
            at,
            actorId: decided ? r.supervisor! : lead,
            kind: rec.status === 'recorded' ? 'recorded' : rec.status,
            details: { kind: rec.kind, version: rec.version ?? 1 },
          })
        }
        if (p.transferToSupervisor)
          events.push({
            caseId,
            at: ago(1),
            actorId: lead,
            kind: 'transfer_requested',
            details: { to: r.supervisor! },
          })
        await tx.insert(schema.caseEvents).values(events)
        // The who-viewed log is not empty on a demo case: the worker and the supervisor opened it.
        await tx.insert(schema.caseViews).values([
          { caseId, userId: lead, what: 'case', at: ago(Math.max(0, (last?.daysAgo ?? 1) - 0.2)) },
          { caseId, userId: r.supervisor!, what: 'case', at: ago(Math.max(0, (last?.daysAgo ?? 1) - 0.5)) },
        ])
        if (p.linkNeed) {
          // The recipient's needs were posted for this case's work.
          await tx
            .update(schema.needs)
            .set({ caseId })
            .where(and(eq(schema.needs.recipientId, recipient.id), isNull(schema.needs.caseId)))
        }
        made++
      }
    }
  })
  return made
}
