import type { ResourceInput } from '@liandong/search'

// A deterministic generator of realistic Chinese resources for benchmarks: the same seed gives the
// same 10k or 100k documents on every machine, across every category, Chengdu and Gansu district.

export function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export const DISTRICTS: { code: string; name: string; lat: number; lng: number }[] = [
  { code: '510104', name: '锦江区', lat: 30.657, lng: 104.083 },
  { code: '510105', name: '青羊区', lat: 30.674, lng: 104.062 },
  { code: '510106', name: '金牛区', lat: 30.692, lng: 104.052 },
  { code: '510107', name: '武侯区', lat: 30.642, lng: 104.043 },
  { code: '510108', name: '成华区', lat: 30.66, lng: 104.101 },
  { code: '510112', name: '龙泉驿区', lat: 30.557, lng: 104.275 },
  { code: '510114', name: '新都区', lat: 30.823, lng: 104.158 },
  { code: '510115', name: '温江区', lat: 30.682, lng: 103.857 },
  { code: '510116', name: '双流区', lat: 30.574, lng: 103.924 },
  { code: '510117', name: '郫都区', lat: 30.795, lng: 103.887 },
  { code: '620102', name: '城关区', lat: 36.057, lng: 103.841 },
  { code: '620103', name: '七里河区', lat: 36.066, lng: 103.786 },
  { code: '620104', name: '西固区', lat: 36.088, lng: 103.628 },
  { code: '620105', name: '安宁区', lat: 36.104, lng: 103.719 },
  { code: '620402', name: '白银区', lat: 36.545, lng: 104.171 },
  { code: '620502', name: '秦州区', lat: 34.581, lng: 105.724 },
  { code: '620702', name: '甘州区', lat: 38.93, lng: 100.478 },
  { code: '621102', name: '安定区', lat: 35.58, lng: 104.611 },
  { code: '622901', name: '临夏市', lat: 35.604, lng: 103.242 },
]

type Theme = { category: string; type: string; services: string[]; phrases: string[]; recipients: string[] }

const THEMES: Theme[] = [
  {
    category: 'living',
    type: 'material',
    services: ['爱心超市', '粮油发放点', '临时救助站', '助餐点', '老年食堂', '冬季取暖补贴'],
    phrases: [
      '为低保家庭发放米面油',
      '特困人员每月生活物资',
      '低保边缘家庭临时生活补助',
      '送餐上门服务独居老人',
    ],
    recipients: ['dibao', 'tekun', 'low_income', 'temporary_aid'],
  },
  {
    category: 'employment',
    type: 'human',
    services: ['就业服务站', '退役军人招聘会', '公益岗位推荐', '创业孵化基地', '职业指导中心'],
    phrases: [
      '提供岗位推荐与简历指导',
      '军转复退人员专场招聘',
      '创业担保贷款政策解读',
      '就业救助人员技能对接',
    ],
    recipients: ['employment_aid', 'demobilized', 'dibao'],
  },
  {
    category: 'schooling',
    type: 'financial',
    services: ['助学金', '课业辅导班', '奖学金计划', '困境儿童助学项目', '四点半课堂'],
    phrases: [
      '资助困难家庭学生完成学业',
      '大学生志愿者一对一课业辅导',
      '留守儿童周末陪伴学习',
      '为烈士遗属子女提供助学金',
    ],
    recipients: ['dibao', 'martyr_family', 'tekun'],
  },
  {
    category: 'medical',
    type: 'human',
    services: ['社区义诊', '慢性病随访', '医疗救助咨询', '家庭医生签约', '优抚医院门诊'],
    phrases: ['三甲医院专家每月义诊', '免费测血压血糖', '医疗救助申请协助', '重特大疾病二次报销指导'],
    recipients: ['medical_aid', 'youfu_hospital', 'dibao'],
  },
  {
    category: 'rehabilitation',
    type: 'human',
    services: ['康复训练中心', '残疾儿童康复站', '言语康复室', '肢体康复训练'],
    phrases: ['脑卒中后肢体功能训练', '孤独症儿童康复训练', '残疾人辅具适配', '伤残军人康复治疗'],
    recipients: ['youfu_hospital', 'other', 'medical_aid'],
  },
  {
    category: 'psychological',
    type: 'human',
    services: ['心理疏导热线', '心理咨询室', '哀伤辅导小组', '减压工作坊'],
    phrases: ['专业心理咨询师倾听陪伴', '烈士遗属精神抚慰', '危机干预与转介', '受灾人员心理援助'],
    recipients: ['martyr_family', 'fallen_family', 'disaster'],
  },
  {
    category: 'care',
    type: 'human',
    services: ['喘息服务', '日间照料中心', '临终关怀病房', '居家养老上门服务', '光荣院照护'],
    phrases: [
      '为照护失能老人的家属提供短期替代照护',
      '安宁疗护与家属陪伴',
      '光荣院供养对象生活照料',
      '孤寡老人上门探访',
    ],
    recipients: ['glory_home', 'tekun', 'youfu_hospital'],
  },
  {
    category: 'capacity',
    type: 'cultural',
    services: ['技能培训班', '电商培训', '家政服务培训', '数字技能课堂'],
    phrases: ['手工编织与电商客服培训', '结业后推荐就业', '老年人智能手机课程', '残疾人职业技能培训'],
    recipients: ['employment_aid', 'low_income', 'demobilized'],
  },
  {
    category: 'integration',
    type: 'organizational',
    services: ['社区融入小组', '邻里互助会', '退役军人之家', '双拥文化活动'],
    phrases: ['组织邻里互助与兴趣小组', '流浪乞讨人员回归社区', '军休干部文化活动', '构建社会支持网络'],
    recipients: ['homeless', 'military_retiree', 'demobilized'],
  },
  {
    category: 'family',
    type: 'human',
    services: ['家庭关系调适', '亲子沟通工作坊', '婚姻家庭辅导', '军属家庭服务'],
    phrases: ['亲子沟通与家庭关系辅导', '现役军人家属互助', '家庭矛盾调解', '隔代教养支持'],
    recipients: ['active_duty_family', 'other', 'low_income'],
  },
  {
    category: 'policy',
    type: 'organizational',
    services: ['政策咨询窗口', '低保申请指导', '优抚政策宣讲', '救助政策服务站'],
    phrases: [
      '解答最低生活保障申请条件',
      '优抚对象待遇政策解读',
      '临时救助申请材料指导',
      '特困供养认定流程咨询',
    ],
    recipients: ['dibao', 'tekun', 'demobilized'],
  },
  {
    category: 'legal',
    type: 'human',
    services: ['法律援助站', '公益律师咨询', '劳动争议调解'],
    phrases: ['劳动争议与欠薪维权', '赡养纠纷法律咨询', '退役军人法律服务', '免费代写法律文书'],
    recipients: ['low_income', 'demobilized', 'other'],
  },
  {
    category: 'other',
    type: 'material',
    services: ['应急物资储备', '爱心衣物捐赠', '助残器具借用'],
    phrases: ['受灾群众应急物资', '冬衣棉被募集发放', '轮椅拐杖免费借用'],
    recipients: ['disaster', 'other'],
  },
]

