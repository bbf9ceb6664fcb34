import { type Db, demoOrgs, schema } from '@liandong/db'
import { eq, inArray, sql } from 'drizzle-orm'
import { badgeRules, pointsFor, regionSettingFor } from '../modules/rewards/rewards.rules.ts'
import { shanghaiDate } from '../modules/volunteers/age.ts'

// Past service for the demo volunteers, so stars, points, badges and the approval queue show on
// first start: approved off-platform service records (at different totals, hence different star
// levels), a pending one awaiting the agency, and the ledger and badges the approvals would have
// written. Deterministic apart from dates, which sit in the weeks before `now`.

const DAY = 86_400_000
const plans: Array<{ email: string; approvedHours: number[]; pendingHours: number; leaderboard: boolean }> = [
  // ★★ (300 h and more)
  {
    email: 'volunteer@demo.liandong.cn',
    approvedHours: [120, 96, 64, 42],
    pendingHours: 3,
    leaderboard: true,
  },
  // ★ (100 h and more)
  { email: 'volunteer.gs@demo.liandong.cn', approvedHours: [60, 44, 12], pendingHours: 4, leaderboard: true },
]

const activities = [
  ['社区助老陪伴', '为独居老人上门陪伴、读报和代购', '独居老人'],
  ['退役军人关爱走访', '走访优抚对象家庭，了解需求并协助政策咨询', '优抚对象'],
  ['低保家庭学生课业辅导', '为低保家庭学生辅导功课', '低保家庭学生'],
  ['社区卫生宣传', '协助开展慢病防控与急救知识宣传', '社区居民'],
] as const

export async function seedDemoVolunteerActivity(db: Db, now = new Date()): Promise<number> {
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(schema.serviceRecords)
  if ((existing?.n ?? 0) > 0) return 0
  const agency = demoOrgs.find((o) => o.key === 'cd-agency')!
  const [org] = await db
    .select({ id: schema.organizations.id })
    .from(schema.organizations)
    .where(eq(schema.organizations.creditCode, agency.creditCode))
  const users = await db
    .select({ id: schema.users.id, email: schema.users.email })
    .from(schema.users)
    .where(
      inArray(
        schema.users.email,
        plans.map((p) => p.email),
      ),
    )
  if (!org || users.length === 0) return 0
  let written = 0
  await db.transaction(async (tx) => {
    for (const plan of plans) {
      const user = users.find((u) => u.email === plan.email)
      if (!user) continue
      const setting = await regionSettingFor(tx, user.id)
      let minutes = 0
      const record = async (hours: number, i: number, status: 'approved' | 'pending') => {
        const [activity, content, group] = activities[i % activities.length]!
        const [row] = await tx
          .insert(schema.serviceRecords)
          .values({
            userId: user.id,
            orgId: org.id,
            source: 'self_report',
            activityName: activity,
            serviceDate: shanghaiDate(new Date(now.getTime() - (10 + i * 12) * DAY)),
            place: agency.address,
            recipientGroup: group,
            content,
            minutes: hours * 60,
            evidence: '活动签到表（纸质，存机构档案）',
            activityLead: '张晓燕',
            recorderName: '张晓燕',
            status,
            reviewedAt: status === 'approved' ? new Date(now.getTime() - (8 + i * 12) * DAY) : null,
          })
          .returning({ id: schema.serviceRecords.id })
        written++
        if (status !== 'approved') return
        minutes += hours * 60
        await tx.insert(schema.pointLedger).values({
          userId: user.id,
          delta: pointsFor(hours * 60, setting),
          reason: 'service',
          recordId: row!.id,
        })
      }
      for (const [i, hours] of plan.approvedHours.entries()) await record(hours, i, 'approved')
      await record(plan.pendingHours, plan.approvedHours.length, 'pending')
      const earned = badgeRules.filter((b) => b.minutes !== undefined && minutes >= b.minutes)
      if (earned.length)
        await tx.insert(schema.badges).values(earned.map((b) => ({ userId: user.id, badge: b.badge })))
      await tx
        .update(schema.volunteerProfiles)
        .set({ leaderboardOptIn: plan.leaderboard })
        .where(eq(schema.volunteerProfiles.userId, user.id))
    }
  })
  return written
}
