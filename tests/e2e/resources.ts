import type { APIRequestContext } from 'playwright-core'

// Resources a partner publishes through the API, for pages that need a few to show (the demo
// seed has none yet). Realistic Chengdu entries across need categories and districts.

export interface SampleResource {
  name: string
  description: string
  resourceType: string
  needCategories: string[]
  recipientCategories?: string[]
  districtCodes: string[]
  capacityTotal: number
  capacityAvailable?: number
  capacityUnit: string
  costFen?: number
  scheduleNote?: string
  visibility?: 'public' | 'org'
  source?: string
}

export const sampleResources: SampleResource[] = [
  {
    name: '退役军人就业技能培训班',
    description:
      '面向军转复退军人和就业救助人员的免费职业技能培训，含电工、养老护理员等工种，结业后推荐就业岗位。',
    resourceType: 'human',
    needCategories: ['employment', 'capacity'],
    recipientCategories: ['demobilized', 'employment_aid'],
    districtCodes: ['510104', '510107'],
    capacityTotal: 30,
    capacityAvailable: 12,
    capacityUnit: '人',
    costFen: 0,
    scheduleNote: '每周二、四 14:00–17:00',
  },
  {
    name: '脑卒中康复训练中心',
    description: '为优抚对象和低保家庭成员提供康复评估、运动疗法和作业治疗，可上门指导家属照护。',
    resourceType: 'organizational',
    needCategories: ['rehabilitation', 'medical'],
    recipientCategories: ['youfu_hospital', 'dibao'],
    districtCodes: ['510104'],
    capacityTotal: 10,
    capacityAvailable: 0,
    capacityUnit: '个床位',
    costFen: 5000,
    scheduleNote: '工作日 8:30–17:30',
  },
  {
    name: '困难家庭学生助学金',
    description: '为特困供养和低收入家庭的在读学生提供每学期助学金，按学期申请。',
    resourceType: 'financial',
    needCategories: ['schooling'],
    recipientCategories: ['tekun', 'low_income'],
    districtCodes: ['510105', '510106'],
    capacityTotal: 50,
    capacityUnit: '名',
  },
]

/** Creates and publishes the samples as the signed-in partner; returns the new ids. */
export async function publishSamples(request: APIRequestContext, orgId: string, samples = sampleResources) {
  const ids: string[] = []
  for (const sample of samples) {
    const created = await request.post(`/api/organizations/${orgId}/resources`, {
      data: { ...sample, languages: ['zh'], contactName: '王老师', contactPhone: '028-86001234' },
    })
    if (!created.ok()) throw new Error(`create ${sample.name}: ${created.status()} ${await created.text()}`)
    const { id } = (await created.json()) as { id: string }
    const published = await request.post(`/api/resources/${id}/status`, { data: { status: 'active' } })
    if (!published.ok()) throw new Error(`publish ${sample.name}: ${published.status()}`)
    ids.push(id)
  }
  return ids
}

/** The first organization where the signed-in account may manage resources. */
export async function managedOrgId(request: APIRequestContext): Promise<string> {
  const me = (await (await request.get('/api/me')).json()) as {
    memberships: { orgId: string; role: string }[]
  }
  const org = me.memberships.find((x) => x.role === 'partner_staff' || x.role === 'social_worker')
  if (!org) throw new Error('no organization to manage resources in')
  return org.orgId
}
