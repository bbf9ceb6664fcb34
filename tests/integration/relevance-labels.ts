// The labelled relevance set over the whole demo directory (the search fixture's partners plus the
// generated marketplace): what a social worker types, and every item they would accept in the top 5.
//
// An entry in `relevant` names an item one of three ways:
// - a fixture key (R040 …) for the search fixture's resources;
// - a generated resource's template name without its district (社区康复站肢体康复训练 matches
//   锦江区社区康复站肢体康复训练, 秦州区… alike), or an exact title (an informal resource, or one
//   district's copy of a template);
// - for needs, the start of the de-identified summary (needs come from templates too);
// - for opportunities, the title.
// Labels were written by reading the generated templates and the fixture, not from search results:
// an item is relevant when its service is what the words ask for or it is meant for the people the
// words name (低保 → anything offered to 低保 households).

export type Index = 'resources' | 'opportunities' | 'needs'
export type DemoQuery = {
  index: Index
  q: string
  params?: Record<string, string | string[]>
  relevant: string[]
  why: string
}

const REHAB = [
  'R040',
  'R041',
  'R042',
  'R043',
  'R044',
  'R045',
  '社区康复站肢体康复训练',
  '辅助器具租赁与适配',
  '脑卒中后居家康复指导',
  '儿童言语与认知康复训练',
  '爱心人士捐赠的轮椅',
]
// Offered to 低保 households (recipient category or wording), and help applying for 低保.
const DIBAO = [
  'R001',
  'R003',
  'R005',
  'R008',
  'R011',
  'R013',
  'R020',
  'R021',
  'R031',
  'R036',
  'R100',
  '社区爱心粮油发放点',
  '冬季取暖补贴申领协助',
  '公益性岗位推荐',
  '困难家庭学生课业辅导',
  '新学期文具书包捐赠',
  '学生资助政策咨询',
  '家庭医生签约上门随访',
  '医疗救助一站式结算咨询',
  '脑卒中后居家康复指导',
  '儿童言语与认知康复训练',
  '居家养老上门助浴',
  '长者助餐点',
  '失能老人上门护理',
  '短期托养喘息服务',
  '家政服务员技能培训',
  '社会救助申请代办',
  '残疾人两项补贴申请协助',
]
// Jobs, job placement and vocational training that leads to work (not wage claims).
const EMPLOYMENT = [
  'R010',
  'R011',
  'R012',
  'R013',
  'R014',
  'R015',
  'R016',
  'R070',
  'R071',
  'R074',
  '退役军人就业创业指导',
  '公益性岗位推荐',
  '电商直播带货技能培训班',
  '创业担保贷款申请辅导',
  '家政服务员技能培训',
  '退役军人职业技能提升培训',
]
const MEDICAL = [
  'R030',
  'R031',
  'R032',
  'R033',
  'R034',
  'R035',
  'R036',
  'R040',
  'R062',
  '家庭医生签约上门随访',
  '医疗救助一站式结算咨询',
  '慢病免费用药指导',
]
const SCHOOLING = [
  'R020',
  'R021',
  'R022',
  'R023',
  'R024',
  'R025',
  'R026',
  '困难家庭学生课业辅导',
  '新学期文具书包捐赠',
  '学生资助政策咨询',
]
const GRANTS = ['R020', 'R021', 'R024', '学生资助政策咨询']
const PSYCH = [
  'R050',
  'R051',
  'R052',
  'R053',
  'R054',
  '心理咨询面谈与热线',
  '丧亲家属哀伤辅导小组',
  '退役军人心理适应辅导',
  '青少年情绪支持小组',
]
const LEGAL = [
  'R093',
  'R110',
  'R111',
  'R112',
  'R113',
  '法律援助工作站',
  '退役军人法律服务',
  '劳动报酬追讨咨询',
  '家庭纠纷人民调解',
]
// 光荣院 itself and what is offered to its residents (光荣院供养对象).
const GLORY = ['R061', 'R083', '家庭医生签约上门随访', '居家养老上门助浴', '失能老人上门护理']
// Veterans (军转复退, military retirees) and what is offered to them.
const VETERANS = [
  'R010',
  'R012',
  'R042',
  'R074',
  'R080',
  'R083',
  'R101',
  'R111',
  '退役军人就业创业指导',
  '退役军人心理适应辅导',
  '退役军人职业技能提升培训',
  '退役军人法律服务',
  '社区老兵之家活动室',
  '优抚政策咨询与待遇申办',
  '创业担保贷款申请辅导',
  '电商直播带货技能培训班',
  '社区康复站肢体康复训练',
  '劳动报酬追讨咨询',
  '残疾人两项补贴申请协助',
  '战友互助群',
]
const TEKUN = [
  'R001',
  'R004',
  'R020',
  'R026',
  'R031',
  'R060',
  'R063',
  'R065',
  'R102',
  '社区爱心粮油发放点',
  '冬季取暖补贴申领协助',
  '新学期文具书包捐赠',
  '学生资助政策咨询',
  '家庭医生签约上门随访',
  '医疗救助一站式结算咨询',
  '居家养老上门助浴',
  '长者助餐点',
  '失能老人上门护理',
  '短期托养喘息服务',
  '社会救助申请代办',
]
const DISABILITY = [
  'R016',
  'R042',
  'R043',
  'R045',
  'R104',
  '残疾人两项补贴申请协助',
  '辅助器具租赁与适配',
  '邻里互助志愿队',
  '爱心人士捐赠的轮椅',
]
const TRAINING = [
  'R070',
  'R071',
  'R073',
  'R074',
  '电商直播带货技能培训班',
  '家政服务员技能培训',
  '退役军人职业技能提升培训',
]
// Services delivered at home: visits, home care, delivery to the door.
const AT_HOME = [
  'R004',
  'R033',
  'R045',
  'R051',
  'R064',
  'R065',
  '家庭医生签约上门随访',
  '居家养老上门助浴',
  '失能老人上门护理',
  '脑卒中后居家康复指导',
  '辅助器具租赁与适配',
  '社区爱心粮油发放点',
  '长者助餐点',
  '困难家庭学生课业辅导',
  '婚姻家庭与亲子关系辅导',
  '军属家庭关爱走访',
  '楼栋长每日探访',
]
const MEALS = ['R004', 'R005', '长者助餐点']
const YOUFU = ['R032', 'R101', '优抚政策咨询与待遇申办']

