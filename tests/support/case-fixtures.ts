import { createHash, randomBytes } from 'node:crypto'
import type { OrgRole } from '@liandong/db'
import { type Db, schema } from '@liandong/db'
import { sessionFor } from './volunteer-fixtures.ts'

// Stage documents of a case as a worker fills them in, and extra staff for the scope tests.

const shanghaiDay = (at: Date, days = 0) =>
  new Date(at.getTime() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)

export const caseDocs = (now: Date) => ({
  intake: {
    source: 'community',
    collectedInfo: '社区网格员转来：独居退役军人，髋关节术后行动不便，子女在外地。',
    initialProblems: '术后康复训练缺乏；独居缺少照护；情绪低落。',
    agreement: {
      signedOn: shanghaiDay(now, -1),
      signedBy: 'self',
      services: '康复资源链接、心理支持、每两周一次家访',
    },
  },
  assessment: {
    needs: [
      {
        category: 'rehabilitation',
        description: '每周两次康复训练',
        causes: '术后未做系统康复',
        priority: 1,
      },
      { category: 'psychological', description: '情绪低落、孤独', causes: '独居，社会支持薄弱', priority: 2 },
    ],
    strengths: '本人意愿强，战友关系好。',
    risk: 'medium',
    summary: '以康复为先，同时重建社会支持网络。',
  },
  plan: {
    purpose: '恢复行走能力，重建社会支持网络。',
    goals: [{ text: '三个月内独立行走 500 米' }, { text: '每周至少两次与战友或邻里联系' }],
    strategy: '链接社区康复资源，运用构建社会支持网络技术。',
    steps: [
      { action: '链接康复医院上门康复', due: shanghaiDay(now, 14), owner: 'worker' },
      { action: '参加战友茶话会', due: shanghaiDay(now, 30), owner: 'recipient' },
    ],
    startsOn: shanghaiDay(now),
    endsOn: shanghaiDay(now, 90),
    risks: [{ risk: '术后跌倒', contingency: '家访时评估居家安全，安装扶手' }],
    roles: { worker: '链接资源、每两周家访', recipient: '坚持训练、主动联系战友' },
    indicators: [
      { kind: 'process', text: '康复训练出勤率', target: '≥ 80%' },
      { kind: 'outcome', text: '独立行走距离', target: '500 米' },
    ],
  },
  note: {
    heldOn: shanghaiDay(now),
    method: 'casework',
    technique: 'support_network',
    content: '家访，与服务对象一起联系了两位战友，约定下周茶话会。',
    progress: '服务对象情绪明显好转。',
  },
  evaluation: {
    results: [
      { indicator: 0, result: '出勤 22/24 次', attainment: 'met' },
      { indicator: 1, result: '可独立行走约 400 米', attainment: 'partly_met' },
    ],
    objectiveData: '康复医院训练记录；步行测试。',
    recipientFeedback: '“腿脚利索多了，也不那么闷了。”',
    summary: '目标基本达成，社会支持网络已建立。',
  },
  closure: {
    reason: 'goals_met',
    changesConsolidated: '与战友建立固定联系，社区康复站每周训练。',
    relationshipEnded: '提前两次告知结案，服务对象表示理解，情绪平稳。',
    followUpPlan: '结案后一个月电话回访。',
  },
  followUp: {
    contactedOn: shanghaiDay(now),
    method: 'phone',
    state: 'stable',
    notes: '电话回访，训练坚持中。',
  },
})

let counter = 0

/** An extra staff member of an organization, signed in (cookie), without a password hash. */
export async function makeStaff(db: Db, orgId: string, role: OrgRole, name = '测试社工', now = new Date()) {
  const n = `${process.pid}${++counter}${randomBytes(2).toString('hex')}`
  const [user] = await db
    .insert(schema.users)
    .values({
      email: `staff${n}@test.liandong.cn`,
      displayName: `${name}${counter}`,
      passwordHash: createHash('sha256').update(n).digest('hex'),
      isVolunteer: false,
      // Staff must enrol in two-step sign-in unless they are demo accounts (the tests sign in by session).
      isDemo: true,
    })
    .returning({ id: schema.users.id })
  await db.insert(schema.memberships).values({ orgId, userId: user!.id, role })
  return { userId: user!.id, cookie: await sessionFor(db, user!.id, now), name: `${name}${counter}` }
}

/** The smallest valid PNG (1×1), and bytes that only claim to be one. */
export const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