const ORG_PREFIXES = ['阳光', '同心', '仁爱', '金色年华', '向日葵', '暖心', '安康', '启明', '春晖', '和美']
const ORG_KINDS = ['社会工作服务中心', '社区', '公益基金会', '志愿者协会', '社区卫生服务中心', '爱心企业']
const SCHEDULES = ['每周二上午开放', '工作日全天', '每月第一个周六', '预约服务', '节假日不休']

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!

/** The resources one by one, so a benchmark can index 100k without holding them all. */
export function* resourceStream(count: number, seed = 20250601): Generator<ResourceInput> {
  const r = rng(seed)
  for (let i = 0; i < count; i++) {
    const theme = pick(r, THEMES)
    const district = pick(r, DISTRICTS)
    const org = `${pick(r, ORG_PREFIXES)}${pick(r, ORG_KINDS)}`
    const service = pick(r, theme.services)
    const second = r() < 0.3 ? pick(r, THEMES) : undefined
    const ageMin = r() < 0.3 ? pick(r, [6, 14, 18, 60]) : null
    yield {
      id: `00000000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`,
      orgId: `org-${Math.floor(r() * 2000)}`,
      orgName: `${district.name}${org}`,
      title: `${district.name}${pick(r, ORG_PREFIXES)}${service}`,
      description: `${pick(r, theme.phrases)}，${pick(r, theme.phrases)}。${pick(r, SCHEDULES)}，地点在${district.name}。`,
      keywords: r() < 0.1 ? ['Community Service Center'] : [],
      needCategories:
        second && second.category !== theme.category ? [theme.category, second.category] : [theme.category],
      resourceType: theme.type,
      recipientCategories: [pick(r, theme.recipients)],
      districtCodes: [district.code],
      ageMin,
      ageMax: ageMin === 60 ? 120 : ageMin === null ? null : ageMin + 40,
      capacityAvailable: Math.floor(r() * 30),
      status: r() < 0.9 ? 'published' : 'draft',
      visibility: r() < 0.85 ? 'public' : 'org',
      location: { lat: district.lat + (r() - 0.5) * 0.05, lng: district.lng + (r() - 0.5) * 0.05 },
      updatedAt: new Date(Date.UTC(2025, 0, 1) + Math.floor(r() * 180) * 86_400_000),
    }
  }
}

/** The same resources in batches of `size`. */
export function* resourceBatches(count: number, size: number, seed?: number): Generator<ResourceInput[]> {
  let batch: ResourceInput[] = []
  for (const resource of resourceStream(count, seed)) {
    batch.push(resource)
    if (batch.length === size) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}

export function generateResources(count: number, seed?: number): ResourceInput[] {
  return [...resourceStream(count, seed)]
}
