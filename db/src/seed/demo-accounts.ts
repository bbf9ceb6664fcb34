import type { OrgKind, OrgRole, PlatformRole } from '../schema/enums.ts'

/** Shown on the sign-in page only while the server runs in demo mode. */
export const DEMO_PASSWORD = 'Liandong-demo-2026'

export interface DemoOrg {
  key: string
  name: string
  kind: OrgKind
  status: 'approved' | 'pending'
  districtCode: string
  address: string
  creditCode: string
  description: string
}

// Fictional organizations in real districts of Chengdu (5101xx) and Lanzhou, Gansu (6201xx).
export const demoOrgs: DemoOrg[] = [
  {
    key: 'cd-agency',
    name: '锦江区益民社会工作服务中心',
    kind: 'agency',
    status: 'approved',
    districtCode: '510104',
    address: '成都市锦江区书院南街 18 号',
    creditCode: '52510104MJ0000001X',
    description: '为退役军人及其家属、优抚对象提供个案、小组和社区服务。',
  },
  {
    key: 'gs-agency',
    name: '城关区同心社会工作服务中心',
    kind: 'agency',
    status: 'approved',
    districtCode: '620102',
    address: '兰州市城关区庆阳路 210 号',
    creditCode: '52620102MJ0000002Y',
    description: '承接社会救助社会工作服务：低保、特困、临时救助对象的需求评估与资源链接。',
  },
  {
    key: 'cd-rehab',
    name: '锦江区康宁康复医院',
    kind: 'partner',
    status: 'approved',
    districtCode: '510104',
    address: '成都市锦江区东大街 99 号',
    creditCode: '12510104MB0000003A',
    description: '康复训练、慢病管理和上门护理。',
  },
  {
    key: 'cd-jobs',
    name: '青羊区阳光就业服务站',
    kind: 'partner',
    status: 'approved',
    districtCode: '510105',
    address: '成都市青羊区人民中路 3 段 6 号',
    creditCode: '52510105MJ0000004B',
    description: '退役军人和困难群众的就业指导、技能培训与岗位推荐。',
  },
  {
    key: 'gs-health',
    name: '城关区安康社区卫生服务中心',
    kind: 'partner',
    status: 'approved',
    districtCode: '620102',
    address: '兰州市城关区雁滩路 1 号',
    creditCode: '12620102MB0000005C',
    description: '家庭医生签约、慢病随访、医疗救助咨询。',
  },
  {
    key: 'cd-community',
    name: '锦江区书院街社区居委会',
    kind: 'community',
    status: 'approved',
    districtCode: '510104',
    address: '成都市锦江区书院街 1 号',
    creditCode: '55510104MJ0000006D',
    description: '社区志愿服务站与邻里互助。',
  },
  {
    key: 'cd-veterans',
    name: '锦江区退役军人事务局',
    kind: 'government',
    status: 'approved',
    districtCode: '510104',
    address: '成都市锦江区府青路 2 号',
    creditCode: '11510104MB0000007E',
    description: '优抚安置政策与服务保障。',
  },
  {
    key: 'cd-pending',
    name: '武侯区晨光助残服务社',
    kind: 'partner',
    status: 'pending',
    districtCode: '510107',
    address: '成都市武侯区科华北路 8 号',
    creditCode: '52510107MJ0000008F',
    description: '残障人士康复和社会融入（等待平台审核）。',
  },
]

export interface DemoAccount {
  email: string
  displayName: string
  volunteer: boolean
  platformRole?: PlatformRole
  org?: { key: string; role: OrgRole }
}

export const demoAccounts: DemoAccount[] = [
  {
    email: 'admin@demo.liandong.cn',
    displayName: '平台管理员 陈静',
    volunteer: false,
    platformRole: 'platform_admin',
  },
  {
    email: 'auditor@demo.liandong.cn',
    displayName: '审计员 王立',
    volunteer: false,
    platformRole: 'auditor',
  },
  {
    email: 'orgadmin.cd@demo.liandong.cn',
    displayName: '刘敏',
    volunteer: false,
    org: { key: 'cd-agency', role: 'org_admin' },
  },
  {
    email: 'worker.cd@demo.liandong.cn',
    displayName: '张晓燕',
    volunteer: false,
    org: { key: 'cd-agency', role: 'social_worker' },
  },
  {
    email: 'supervisor.cd@demo.liandong.cn',
    displayName: '李建国',
    volunteer: false,
    org: { key: 'cd-agency', role: 'supervisor' },
  },
  {
    email: 'worker.gs@demo.liandong.cn',
    displayName: '马海霞',
    volunteer: false,
    org: { key: 'gs-agency', role: 'social_worker' },
  },
  {
    email: 'supervisor.gs@demo.liandong.cn',
    displayName: '赵文斌',
    volunteer: false,
    org: { key: 'gs-agency', role: 'supervisor' },
  },
  {
    email: 'partner.cd@demo.liandong.cn',
    displayName: '周婷',
    volunteer: false,
    org: { key: 'cd-rehab', role: 'partner_staff' },
  },
  {
    email: 'partner.jobs@demo.liandong.cn',
    displayName: '黄磊',
    volunteer: false,
    org: { key: 'cd-jobs', role: 'partner_staff' },
  },
  {
    email: 'partner.gs@demo.liandong.cn',
    displayName: '杨雪',
    volunteer: false,
    org: { key: 'gs-health', role: 'partner_staff' },
  },
  {
    email: 'community.cd@demo.liandong.cn',
    displayName: '吴桂芳',
    volunteer: false,
    org: { key: 'cd-community', role: 'org_admin' },
  },
  {
    email: 'applicant@demo.liandong.cn',
    displayName: '孙晨',
    volunteer: false,
    org: { key: 'cd-pending', role: 'org_admin' },
  },
  { email: 'volunteer@demo.liandong.cn', displayName: '林小雨', volunteer: true },
  { email: 'volunteer.gs@demo.liandong.cn', displayName: '何志强', volunteer: true },
]

export const demoSignIns = () =>
  demoAccounts.map((a) => ({
    email: a.email,
    password: DEMO_PASSWORD,
    role: a.platformRole ?? a.org?.role ?? 'volunteer',
    org: demoOrgs.find((o) => o.key === a.org?.key)?.name ?? '',
  }))
