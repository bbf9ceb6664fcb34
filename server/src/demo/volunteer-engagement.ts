import { randomBytes } from 'node:crypto'
import { certificatesRepo, type Db, type DbOrTx, demoOrgs, enqueueOutbox, schema } from '@liandong/db'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { certificateNumber, orgCode } from '../modules/certificates/certificate.format.ts'
import { pointsFor, regionSettingFor } from '../modules/rewards/rewards.rules.ts'
import { shanghaiDate } from '../modules/volunteers/age.ts'
import { maskLast4 } from '../modules/volunteers/id-number.ts'
import { DEMO_TEEN_EMAIL } from './volunteers.ts'

// The rest of the volunteer journey on first start (issue 4, items 4 and 7–10): a shift within a
// day with its reminder sent, a full shift with a waitlist, a past shift with check-ins, records
// and ratings both ways, a rewards catalogue with a redemption, and certificates — one issued,
// one revoked, one waiting in the agency's queue. Runs after the volunteer demo; once only.

const DAY = 86_400_000
const HOUR = 3_600_000
const VISIT = '书院街社区退役军人家庭探访'

export async function seedDemoVolunteerEngagement(db: Db, now = new Date()): Promise<boolean> {
  const [done] = await db.select({ n: sql<number>`count(*)::int` }).from(schema.certificates)
  if ((done?.n ?? 0) > 0) return false
  const orgRows = await db
    .select({ id: schema.organizations.id, creditCode: schema.organizations.creditCode })
    .from(schema.organizations)
  const org = (key: string) =>
    orgRows.find((o) => o.creditCode === demoOrgs.find((d) => d.key === key)!.creditCode)?.id
  const userRows = await db
    .select({ id: schema.users.id, email: schema.users.email })
    .from(schema.users)
    .where(
      inArray(schema.users.email, [
        'volunteer@demo.liandong.cn',
        'volunteer.gs@demo.liandong.cn',
        DEMO_TEEN_EMAIL,
        'worker.cd@demo.liandong.cn',
        'supervisor.cd@demo.liandong.cn',
      ]),
    )
  const user = (email: string) => userRows.find((u) => u.email === email)?.id
  const agency = org('cd-agency')
  const rehab = org('cd-rehab')
  const lin = user('volunteer@demo.liandong.cn')
  const he = user('volunteer.gs@demo.liandong.cn')
  const teen = user(DEMO_TEEN_EMAIL)
  const worker = user('worker.cd@demo.liandong.cn')
  const supervisor = user('supervisor.cd@demo.liandong.cn')
  const [visit] = await db
    .select()
    .from(schema.opportunities)
    .where(and(eq(schema.opportunities.title, VISIT), eq(schema.opportunities.orgId, agency ?? '')))
  if (!agency || !rehab || !lin || !he || !teen || !worker || !supervisor || !visit) return false
  const shifts = await db
    .select()
    .from(schema.shifts)
    .where(eq(schema.shifts.opportunityId, visit.id))
    .orderBy(asc(schema.shifts.startsAt))
  const past = shifts.find((s) => s.endsAt < now)
  const full = shifts.find((s) => s.startsAt > now && s.capacity === 2)
  const soon = shifts.find((s) => s.startsAt > now && s.capacity > 2)
  if (!past || !full || !soon) return false

  await db.transaction(async (tx) => {
    await shiftsAndReminders(tx, { visit, past, full, soon, lin, he, teen, worker, now })
    await rewardsCatalogue(tx, { agency, rehab, lin, now })
    await certificates(tx, { agency, lin, he, supervisor, now })
    await enqueueOutbox(tx, 'opportunities', 'upsert', visit.id)
  })
  return true
}

type Shift = typeof schema.shifts.$inferSelect
type Opportunity = typeof schema.opportunities.$inferSelect

