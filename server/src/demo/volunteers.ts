import { randomBytes } from 'node:crypto'
import { type Db, DEMO_PASSWORD, demoOrgs, enqueueOutbox, schema } from '@liandong/db'
import { eq, inArray, sql } from 'drizzle-orm'
import { createSecretBox } from '../crypto/secret-box.ts'
import { formatSeries, occurrences, parseRule } from '../modules/opportunities/rrule.ts'
import { shanghaiDate } from '../modules/volunteers/age.ts'

// The volunteer side of the demo: registrations (one a 16-year-old with a guardian's consent),
// courses and completions (one about to expire, so the renewal reminder shows), and opportunities
// in Chengdu and Lanzhou with past and upcoming shifts, one recurring weekly. Everything is fixed
// except the dates, which are placed around `now` so the demo is always current.

export const DEMO_TEEN_EMAIL = 'volunteer.teen@demo.liandong.cn'
const DAY = 86_400_000

/** A Shanghai wall time `days` from today's date. */
const at = (now: Date, days: number, time: string) =>
  new Date(`${shanghaiDate(new Date(now.getTime() + days * DAY))}T${time}:00+08:00`)
/** A birth date `years` before today (Shanghai), minus `days`. */
const born = (now: Date, years: number, days = 40) => {
  const d = new Date(`${shanghaiDate(now)}T00:00:00Z`)
  d.setUTCFullYear(d.getUTCFullYear() - years)
  return new Date(d.getTime() - days * DAY).toISOString().slice(0, 10)
}
const qr = () => randomBytes(32).toString('base64url')

const generalQuiz: schema.QuizQuestion[] = [
  {
    question: '志愿服务记录证明由谁出具？',
    options: ['志愿者本人', '组织活动的志愿服务组织', '任意机构'],
    answer: 1,
  },
  { question: '志愿服务时长是否包括往返路程时间？', options: ['包括', '不包括'], answer: 1 },
  { question: '未满多少周岁不能注册为志愿者？', options: ['14 周岁', '16 周岁', '18 周岁'], answer: 0 },
  {
    question: '服务中得知服务对象的个人信息，应当怎样处理？',
    options: ['告诉其他志愿者', '保密，不对外透露'],
    answer: 1,
  },
]

export interface DemoVolunteerOptions {
  dataKeys: { current: Buffer; previous?: Buffer[] }
  hashPassword(password: string): Promise<string>
  now?: Date
}

