import type { ReferralDeclineReason, ReferralStatus, schema } from '@liandong/db'
import type { SecretBox } from '../crypto/secret-box.ts'
import { consentedFields, sealShared } from '../modules/referrals/referral.shared.ts'
import type { GeneratedCase } from './marketplace-cases.ts'
import { demoId, type Random } from './marketplace-random.ts'
import type { GeneratedResource } from './marketplace-resources.ts'

type NewReferral = typeof schema.referrals.$inferInsert
type NewEvent = typeof schema.referralEvents.$inferInsert
type NewConsent = typeof schema.recipientConsents.$inferInsert
type NewNotification = typeof schema.notifications.$inferInsert

const HOUR = 3_600_000

/** Who acts for each organization in the demo (organizations without sign-ins only receive). */
export interface DemoPeople {
  worker: Record<'cd' | 'gs', string>
  supervisor: Record<'cd' | 'gs', string>
  /** Receiving staff by organization id. */
  receiver: Map<string, string>
  orgName: Map<string, string>
  responseHours: number
}

// Statuses that need someone on the receiving side to have acted, and how many of each.
// Rarer outcomes first, so each shows up even when fewer needs fit a partner with staff.
const ANSWERED: ReferralStatus[] = [
  'referred_elsewhere',
  'sent',
  'on_hold',
  'unresolved',
  'declined',
  'expired',
  'cancelled',
  'accepted',
  'in_progress',
  'resolved',
  'referred_elsewhere',
  'sent',
  'declined',
  'in_progress',
  'resolved',
  'accepted',
  'on_hold',
  'resolved',
  'unresolved',
  'in_progress',
  'resolved',
  'declined',
  'accepted',
  'in_progress',
  'resolved',
  'resolved',
  'sent',
  'in_progress',
  'resolved',
]
// Referrals to partners nobody signs in for in the demo: waiting, unanswered or withdrawn.
const UNANSWERED: ReferralStatus[] = ['sent', 'draft', 'expired', 'sent', 'cancelled', 'draft']

const OUTCOMES: Record<string, [string, string]> = {
  rehabilitation: [
    '完成 16 次康复训练，可借助助行器独立行走。',
    '服务对象因再次住院中断训练，出院后再评估。',
  ],
  medical: ['已签约家庭医生，每月上门随访，血压控制平稳。', '服务对象拒绝签约，仍在劝导中。'],
  care: ['每周三次上门护理已稳定开展，家属照护压力明显减轻。', '家属最终选择入住外区养老机构。'],
  employment: ['已入职物业公司安保岗位，签订一年劳动合同。', '参加两次招聘会未成功，本人暂不愿继续求职。'],
  capacity: ['完成培训并取得职业技能等级证书。', '培训时间与照顾家人冲突，中途退出。'],
  psychological: ['完成六次咨询，睡眠和情绪明显改善。', '服务对象拒绝继续面谈，转为电话关怀。'],
  integration: ['已加入社区老兵之家读书会，每周参加活动。', '服务对象行动不便，未能参加活动。'],
  family: ['完成四次家庭会谈，家庭冲突明显减少。', '家庭成员不愿参与会谈。'],
  schooling: ['每周两次辅导，期中考试数学提高 20 分。', '学生转学外地，辅导终止。'],
  living: ['已领取冬季取暖补贴和两个月的米面油。', '不符合当地补贴条件，已告知其他救助渠道。'],
  policy: ['抚恤待遇申请已获批，按月发放。', '材料不全，申请被退回，待补充后再办理。'],
  legal: ['经调解追回拖欠工资 2.4 万元。', '对方下落不明，已告知可申请仲裁。'],
  other: ['已发放应急物资，协助办理临时救助。', '联系不上服务对象，已转社区网格员跟进。'],
}
const DECLINES: [ReferralDeclineReason, string][] = [
  ['no_capacity', '本月名额已满，下月可重新转介。'],
  ['out_of_area', '服务对象住址超出本机构服务范围。'],
  ['not_eligible', '服务对象年龄不在服务范围内。'],
  ['documents_missing', '缺少残疾证复印件，补齐后可重新转介。'],
]
const SCOPES = ['姓名、电话', '姓名、电话、住址', '姓名、电话、需求摘要']