async function shiftsAndReminders(
  tx: DbOrTx,
  p: {
    visit: Opportunity
    past: Shift
    full: Shift
    soon: Shift
    lin: string
    he: string
    teen: string
    worker: string
    now: Date
  },
) {
  const { visit, past, full, soon, lin, he, teen, worker, now } = p
  // Tomorrow morning-ish: a shift about 20 hours away, so its 24-hour reminder has gone out.
  const startsAt = new Date(Math.ceil((now.getTime() + 20 * HOUR) / (30 * 60_000)) * 30 * 60_000)
  const [tomorrow] = await tx
    .insert(schema.shifts)
    .values({
      opportunityId: visit.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
      capacity: 4,
      confirmedCount: 1,
      qrSecret: randomBytes(32).toString('base64url'),
    })
    .returning()
  const [reminded] = await tx
    .insert(schema.signups)
    .values({ shiftId: tomorrow!.id, userId: lin, status: 'confirmed', remindedDayAt: now, createdAt: now })
    .returning()
  await tx.insert(schema.notifications).values({
    userId: lin,
    kind: 'shift_reminder_day',
    params: { opportunity: visit.title, startsAt: startsAt.toISOString(), address: visit.address },
    link: `/volunteer/signups/${reminded!.id}`,
    createdAt: now,
  })
  // In three days: confirmed; the reminder job sends its reminders when they fall due.
  await tx.insert(schema.signups).values({ shiftId: soon.id, userId: lin, status: 'confirmed' })
  await tx
    .update(schema.shifts)
    .set({ confirmedCount: sql`${schema.shifts.confirmedCount} + 1` })
    .where(eq(schema.shifts.id, soon.id))
  // Two places, both taken; the main demo volunteer waits on the list.
  await tx.insert(schema.signups).values([
    { shiftId: full.id, userId: teen, status: 'confirmed', createdAt: new Date(now.getTime() - 3 * DAY) },
    { shiftId: full.id, userId: he, status: 'confirmed', createdAt: new Date(now.getTime() - 2 * DAY) },
    { shiftId: full.id, userId: lin, status: 'waitlisted', createdAt: new Date(now.getTime() - DAY) },
  ])
  await tx.update(schema.shifts).set({ confirmedCount: 2 }).where(eq(schema.shifts.id, full.id))

  // Last week's visit: both came (roll call), the records wait for or passed review, ratings both ways.
  const came = [
    {
      userId: lin,
      status: 'approved',
      outMin: 175,
      rated: 5,
      note: '准时到达，与老人沟通耐心',
      says: 5,
      said: '探访很有意义，社工安排周到',
    },
    {
      userId: teen,
      status: 'pending',
      outMin: 170,
      rated: 4,
      note: '第一次参加，表现认真',
      says: 4,
      said: '学到了很多，希望下次时间长一点',
    },
  ] as const
  for (const c of came) {
    const [signup] = await tx
      .insert(schema.signups)
      .values({ shiftId: past.id, userId: c.userId, status: 'attended' })
      .returning()
    const checkOutAt = new Date(past.startsAt.getTime() + (c.outMin + 2) * 60_000)
    const [att] = await tx
      .insert(schema.attendance)
      .values({
        signupId: signup!.id,
        shiftId: past.id,
        userId: c.userId,
        checkInAt: new Date(past.startsAt.getTime() + 2 * 60_000),
        checkOutAt,
        method: 'roll_call',
      })
      .returning()
    const [record] = await tx
      .insert(schema.serviceRecords)
      .values({
        userId: c.userId,
        orgId: visit.orgId,
        opportunityId: visit.id,
        shiftId: past.id,
        attendanceId: att!.id,
        source: 'attendance',
        activityName: visit.title,
        serviceDate: shanghaiDate(past.startsAt),
        place: visit.address,
        recipientGroup: visit.recipientGroup,
        content: '陪伴聊天、读报，了解生活需求并反馈给社工',
        minutes: c.outMin,
        evaluation: c.status === 'approved' ? c.note : null,
        activityLead: '张晓燕',
        recorderId: c.status === 'approved' ? worker : null,
        recorderName: c.status === 'approved' ? '张晓燕' : null,
        status: c.status,
        reviewedBy: c.status === 'approved' ? worker : null,
        reviewedAt: c.status === 'approved' ? new Date(past.endsAt.getTime() + DAY) : null,
      })
      .returning()
    if (c.status === 'approved')
      await tx.insert(schema.pointLedger).values({
        userId: c.userId,
        delta: pointsFor(c.outMin, await regionSettingFor(tx, c.userId)),
        reason: 'service',
        recordId: record!.id,
      })
    await tx.insert(schema.shiftEvaluations).values([
      {
        shiftId: past.id,
        opportunityId: visit.id,
        orgId: visit.orgId,
        volunteerId: c.userId,
        direction: 'of_volunteer',
        score: c.rated,
        comment: c.note,
        ratedBy: worker,
      },
      {
        shiftId: past.id,
        opportunityId: visit.id,
        orgId: visit.orgId,
        volunteerId: c.userId,
        direction: 'of_opportunity',
        score: c.says,
        comment: c.said,
        ratedBy: c.userId,
      },
    ])
  }
}