const r = (q: string, relevant: string[], why: string, params?: DemoQuery['params']): DemoQuery => ({
  index: 'resources',
  q,
  relevant,
  why,
  params,
})
const o = (q: string, relevant: string[], why: string): DemoQuery => ({
  index: 'opportunities',
  q,
  relevant,
  why,
})
const n = (q: string, relevant: string[], why: string, params?: DemoQuery['params']): DemoQuery => ({
  index: 'needs',
  q,
  relevant,
  why,
  params,
})

const NEED_REHAB = [
  '六十多岁的退役军人，髋关节',
  '伤残退役军人，脑卒中',
  '二级伤残退役军人，原有轮椅',
  '五岁儿童言语发育迟缓',
]
const NEED_JOBS = ['三十岁出头的退役士兵', '四十多岁的退役军人家属，失业', '有劳动能力的就业救助对象']

export const DEMO_QUERIES: DemoQuery[] = [
  r('康复', REHAB, 'category word, also part of 康复训练中心'),
  r('助学', [...GRANTS, '新学期文具书包捐赠'], 'part of 助学金; school aid of any kind'),
  r('助学金', GRANTS, 'whole word: grants and grant advice'),
  r('低保', DIBAO, 'abbreviation; offered to households tagged 最低生活保障人员'),
  r('最低生活保障', DIBAO, 'full form of 低保'),
  r('dibao', DIBAO, 'full pinyin of 低保'),
  r('找工作', EMPLOYMENT, 'colloquial → 就业'),
  r('就业', EMPLOYMENT, 'category word'),
  r('jiuye', EMPLOYMENT, 'full pinyin of 就业'),
  r('jy', EMPLOYMENT, 'initials of 就业'),
  r('看病', MEDICAL, 'colloquial → 医疗'),
  r('医疗', MEDICAL, 'category word'),
  r('上学', SCHOOLING, 'colloquial → 就学'),
  r('义诊', ['R030'], 'specific service'),
  r('yizhen', ['R030'], 'full pinyin of 义诊'),
  r('心理疏导', PSYCH, 'category word'),
  r('心理咨询', PSYCH, 'synonym of 心理疏导'),
  r('xlsd', PSYCH, 'initials of 心理疏导'),
  r('情绪', PSYCH, 'emotional support is psychological support'),
  r('哀伤辅导', ['R051', '丧亲家属哀伤辅导小组'], 'grief counselling'),
  r('喘息服务', ['R060', '短期托养喘息服务'], 'respite care'),
  r('临终关怀', ['R062'], 'hospice, described as 安宁疗护'),
  r('安宁疗护', ['R062'], 'hospice; must not drift to 安宁区'),
  r('法律援助', LEGAL, 'category word'),
  r('flyz', LEGAL, 'initials of 法律援助'),
  r('欠薪', ['R110', '劳动报酬追讨咨询'], 'unpaid wages'),
  r('调解', ['R093', '家庭纠纷人民调解'], 'mediation'),
  r('光荣院', GLORY, "veterans' care home and its residents"),
  r('guangrongyuan', GLORY, 'full pinyin of 光荣院'),
  r('退役军人', VETERANS, 'veterans'),
  r('军转复退', VETERANS, 'official term for demobilized servicemembers'),
  r('老兵', VETERANS, 'colloquial → 退役军人'),
  r('优抚', YOUFU, 'entitled-groups policy and services'),
  r('特困', TEKUN, 'abbreviation of 特困供养'),
  r(
    '临时救助',
    ['R002', 'R103', '社会救助申请代办', '临时住所与应急床位', '应急物资储备点'],
    'temporary assistance',
  ),
  r('残疾', DISABILITY, 'disability'),
  r('残障', DISABILITY, 'synonym of 残疾'),
  r('殘疾人', DISABILITY, 'traditional characters of 残疾人'),
  r('轮椅', ['R042', 'R043', '辅助器具租赁与适配', '爱心人士捐赠的轮椅'], 'wheelchairs'),
  r('技能培训', TRAINING, 'vocational training'),
  r('课业辅导', ['R022', 'R023', '困难家庭学生课业辅导'], 'homework help, also written 作业辅导'),
  r('kangfu', REHAB, 'full pinyin of 康复'),
  r('zhuxuejin', GRANTS, 'full pinyin of 助学金'),
  r('zhinengshouji', ['R072', '老年人智能手机课堂'], 'full pinyin of 智能手机'),
  r('Free Legal Aid', ['R110', 'R113'], 'English name (and the community legal clinic)'),
  r('legel aid', ['R110', 'R113'], 'typo in English name'),
  r('rehabilitaion center', ['R040'], 'typo in English name'),
  r('asistive devices', ['R043'], 'typos in English name'),
  r('comerce jobs', ['R014'], 'typo in English keyword'),
  r('醫療救助', ['R030', 'R031', 'R034', 'R035', 'R044', '医疗救助一站式结算咨询'], 'traditional characters'),
  r('孤独症', ['R041', '儿童言语与认知康复训练'], 'autism; developmental training for children'),
  r('上门服务', AT_HOME, 'home visits of any kind'),
  r('老年食堂', MEALS, 'meals for the elderly'),
  r('送餐', ['R004', '长者助餐点'], 'meals delivered to the door'),
  r('助浴', ['R061', 'R064', '居家养老上门助浴'], 'bathing help'),
  r('取暖补贴', ['R003', '冬季取暖补贴申领协助'], 'winter heating subsidy'),
  // No generated rehabilitation resource landed in 锦江区; the fixture's centre is the one answer.
  r('锦江 康复', ['R040'], 'district name plus need'),
  r('康复', REHAB, 'rehabilitation within Lanzhou', { district: ['620100'] }),
  r('低保', DIBAO, 'dibao within Chengdu', { district: ['510100'] }),
  r('就业', EMPLOYMENT, 'jobs in Gansu with places left', { district: ['620000'], hasCapacity: 'true' }),
  r('', LEGAL, 'browse one category', { needCategory: ['legal'] }),
  r('kangfu', REHAB, 'pinyin within one district', { district: ['510107'] }),

  o('义诊', ['社区义诊引导志愿者'], 'free clinic day'),
  o('作业辅导', ['低保家庭儿童课业辅导'], 'homework help (titled 课业辅导)'),
  o('退役军人', ['书院街社区退役军人家庭探访'], 'visiting veterans'),
  o('陪护', ['康复医院周六助老陪护'], 'hospital companionship'),
  o('yizhen', ['社区义诊引导志愿者'], 'full pinyin of 义诊'),
  o('zhulao', ['康复医院周六助老陪护'], 'full pinyin of 助老'),

  n('康复', NEED_REHAB, 'rehabilitation needs'),
  n('kangfu', NEED_REHAB, 'full pinyin of 康复'),
  n('找工作', NEED_JOBS, 'colloquial → 就业'),
  n('jiuye', NEED_JOBS, 'full pinyin of 就业'),
  n(
    '低保',
    [
      '低保家庭，三口人',
      '低保家庭的高一学生',
      '单亲低保家庭的初三学生',
      '五岁儿童言语发育迟缓，低保家庭',
      '单亲低保家庭，孩子十五岁',
      '家庭主要劳动力因病失去收入，需要了解并申请低保',
      '医疗救助对象，肾病住院',
    ],
    '低保 households, and a family applying for 低保',
  ),
  n('取暖', ['低保家庭，三口人，冬季取暖'], 'winter heating'),
  n('法律援助', ['退役士兵在工地务工被拖欠工资', '低收入家庭，兄弟间赡养老人'], 'legal help'),
  n('轮椅', ['二级伤残退役军人，原有轮椅'], 'wheelchair'),
  n('情绪', ['因公牺牲军人的母亲', '二十多岁刚退役', '单亲低保家庭的初三学生'], 'emotional support'),
]