export async function seedDemoVolunteers(db: Db, options: DemoVolunteerOptions): Promise<boolean> {
  const now = options.now ?? new Date()
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(schema.volunteerProfiles)
  if ((existing?.n ?? 0) > 0) return false
  const box = createSecretBox(options.dataKeys)
  const year = shanghaiDate(now).slice(0, 4)

  const orgRows = await db
    .select({ id: schema.organizations.id, creditCode: schema.organizations.creditCode })
    .from(schema.organizations)
    .where(
      inArray(
        schema.organizations.creditCode,
        demoOrgs.map((o) => o.creditCode),
      ),
    )
  const org = (key: string) => {
    const code = demoOrgs.find((o) => o.key === key)!.creditCode
    const row = orgRows.find((o) => o.creditCode === code)
    if (!row) throw new Error(`demo organization ${key} is missing; seed the accounts first`)
    return row.id
  }
  const userId = async (email: string) => {
    const [row] = await db
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(eq(schema.users.email, email))
    if (!row) throw new Error(`demo account ${email} is missing`)
    return row.id
  }
  const staff = await userId('worker.cd@demo.liandong.cn')
  const lin = await userId('volunteer@demo.liandong.cn')
  const he = await userId('volunteer.gs@demo.liandong.cn')
  const passwordHash = await options.hashPassword(DEMO_PASSWORD)

  await db.transaction(async (tx) => {
    // A 16-year-old volunteer, registered with a guardian's consent.
    const [teen] = await tx
      .insert(schema.users)
      .values({
        email: DEMO_TEEN_EMAIL,
        displayName: '王小禾',
        passwordHash,
        isVolunteer: true,
        isDemo: true,
      })
      .returning({ id: schema.users.id })
    const linId = '510104199603071230'
    const consentAt = new Date(now.getTime() - 120 * DAY)
    await tx.insert(schema.volunteerProfiles).values([
      {
        userId: lin,
        volunteerNumber: `LD${year}000001`,
        realName: '林小雨',
        phone: '13800001234',
        idType: 'resident_id',
        idNumberEnc: box.seal(linId),
        idNumberHash: box.hash(linId),
        idNumberLast4: linId.slice(-4),
        gender: 'female',
        birthDate: '1996-03-07',
        skills: ['elder_care', 'companionship', 'first_aid'],
        languages: ['zh', 'en'],
        districtCodes: ['510104', '510107'],
        availability: [
          { day: 6, from: '08:30', to: '12:00' },
          { day: 3, from: '18:30', to: '21:00' },
        ],
        emergencyContactName: '林大山',
        emergencyContactRelation: '父亲',
        emergencyContactPhone: '13900001111',
        privacyConsentVersion: '2026-01',
        privacyConsentAt: consentAt,
        nameDisplay: 'surname',
        leaderboardOptIn: true,
        insuranceAcknowledgedAt: consentAt,
      },
      {
        userId: he,
        volunteerNumber: `LD${year}000002`,
        realName: '何志强',
        phone: '13919990002',
        gender: 'male',
        birthDate: '1988-09-21',
        skills: ['tutoring', 'driving', 'it'],
        districtCodes: ['620102', '620103'],
        availability: [
          { day: 2, from: '19:00', to: '21:00' },
          { day: 4, from: '19:00', to: '21:00' },
        ],
        emergencyContactName: '马丽',
        emergencyContactRelation: '配偶',
        emergencyContactPhone: '13919990003',
        privacyConsentVersion: '2026-01',
        privacyConsentAt: consentAt,
        nameDisplay: 'full',
      },
      {
        userId: teen!.id,
        volunteerNumber: `LD${year}000003`,
        realName: '王小禾',
        phone: '13800005678',
        gender: 'female',
        birthDate: born(now, 16),
        skills: ['companionship', 'photography'],
        districtCodes: ['510104'],
        availability: [{ day: 0, from: '09:00', to: '17:00' }],
        privacyConsentVersion: '2026-01',
        privacyConsentAt: consentAt,
        guardianName: '王建华',
        guardianRelation: '母亲',
        guardianPhone: '13800005679',
        guardianConsentAt: consentAt,
        nameDisplay: 'anonymous',
      },
    ])

    // Courses.
    const [general, elderCare, firstAid] = await tx
      .insert(schema.courses)
      .values([
        {
          orgId: org('cd-agency'),
          title: '志愿者通用培训',
          description: '《志愿服务条例》、服务礼仪、保密与安全须知。在线学习，完成测验即可。',
          mode: 'online',
          minutes: 90,
          validityMonths: 24,
          quiz: generalQuiz,
          passMark: 75,
          published: true,
          createdBy: staff,
        },
        {
          orgId: org('cd-agency'),
          title: '助老服务技能',
          description: '与老人沟通、协助行走、防跌倒。线下授课，由协调人登记出勤。',
          mode: 'onsite',
          minutes: 180,
          published: true,
          createdBy: staff,
        },
        {
          orgId: org('cd-rehab'),
          title: '急救基础',
          description: '心肺复苏、AED 使用、常见意外处理。线下实操，有效期 12 个月。',
          mode: 'onsite',
          minutes: 240,
          validityMonths: 12,
          published: true,
        },
      ])
      .returning()
    await tx.insert(schema.courseModules).values([
      { courseId: general!.id, position: 0, title: '志愿服务条例与权利义务', minutes: 30 },
      { courseId: general!.id, position: 1, title: '服务礼仪与沟通', minutes: 30 },
      { courseId: general!.id, position: 2, title: '保密与安全', minutes: 30 },
      { courseId: elderCare!.id, position: 0, title: '与老人沟通', minutes: 60 },
      { courseId: elderCare!.id, position: 1, title: '协助行走与防跌倒', minutes: 120 },
      { courseId: firstAid!.id, position: 0, title: '心肺复苏与 AED', minutes: 150 },
      { courseId: firstAid!.id, position: 1, title: '常见意外处理', minutes: 90 },
    ])
    const completed = (days: number) => new Date(now.getTime() - days * DAY)
    const plusMonths = (d: Date, m: number) => {
      const x = new Date(d)
      x.setUTCMonth(x.getUTCMonth() + m)
      return x
    }
    await tx.insert(schema.enrolments).values([
      {
        courseId: general!.id,
        userId: lin,
        status: 'completed',
        score: 100,
        completedAt: completed(100),
        expiresAt: plusMonths(completed(100), 24),
      },
      {
        courseId: elderCare!.id,
        userId: lin,
        status: 'completed',
        completedAt: completed(60),
        markedBy: staff,
      },
      // Completed almost a year ago: expires in about two weeks, so the renewal reminder goes out.
      {
        courseId: firstAid!.id,
        userId: lin,
        status: 'completed',
        completedAt: completed(350),
        expiresAt: plusMonths(completed(350), 12),
      },
      {
        courseId: general!.id,
        userId: he,
        status: 'completed',
        score: 75,
        completedAt: completed(30),
        expiresAt: plusMonths(completed(30), 24),
      },
      {
        courseId: general!.id,
        userId: teen!.id,
        status: 'completed',
        score: 100,
        completedAt: completed(20),
        expiresAt: plusMonths(completed(20), 24),
      },
      { courseId: elderCare!.id, userId: he, status: 'enrolled' },
    ])

    // Opportunities: one-off and recurring, past and upcoming, in Chengdu and Lanzhou.
    type Seeded = {
      values: typeof schema.opportunities.$inferInsert
      shifts: { start: Date; end: Date; capacity: number; recurring?: boolean }[]
    }
    const weeklyStart = at(
      now,
      -((new Date(now.getTime() + 8 * 3_600_000).getUTCDay() + 1) % 7) - 14,
      '09:00',
    )
    const weekly = { dtstart: weeklyStart, rule: parseRule('FREQ=WEEKLY;BYDAY=SA') }
    const weeklyStarts = occurrences(weekly, { to: new Date(now.getTime() + 90 * DAY) })
    const tutoring = { dtstart: at(now, -10, '19:00'), rule: parseRule('FREQ=WEEKLY;BYDAY=TU,TH;COUNT=24') }
    const tutoringStarts = occurrences(tutoring, { to: new Date(now.getTime() + 90 * DAY) })
    const seeded: Seeded[] = [
      {
        values: {
          orgId: org('cd-agency'),
          title: '书院街社区退役军人家庭探访',
          description: '两人一组探访独居退役军人和优抚对象家庭：陪伴聊天、读报，了解生活需求并反馈给社工。',
          needCategory: 'care',
          recipientGroup: '独居退役军人、优抚对象',
          skills: ['companionship'],
          requiredCourseIds: [general!.id],
          minAge: 16,
          districtCode: '510104',
          address: '成都市锦江区书院街社区居委会（书院街 1 号）集合',
          latitude: 30.6612,
          longitude: 104.0826,
          contactName: '张晓燕',
          contactPhone: '028-86001234',
          status: 'published',
          createdBy: staff,
        },
        shifts: [
          { start: at(now, -7, '14:00'), end: at(now, -7, '17:00'), capacity: 6 },
          { start: at(now, 3, '14:00'), end: at(now, 3, '17:00'), capacity: 6 },
          { start: at(now, 17, '14:00'), end: at(now, 17, '17:00'), capacity: 2 },
        ],
      },
      {
        values: {
          orgId: org('cd-rehab'),
          title: '康复医院周六助老陪护',
          description:
            '每周六上午陪伴住院康复的老年优抚对象散步、做康复操、读书读报。需完成助老服务技能和急救基础培训。',
          needCategory: 'rehabilitation',
          recipientGroup: '住院康复的老年优抚对象',
          skills: ['elder_care'],
          requiredCourseIds: [elderCare!.id, firstAid!.id],
          minAge: 18,
          insuranceRequired: true,
          districtCode: '510104',
          address: '成都市锦江区东大街 99 号 康宁康复医院 3 楼康复大厅',
          latitude: 30.657,
          longitude: 104.083,
          contactName: '周婷',
          contactPhone: '028-86005678',
          status: 'published',
          approvalRequired: true,
          rrule: formatSeries(weekly),
        },
        shifts: weeklyStarts.map((s) => ({
          start: s,
          end: new Date(s.getTime() + 2.5 * 3_600_000),
          capacity: 8,
          recurring: true,
        })),
      },
      {
        values: {
          orgId: org('gs-agency'),
          title: '低保家庭儿童课业辅导',
          description: '每周二、四晚为城关区低保家庭的小学生辅导作业、陪伴阅读。',
          needCategory: 'schooling',
          recipientGroup: '低保家庭儿童',
          skills: ['tutoring'],
          requiredCourseIds: [general!.id],
          minAge: 18,
          districtCode: '620102',
          address: '兰州市城关区庆阳路 210 号 同心社工站活动室',
          latitude: 36.0594,
          longitude: 103.8343,
          contactName: '马海霞',
          contactPhone: '0931-8801234',
          status: 'published',
          rrule: formatSeries(tutoring),
        },
        shifts: tutoringStarts.map((s) => ({
          start: s,
          end: new Date(s.getTime() + 1.5 * 3_600_000),
          capacity: 4,
          recurring: true,
        })),
      },
      {
        values: {
          orgId: org('gs-health'),
          title: '社区义诊引导志愿者',
          description: '义诊日引导居民排队、协助填写登记表、为老人讲解医疗救助政策。',
          needCategory: 'medical',
          recipientGroup: '社区老年人、医疗救助对象',
          skills: [],
          minAge: 18,
          districtCode: '620102',
          address: '兰州市城关区雁滩路 1 号 安康社区卫生服务中心门前广场',
          contactName: '杨雪',
          contactPhone: '0931-8805678',
          status: 'published',
        },
        shifts: [
          { start: at(now, -20, '08:30'), end: at(now, -20, '12:00'), capacity: 10 },
          { start: at(now, 10, '08:30'), end: at(now, 10, '12:00'), capacity: 10 },
        ],
      },
      {
        values: {
          orgId: org('cd-jobs'),
          title: '退役军人就业沙龙摄影记录',
          description: '为就业沙龙拍照并整理活动照片（草稿：时间待定）。',
          needCategory: 'employment',
          skills: ['photography'],
          minAge: 16,
          districtCode: '510105',
          address: '成都市青羊区人民中路 3 段 6 号',
          status: 'draft',
        },
        shifts: [{ start: at(now, 30, '14:00'), end: at(now, 30, '16:00'), capacity: 2 }],
      },
    ]
    for (const { values, shifts } of seeded) {
      const [row] = await tx
        .insert(schema.opportunities)
        .values(values)
        .returning({ id: schema.opportunities.id })
      await tx.insert(schema.shifts).values(
        shifts.map((s) => ({
          opportunityId: row!.id,
          startsAt: s.start,
          endsAt: s.end,
          recurrenceId: s.recurring ? s.start : null,
          capacity: s.capacity,
          qrSecret: qr(),
        })),
      )
      await enqueueOutbox(tx, 'opportunities', 'upsert', row!.id)
    }
  })
  return true
}
