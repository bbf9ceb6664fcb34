import { type Db, demoOrgs, schema } from '@liandong/db'
import { asc, eq, inArray, sql } from 'drizzle-orm'
import { createSecretBox } from '../crypto/secret-box.ts'
import { sealOutcome } from '../modules/recipients/rights.service.ts'

// Recipients' data requests on first start (issue 6, item 8): at the Chengdu agency, an access
// request just received, a correction due tomorrow, one overdue, a deletion refused while the
// person was still being served, and an access request answered by an export. Nothing about the
// recipients themselves changes. Once only; no randomness.

const DAY = 86_400_000

export async function seedDemoRights(
  db: Db,
  options: { dataKeys: { current: Buffer; previous: Buffer[] }; responseDays: number; now?: Date },
): Promise<number> {
  const now = options.now ?? new Date()
  const [done] = await db.select({ n: sql<number>`count(*)::int` }).from(schema.recipientRequests)
  if ((done?.n ?? 0) > 0) return 0
  const box = createSecretBox(options.dataKeys)
  const credit = demoOrgs.find((d) => d.key === 'cd-agency')!.creditCode
  const [org] = await db
    .select({ id: schema.organizations.id })
    .from(schema.organizations)
    .where(eq(schema.organizations.creditCode, credit))
  const people = await db
    .select({ id: schema.users.id, email: schema.users.email })
    .from(schema.users)
    .where(inArray(schema.users.email, ['worker.cd@demo.liandong.cn', 'supervisor.cd@demo.liandong.cn']))
  const worker = people.find((p) => p.email.startsWith('worker.'))?.id
  const supervisor = people.find((p) => p.email.startsWith('supervisor.'))?.id
  if (!org || !worker || !supervisor) return 0
  const recipients = await db
    .select({ id: schema.recipients.id })
    .from(schema.recipients)
    .where(eq(schema.recipients.orgId, org.id))
    .orderBy(asc(schema.recipients.code))
    .limit(5)
  if (recipients.length < 5) return 0
  const ago = (days: number) => new Date(now.getTime() - days * DAY)
  const plans = [
    {
      kind: 'access',
      channel: 'written',
      days: 2,
      details: '本人书面申请复制在本机构的全部个人资料和服务记录。',
    },
    {
      kind: 'correction',
      channel: 'phone',
      days: options.responseDays - 1,
      details: '电话号码已更换，请更正为新号码。',
    },
    {
      kind: 'correction',
      channel: 'in_person',
      days: options.responseDays + 4,
      details: '住址的门牌号登记有误。',
    },
    {
      kind: 'deletion',
      channel: 'written',
      days: 30,
      details: '不再需要服务，要求删除全部个人信息。',
      refused: '个案仍在服务中，暂不能删除；结案后可再次申请，届时按档案保管期限处理。',
    },
    {
      kind: 'access',
      channel: 'in_person',
      days: 40,
      details: '来访要求查看本人的服务记录。',
      exported: true,
    },
  ] as const
  const rows = plans.map((p, i) => {
    const receivedAt = ago(p.days)
    const decided = 'refused' in p || 'exported' in p
    return {
      recipientId: recipients[i]!.id,
      orgId: org.id,
      kind: p.kind,
      channel: p.channel,
      status: 'refused' in p ? ('refused' as const) : 'exported' in p ? ('done' as const) : ('open' as const),
      detailsSealed: box.seal(p.details),
      receivedAt,
      dueAt: new Date(receivedAt.getTime() + options.responseDays * DAY),
      recordedBy: worker,
      decidedBy: decided ? ('refused' in p ? supervisor : worker) : null,
      decidedAt: decided ? new Date(receivedAt.getTime() + 3 * DAY) : null,
      outcomeSealed: 'refused' in p ? sealOutcome(box, { text: p.refused, fields: [] }) : null,
      createdAt: receivedAt,
      updatedAt: receivedAt,
    }
  })
  await db.insert(schema.recipientRequests).values(rows)
  return rows.length
}
