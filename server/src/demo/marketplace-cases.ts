import type { schema } from '@liandong/db'
import type { SecretBox } from '../crypto/secret-box.ts'
import { DISTRICTS, GIVEN, NEED_TEMPLATES, type NeedTemplate, SURNAMES } from './marketplace-catalogue.ts'
import { demoId, type Random } from './marketplace-random.ts'

type NewRecipient = typeof schema.recipients.$inferInsert
type NewNeed = typeof schema.needs.$inferInsert

const DAY = 86_400_000
export const DEMO_NEEDS = 50

const FEMALE = /阿姨|女士|奶奶|大姐/
const HOME_DISTRICTS = {
  cd: ['510104', '510105', '510107', '510108', '510106'],
  gs: ['620102', '620103', '620105', '620104'],
}
// Later needs reuse a template; a line of their own keeps the list from reading like copies.
const FOLLOW_UPS = [
  '社区网格员已上门核实情况。',
  '家属希望尽快安排。',
  '此前链接过一次资源，未能解决。',
  '服务对象本人意愿强烈。',
  '可在工作日白天联系家属。',
]

const ageBandOf = (age: number) =>
  age < 14 ? 'child' : age < 18 ? 'teen' : age < 60 ? 'adult' : age < 80 ? 'senior' : 'elder'

export interface GeneratedCase {
  recipient: NewRecipient & { id: string; orgId: string }
  need: NewNeed & { id: string; status: string; categories: string[]; districtCode: string }
  template: NeedTemplate
}

/**
 * One recipient per need (about 50), each of the agency of their region: names, phones and
 * addresses sealed as the recipients service seals them, the need's title private, its summary
 * de-identified. Statuses are set later from the referrals.
 */
export function generateCases(
  rng: Random,
  now: Date,
  box: SecretBox,
  agencies: { cd: { orgId: string; workerId: string }; gs: { orgId: string; workerId: string } },
): GeneratedCase[] {
  const year = Number(
    new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now),
  )
  const codes = { cd: 0, gs: 0 }
  const out: GeneratedCase[] = []
  for (let i = 0; i < DEMO_NEEDS; i++) {
    const template = NEED_TEMPLATES[i % NEED_TEMPLATES.length]!
    const region = template.region
    const agency = agencies[region]
    const surname = SURNAMES[(i * 7 + 3) % SURNAMES.length]!
    const name = surname + GIVEN[(i * 11 + 5) % GIVEN.length]!
    const age = Math.max(2, template.age + (i >= NEED_TEMPLATES.length ? rng.int(-4, 4) : 0))
    const district = rng.pick(HOME_DISTRICTS[region])
    const place = DISTRICTS[district]!
    const phone = `1${rng.pick(['35', '38', '39', '58', '77', '86'])}${String(rng.int(10_000_000, 99_999_999))}`
    const address = `${region === 'cd' ? '成都市' : '兰州市'}${place.name}${place.street} ${rng.int(1, 300)} 号 ${rng.int(1, 6)} 单元 ${rng.int(1, 30)}0${rng.int(1, 4)} 室`
    codes[region]++
    const recipientId = demoId(3, i + 1)
    const female =
      FEMALE.test(template.title) ||
      (!/大爷|叔叔|先生|师傅|小伙|爷爷|大哥|老/.test(template.title) && rng.chance(0.5))
    // Recipients were registered two to seven months ago, their needs within the week after.
    const createdAt = new Date(now.getTime() - rng.int(60, 200) * DAY)
    const postedAt = new Date(createdAt.getTime() + rng.int(1, 5) * DAY)
    const summary =
      i >= NEED_TEMPLATES.length
        ? `${template.summary}${FOLLOW_UPS[i % FOLLOW_UPS.length]}`
        : template.summary
    out.push({
      template,
      recipient: {
        id: recipientId,
        orgId: agency.orgId,
        code: `R${year}-${String(codes[region]).padStart(4, '0')}`,
        nameSealed: box.seal(name),
        nameMasked: `${name.slice(0, 1)}${'*'.repeat(name.length - 1)}`,
        gender: female ? 'female' : 'male',
        birthYear: year - age,
        categories: template.recipients,
        districtCode: district,
        phoneSealed: box.seal(phone),
        phoneLast4: phone.slice(-4),
        addressSealed: box.seal(address),
        primaryWorkerId: agency.workerId,
        createdBy: agency.workerId,
        createdAt,
        updatedAt: createdAt,
      },
      need: {
        id: demoId(4, i + 1),
        orgId: agency.orgId,
        recipientId,
        title: template.title.replace('{s}', surname),
        categories: [template.category, ...(template.also ?? [])],
        privateDescriptionSealed: box.seal(`${template.summary}（服务对象：${name}，联系电话 ${phone}。）`),
        publicSummary: summary,
        urgency: template.urgency,
        districtCode: district,
        recipientCategories: template.recipients,
        ageBand: ageBandOf(age),
        quantity: 1,
        dueDate: new Date(now.getTime() + rng.int(7, 60) * DAY).toISOString().slice(0, 10),
        status: 'open',
        createdBy: agency.workerId,
        createdAt: postedAt,
        updatedAt: postedAt,
      },
    })
  }
  return out
}