export interface GeneratedReferrals {
  referrals: NewReferral[]
  events: NewEvent[]
  consents: NewConsent[]
  notifications: NewNotification[]
  /** Places held per resource (accepted, in progress, on hold). */
  held: Map<string, number>
  needStatus: Map<string, { status: string; closedAt: Date | null }>
}

/**
 * Referrals in every status with timelines that read like real work: sent when consent was given,
 * answered at each partner's own pace, served, paused, closed with an outcome — or declined,
 * withdrawn, left to expire, passed on. Needs follow (referred, met, open again).
 */
export function generateReferrals(
  rng: Random,
  now: Date,
  box: SecretBox,
  cases: GeneratedCase[],
  resources: GeneratedResource[],
  people: DemoPeople,
): GeneratedReferrals {
  const out: GeneratedReferrals = {
    referrals: [],
    events: [],
    consents: [],
    notifications: [],
    held: new Map(),
    needStatus: new Map(),
  }
  let eventN = 0
  let consentN = 0
  let referralN = 0
  const answered = [...ANSWERED]
  const unanswered = [...UNANSWERED]
  const usable = resources.filter(
    (r) => r.row.status === 'active' && r.row.visibility === 'public' && (r.row.capacityTotal ?? 0) >= 2,
  )
  // Each partner answers at its own pace: the demo's responsiveness figures differ.
  const pace = new Map<string, [number, number]>()
  const paceOf = (orgId: string) => {
    if (!pace.has(orgId))
      pace.set(
        orgId,
        rng.pick([
          [1, 6],
          [2, 12],
          [6, 30],
          [10, 40],
        ] as [number, number][]),
      )
    return pace.get(orgId)!
  }
  const used = new Set<string>()
  let overridden = false
  const target = (c: GeneratedCase, withStaff: boolean, except?: string) => {
    const region = c.template.region
    const fits = usable.filter(
      (r) =>
        r.row.id !== except &&
        people.receiver.has(r.row.orgId) === withStaff &&
        r.row.districtCodes![0]!.startsWith(region === 'cd' ? '51' : '62') &&
        r.row.needCategories.some((cat) => c.need.categories.includes(cat)),
    )
    const fresh = fits.filter((r) => !used.has(r.row.id))
    return fresh.length ? rng.pick(fresh) : fits.length ? rng.pick(fits) : undefined
  }

  const event = (
    referralId: string,
    at: Date,
    kind: string,
    actor: { id: string | null; orgId: string | null },
    from: ReferralStatus | null,
    to: ReferralStatus | null,
    note: string | null = null,
    data: Record<string, unknown> | null = null,
  ) => {
    out.events.push({
      id: demoId(6, ++eventN),
      referralId,
      actorId: actor.id,
      actorOrgId: actor.orgId,
      kind,
      fromStatus: from,
      toStatus: to,
      note,
      data,
      at,
    })
  }
  const notify = (
    userId: string | undefined,
    kind: string,
    referral: NewReferral,
    resourceName: string,
    at: Date,
    read: boolean,
  ) => {
    if (!userId) return
    out.notifications.push({
      userId,
      kind,
      params: {
        fromOrg: people.orgName.get(referral.fromOrgId) ?? '',
        toOrg: people.orgName.get(referral.toOrgId) ?? '',
        resource: resourceName,
        hours: people.responseHours,
      },
      link: `/referrals/${referral.id}`,
      readAt: read ? new Date(at.getTime() + HOUR) : null,
      createdAt: at,
    })
  }

  /** One referral of `c` to `resource` ending in `status`; returns it (and its successor, if passed on). */
  function build(
    c: GeneratedCase,
    resource: GeneratedResource,
    status: ReferralStatus,
    sentAt: Date,
    previous?: NewReferral,
  ) {
    const region = c.template.region
    const worker = people.worker[region]
    const fromOrgId = c.need.orgId!
    const toOrgId = resource.row.orgId
    const sender = { id: worker, orgId: fromOrgId }
    const receiver = { id: people.receiver.get(toOrgId) ?? null, orgId: toOrgId }
    const id = demoId(5, ++referralN)
    used.add(resource.row.id)
    const createdAt = new Date(sentAt.getTime() - rng.int(10, 90) * 60_000)
    // One referral shows a supervisor's override of the missing consent.
    const override = status === 'sent' && !overridden && people.receiver.has(toOrgId)
    if (override) overridden = true
    let consentId: string | null = null
    let sharedSealed: string | null = null
    let scope = ''
    if (status !== 'draft' && !override) {
      scope = rng.pick(SCOPES)
      consentId = demoId(7, ++consentN)
      out.consents.push({
        id: consentId,
        recipientId: c.recipient.id,
        purpose: 'share_with_org',
        scope,
        targetOrgId: toOrgId,
        givenBy: c.need.ageBand === 'child' ? 'guardian' : 'self',
        guardianRelation: c.need.ageBand === 'child' ? '母亲' : null,
        guardianNameSealed: c.need.ageBand === 'child' ? box.seal('监护人') : null,
        method: rng.pick(['paper', 'paper', 'verbal', 'electronic'] as const),
        givenAt: new Date(createdAt.getTime() - rng.int(1, 72) * HOUR),
        recordedBy: worker,
      })
      sharedSealed = sealShared(box, c.recipient as never, consentedFields(scope))
    }
    if (override) sharedSealed = sealShared(box, c.recipient as never, ['phone'])
    const referral: NewReferral = {
      id,
      needId: c.need.id,
      resourceId: resource.row.id,
      fromOrgId,
      toOrgId,
      status,
      consentId,
      consentOverrideReason: override ? '服务对象卧床无法签字，家属电话同意，纸质同意书补签中。' : null,
      note: rng.pick([
        '请尽快联系评估。',
        '服务对象白天在家，可电话预约上门。',
        '家属陪同，情况见需求摘要。',
        '',
      ]),
      sharedSealed,
      quantity: 1,
      createdBy: worker,
      createdAt,
    }
    out.referrals.push(referral)
    const resourceName = resource.row.name
    event(id, createdAt, 'create', sender, null, null)
    if (previous)
      event(id, createdAt, 'previous', sender, null, null, null, { previousReferralId: previous.id })
    if (status === 'draft') {
      referral.updatedAt = createdAt
      return referral
    }
    const respondBy = new Date(sentAt.getTime() + people.responseHours * HOUR)
    Object.assign(referral, { sentAt, respondBy })
    event(
      id,
      sentAt,
      override ? 'send_override' : 'send',
      override ? { id: people.supervisor[region], orgId: fromOrgId } : sender,
      'draft',
      'sent',
      override ? referral.consentOverrideReason : null,
      {
        sharedFields: override ? ['phone'] : consentedFields(scope),
        consentId,
        respondBy: respondBy.toISOString(),
      },
    )
    notify(receiver.id ?? undefined, 'referral.received', referral, resourceName, sentAt, status !== 'sent')
    let last = sentAt
    let current: ReferralStatus = 'sent'
    const step = (
      hours: number,
      kind: string,
      to: ReferralStatus | null,
      who: { id: string | null; orgId: string | null },
      note: string | null = null,
      data: Record<string, unknown> | null = null,
    ) => {
      last = new Date(Math.min(last.getTime() + hours * HOUR, now.getTime() - 10 * 60_000))
      event(id, last, kind, who, to ? current : null, to, note, data)
      if (to) current = to
      return last
    }
    const [lo, hi] = paceOf(toOrgId)
    const outcome = OUTCOMES[c.template.category] ?? OUTCOMES.other!
    switch (status) {
      case 'sent':
        break
      case 'expired':
        step(people.responseHours, 'expire', 'expired', { id: null, orgId: null }, null, {
          hours: people.responseHours,
        })
        notify(worker, 'referral.expired', referral, resourceName, last, true)
        notify(people.supervisor[region], 'referral.expired', referral, resourceName, last, false)
        break
      case 'cancelled':
        step(rng.int(2, 20), 'cancel', 'cancelled', sender, '服务对象已自行联系到其他机构。')
        break
      case 'declined':
      case 'referred_elsewhere': {
        const [reason, note] = rng.pick(DECLINES)
        referral.declineReason = reason
        referral.declineNote = note
        referral.respondedAt = step(rng.int(lo, hi), 'decline', 'declined', receiver, note, { reason })
        notify(worker, 'referral.declined', referral, resourceName, last, true)
        break
      }
      default: {
        referral.respondedAt = step(
          rng.int(lo, hi),
          'accept',
          'accepted',
          receiver,
          rng.pick(['已电话联系家属，约定上门评估时间。', null]),
        )
        notify(worker, 'referral.accepted', referral, resourceName, last, status !== 'accepted')
        if (status === 'accepted') break
        if (status === 'on_hold') {
          step(rng.int(4, 48), 'hold', 'on_hold', receiver, '目前名额已满，已列入排队，预计两周内安排。')
          break
        }
        step(rng.int(24, 72), 'start', 'in_progress', receiver, '首次服务已完成。')
        step(rng.int(48, 120), 'comment', null, sender, '电话回访服务对象，反馈良好。')
        if (status === 'in_progress') break
        if (rng.chance(0.4)) {
          step(rng.int(24, 72), 'hold', 'on_hold', receiver, '服务对象住院，暂停服务。')
          step(rng.int(72, 200), 'start', 'in_progress', receiver, '出院后恢复服务。')
        }
        const resolved = status === 'resolved'
        referral.outcome = resolved ? outcome[0] : outcome[1]
        step(rng.int(100, 300), resolved ? 'resolve' : 'unresolve', status, receiver, null, {
          outcome: referral.outcome,
        })
        notify(worker, `referral.${status}`, referral, resourceName, last, true)
      }
    }
    referral.updatedAt = last
    if (['resolved', 'unresolved', 'cancelled', 'expired', 'declined'].includes(status))
      referral.closedAt = last
    if (['accepted', 'in_progress', 'on_hold'].includes(status)) {
      referral.capacityHeld = true
      referral.assignedTo = receiver.id
      out.held.set(resource.row.id, (out.held.get(resource.row.id) ?? 0) + 1)
    }
    if (status === 'referred_elsewhere') {
      const next = target(c, true, resource.row.id)
      if (next) {
        const passedAt = new Date(last.getTime() + rng.int(2, 12) * HOUR)
        const successor = build(c, next, rng.pick(['accepted', 'in_progress'] as const), passedAt, referral)
        referral.nextReferralId = successor.id
        event(
          id,
          passedAt,
          'refer_elsewhere',
          sender,
          'declined',
          'referred_elsewhere',
          '改为转介至其他机构。',
          {
            nextReferralId: successor.id,
          },
        )
        referral.closedAt = passedAt
        referral.updatedAt = passedAt
      } else {
        referral.status = 'declined'
      }
    }
    return referral
  }

  // How long ago each status was sent: closed ones weeks ago, live ones recently.
  const sentAgoHours: Record<ReferralStatus, [number, number]> = {
    draft: [1, 20],
    sent: [2, 30],
    accepted: [20, 90],
    declined: [48, 300],
    in_progress: [150, 400],
    on_hold: [72, 240],
    resolved: [500, 1000],
    unresolved: [500, 1000],
    cancelled: [48, 200],
    expired: [60, 250],
    referred_elsewhere: [120, 400],
  }
  for (const c of cases) {
    const staffed = answered.length > 0 ? target(c, true) : undefined
    const status = staffed
      ? answered.shift()!
      : unanswered.length > 0 && c.need.urgency !== 'low'
        ? unanswered[0]!
        : null
    const resource = staffed ?? (status ? target(c, false) : undefined)
    if (!status || !resource) continue
    if (!staffed) unanswered.shift()
    const [lo, hi] = sentAgoHours[status]
    build(c, resource, status, new Date(now.getTime() - rng.int(lo, hi) * HOUR))
  }

  // The need follows its referrals: any live one → referred; a resolved one → met; else open.
  for (const c of cases) {
    const mine = out.referrals.filter((r) => r.needId === c.need.id)
    if (mine.length === 0) continue
    const live = mine.some((r) => ['sent', 'accepted', 'in_progress', 'on_hold'].includes(r.status!))
    const met = mine.find((r) => r.status === 'resolved')
    out.needStatus.set(c.need.id, {
      status: live ? 'referred' : met ? 'met' : mine.every((r) => r.status === 'draft') ? 'matched' : 'open',
      closedAt: !live && met ? (met.closedAt as Date) : null,
    })
  }
  return out
}