async function rewardsCatalogue(tx: DbOrTx, p: { agency: string; rehab: string; lin: string; now: Date }) {
  const items = await tx
    .insert(schema.rewardItems)
    .values([
      {
        orgId: p.rehab,
        title: '康复中心定制保温杯',
        description: '康复医院志愿者专属保温杯，到康复医院服务台领取。',
        pointsCost: 300,
        stock: 19,
      },
      {
        orgId: p.rehab,
        title: '社区电影夜入场券（两张）',
        description: '每月最后一个周六晚，社区活动中心。',
        pointsCost: 500,
        stock: 10,
      },
      {
        orgId: p.rehab,
        title: '志愿服务马甲',
        description: '本季已兑完，下季补货。',
        pointsCost: 200,
        stock: 0,
      },
      {
        orgId: p.agency,
        title: '爱心超市 50 元购物券',
        description: '书院街社区爱心超市使用，有效期三个月。',
        pointsCost: 800,
        stock: 15,
      },
    ])
    .returning()
  const cup = items[0]!
  const [redemption] = await tx
    .insert(schema.redemptions)
    .values({
      itemId: cup.id,
      userId: p.lin,
      points: cup.pointsCost,
      status: 'fulfilled',
      fulfilledAt: new Date(p.now.getTime() - 5 * DAY),
      createdAt: new Date(p.now.getTime() - 6 * DAY),
    })
    .returning()
  await tx.insert(schema.pointLedger).values({
    userId: p.lin,
    delta: -cup.pointsCost,
    reason: 'redemption',
    redemptionId: redemption!.id,
  })
}

/** Issued (covering the last three months), revoked (an earlier, wrong period) and one request waiting. */
async function certificates(
  tx: DbOrTx,
  p: { agency: string; lin: string; he: string; supervisor: string; now: Date },
) {
  const [agency] = await tx.select().from(schema.organizations).where(eq(schema.organizations.id, p.agency))
  const [profile] = await tx
    .select()
    .from(schema.volunteerProfiles)
    .where(eq(schema.volunteerProfiles.userId, p.lin))
  if (!agency || !profile) return
  const repo = certificatesRepo(tx)
  const year = shanghaiDate(p.now).slice(0, 4)
  const day = (daysAgo: number) => shanghaiDate(new Date(p.now.getTime() - daysAgo * DAY))
  const issue = async (from: string, to: string, seq: number, issuedDaysAgo: number) => {
    const totals = await repo.coveredTotals(p.lin, p.agency, from, to)
    const activities = await repo.coveredActivities(p.lin, p.agency, from, to)
    return repo.insert({
      userId: p.lin,
      orgId: p.agency,
      periodFrom: from,
      periodTo: to,
      status: 'issued',
      requestNote: '用于单位评优材料',
      number: certificateNumber(year, orgCode(p.agency), seq),
      verifyCode: randomBytes(9).toString('base64url'),
      minutes: totals.minutes,
      recordCount: totals.records,
      content: activities
        .map((a) => `${a.activityName}（${Math.round(a.minutes / 6) / 10} 小时）`)
        .join('、'),
      volunteerName: profile.realName,
      volunteerNumber: profile.volunteerNumber,
      idType: profile.idNumberLast4 ? profile.idType : null,
      idNumberMasked: maskLast4(profile.idNumberLast4),
      issuerName: agency.name,
      personInCharge: agency.contactName ?? '张晓燕',
      handlerName: '李督导',
      issuerContact: agency.contactPhone,
      issuedBy: p.supervisor,
      issuedAt: new Date(p.now.getTime() - issuedDaysAgo * DAY),
      createdAt: new Date(p.now.getTime() - (issuedDaysAgo + 1) * DAY),
    })
  }
  const wrong = await issue(day(60), day(20), 1, 12)
  await repo.update(wrong.id, {
    status: 'revoked',
    revokedAt: new Date(p.now.getTime() - 3 * DAY),
    revokedReason: '证明期间填写有误，已按新期间重新出具',
  })
  await issue(day(90), day(1), 2, 2)
  await repo.insert({
    userId: p.he,
    orgId: p.agency,
    periodFrom: day(120),
    periodTo: day(1),
    requestNote: '申请星级志愿者认定使用',
    createdAt: new Date(p.now.getTime() - DAY),
  })
}
