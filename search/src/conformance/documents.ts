import { type ResourceDocument, type ResourceInput, resourceToDocument } from '../indexes/resources.ts'

// A dozen resources, each there to prove one behaviour. Kept apart from the relevance fixture so a
// change to the demo data can never quietly weaken the conformance suite.

const WUHOU = { lat: 30.642, lng: 104.043 }
const JINJIANG = { lat: 30.657, lng: 104.083 }
const CHENGGUAN = { lat: 36.061, lng: 103.834 }

const base = {
  orgId: 'org-a',
  resourceType: 'human',
  recipientCategories: [],
  capacityAvailable: 5,
  status: 'published',
  visibility: 'public',
} satisfies Partial<ResourceInput>

const inputs: ResourceInput[] = [
  {
    ...base, id: 'r01', title: '大学新生助学金', description: '为困难家庭大学新生提供一次性资助',
    needCategories: ['schooling'], resourceType: 'financial', recipientCategories: ['dibao'],
    districtCodes: ['510107'], location: WUHOU, ageMin: 16, ageMax: 25, capacityAvailable: 20,
    updatedAt: '2025-03-01T00:00:00Z',
  },
  {
    ...base, id: 'r02', title: '阳光康复训练中心', description: '脑卒中后肢体功能与言语康复训练',
    keywords: ['Sunshine Rehabilitation Center'], needCategories: ['rehabilitation', 'medical'],
    districtCodes: ['510104'], location: JINJIANG, ageMin: 40, ageMax: 90, capacityAvailable: 3,
    updatedAt: '2025-02-01T00:00:00Z',
  },
  {
    ...base, id: 'r03', title: '退役军人就业招聘会', description: '面向军转复退人员的专场招聘与岗位推荐',
    needCategories: ['employment'], recipientCategories: ['demobilized'], districtCodes: ['620102'],
    location: CHENGGUAN, ageMin: 18, ageMax: 60, capacityAvailable: 200, orgId: 'org-b',
    updatedAt: '2025-04-01T00:00:00Z',
  },
  {
    ...base, id: 'r04', title: '低保家庭临时生活补助', description: '为低保户发放米面油等生活物资',
    needCategories: ['living'], resourceType: 'material', recipientCategories: ['dibao', 'temporary_aid'],
    districtCodes: ['620103'], capacityAvailable: 0, updatedAt: '2025-01-15T00:00:00Z',
  },
  {
    ...base, id: 'r05', title: '社区义诊与慢性病随访', description: '三甲医院医生每月进社区看诊，免费测血压血糖',
    needCategories: ['medical'], recipientCategories: ['medical_aid'], districtCodes: ['510107'],
    location: { lat: 30.63, lng: 104.05 }, capacityAvailable: 50, updatedAt: '2025-05-01T00:00:00Z',
  },
  {
    ...base, id: 'r06', title: '最低生活保障政策咨询', description: '解答申请条件、材料与流程',
    needCategories: ['policy'], recipientCategories: ['low_income'], districtCodes: ['620102'],
    capacityAvailable: 10, orgId: 'org-b', updatedAt: '2025-02-15T00:00:00Z',
  },
  {
    ...base, id: 'r07', title: '失能老人喘息服务', description: '为长期照护失能老人的家属提供短期替代照护',
    needCategories: ['care'], recipientCategories: ['tekun'], districtCodes: ['510108'],
    ageMin: 60, ageMax: 120, capacityAvailable: 4, updatedAt: '2025-03-20T00:00:00Z',
  },
  {
    ...base, id: 'r08', title: '光荣院文化活动室', description: '书法、合唱与老兵口述历史',
    needCategories: ['integration'], resourceType: 'cultural', recipientCategories: ['glory_home'],
    districtCodes: ['510106'], capacityAvailable: 15, visibility: 'org', updatedAt: '2025-06-01T00:00:00Z',
  },
  {
    ...base, id: 'r09', title: '青少年心理疏导热线', description: '专业心理咨询师在线倾听与危机干预',
    needCategories: ['psychological'], districtCodes: ['620104'], ageMin: 12, ageMax: 18,
    capacityAvailable: 8, orgId: 'org-b', updatedAt: '2025-01-05T00:00:00Z',
  },
  {
    ...base, id: 'r10', title: '残疾人职业技能培训', description: '电商客服与手工编织技能培训，结业推荐就业',
    needCategories: ['capacity', 'employment'], recipientCategories: ['employment_aid'],
    districtCodes: ['510116'], capacityAvailable: 25, status: 'draft', updatedAt: '2025-07-01T00:00:00Z',
  },
  {
    ...base, id: 'r11', title: '免费法律援助', description: '劳动争议、赡养纠纷的法律咨询和代理',
    keywords: ['Legal Aid Clinic'], needCategories: ['legal'], districtCodes: ['620105'],
    capacityAvailable: 6, orgId: 'org-b', updatedAt: '2025-02-20T00:00:00Z',
  },
  {
    ...base, id: 'r12', title: '家庭关系调适小组', description: '亲子沟通与婚姻关系辅导',
    needCategories: ['family'], districtCodes: ['510115'], capacityAvailable: 12,
    updatedAt: '2025-03-10T00:00:00Z',
  },
]

export const CONFORMANCE_DOCS: ResourceDocument[] = inputs.map(resourceToDocument)
export const CONFORMANCE_POINTS = { WUHOU, JINJIANG, CHENGGUAN }
