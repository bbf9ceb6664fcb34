import { type Filter, f } from '../filter.ts'

// The labelled relevance set: what people type, and which fixture items a social worker would call a
// right answer. Labels name fixture keys (R… resources, O… opportunities); precision@5 counts how many
// of the first min(5, |relevant|) hits are relevant.

export type LabelledQuery = {
  index: 'resources' | 'opportunities'
  text: string
  filter?: Filter
  relevant: string[]
  why: string
}

const REHAB = ['R040', 'R041', 'R042', 'R043', 'R044', 'R045']
const DIBAO = ['R001', 'R003', 'R005', 'R008', 'R011', 'R013', 'R020', 'R021', 'R031', 'R036', 'R100']
const EMPLOYMENT = ['R010', 'R011', 'R012', 'R013', 'R014', 'R015', 'R016', 'R071']
const MEDICAL = ['R030', 'R031', 'R032', 'R033', 'R034', 'R035', 'R036', 'R040', 'R062']
const SCHOOLING = ['R020', 'R021', 'R022', 'R023', 'R024', 'R025', 'R026']
const PSYCH = ['R050', 'R051', 'R052', 'R053', 'R054']
const LEGAL = ['R093', 'R110', 'R111', 'R112', 'R113']
const VETERANS = ['R010', 'R012', 'R042', 'R074', 'R080', 'R101', 'R111']
const TEKUN = ['R001', 'R004', 'R020', 'R026', 'R060', 'R063', 'R065', 'R102']
const DISABILITY = ['R016', 'R043', 'R045', 'R104']

const r = (text: string, relevant: string[], why: string, filter?: Filter): LabelledQuery => ({
  index: 'resources',
  text,
  relevant,
  why,
  filter,
})
const o = (text: string, relevant: string[], why: string, filter?: Filter): LabelledQuery => ({
  index: 'opportunities',
  text,
  relevant,
  why,
  filter,
})

export const LABELLED_QUERIES: LabelledQuery[] = [
  r('康复', REHAB, 'category word, also part of 康复训练中心'),
  r('助学', ['R020', 'R021'], 'part of 助学金'),
  // R024 (烈士子女教育资助) is an education grant too; 助学金 reaches it through 教育资助.
  r('助学金', ['R020', 'R021', 'R024'], 'whole word, and other education grants'),
  r('低保', DIBAO, 'abbreviation; dibao households are tagged 最低生活保障人员'),
  r('最低生活保障', DIBAO, 'full form of 低保'),
  r('找工作', EMPLOYMENT, 'colloquial → 就业'),
  r('就业', EMPLOYMENT, 'category word'),
  r('jiuye', EMPLOYMENT, 'full pinyin of 就业'),
  r('jy', EMPLOYMENT, 'initials of 就业'),
  r('看病', MEDICAL, 'colloquial → 医疗'),
  r('医疗', MEDICAL, 'category word'),
  r('上学', SCHOOLING, 'colloquial → 就学'),
  r('义诊', ['R030'], 'specific service'),
  r('心理疏导', PSYCH, 'category word'),
  r('心理咨询', PSYCH, 'synonym of 心理疏导'),
  r('喘息服务', ['R060'], 'respite care'),
  r('临终关怀', ['R062'], 'hospice, described as 安宁疗护'),
  r('安宁疗护', ['R062'], 'hospice; must not drift to 安宁区'),
  r('法律援助', LEGAL, 'category word'),
  r('光荣院', ['R061', 'R083'], "veterans' care home and its residents"),
  r('退役军人', VETERANS, 'veterans'),
  r('军转复退', VETERANS, 'official term for demobilized servicemembers'),
  r('老兵', [...VETERANS, 'R083'], 'colloquial → 退役军人'),
  r('特困', TEKUN, 'abbreviation of 特困供养'),
  r('临时救助', ['R002', 'R103'], 'temporary assistance'),
  r('残疾', DISABILITY, 'disability'),
  r('残障', DISABILITY, 'synonym of 残疾'),
  r('技能培训', ['R070', 'R071', 'R073', 'R074'], 'skills training'),
  r('课业辅导', ['R022', 'R023'], 'homework help, also written 作业辅导'),
  r('kangfu', REHAB, 'full pinyin of 康复'),
  r('zhuxuejin', ['R020', 'R021', 'R024'], 'full pinyin of 助学金'),
  r('yizhen', ['R030'], 'full pinyin of 义诊'),
  r('flyz', LEGAL, 'initials of 法律援助'),
  r('xlsd', PSYCH, 'initials of 心理疏导'),
  r('guangrongyuan', ['R061', 'R083'], 'full pinyin of 光荣院'),
  r('Free Legal Aid', ['R110'], 'English name'),
  r('legel aid', ['R110'], 'typo in English name'),
  r('rehabilitaion center', ['R040'], 'typo in English name'),
  r('asistive devices', ['R043'], 'typos in English name'),
  r('comerce jobs', ['R014'], 'typo in English keyword'),
  r('醫療救助', ['R030', 'R031', 'R034', 'R035', 'R044'], 'traditional characters; medical-aid recipients'),
  r('孤独症', ['R041'], 'specific condition'),
  r('上门服务', ['R033', 'R045', 'R064'], 'home visits of any kind'),
  r('老年食堂', ['R005'], 'specific service'),
  r('锦江 康复', ['R040'], 'district name plus need'),
  r('康复', ['R041', 'R044'], 'need within Lanzhou', f.district('620100')),
  r('低保', ['R005', 'R008', 'R020', 'R036'], 'dibao within Chengdu', f.district('510100')),
  r(
    '就业',
    ['R011', 'R013', 'R015', 'R071'],
    'jobs in Gansu with places left',
    f.and(f.district('620000'), f.eq('hasCapacity', true)),
  ),
  r('', LEGAL, 'browse one category', f.eq('needCategories', 'legal')),
  o('送餐', ['O001'], 'meal delivery'),
  o('作业辅导', ['O020'], 'homework help'),
  o('心理', ['O050', 'O051', 'O052'], 'psychological support'),
  o('光荣院', ['O061'], "veterans' care home"),
  o('普法', ['O111'], 'legal education'),
  o('法律', ['O110', 'O111'], 'legal'),
  o('喘息', ['O060'], 'part of 喘息服务'),
  o('家访', ['O022'], 'home visits for grant checks'),
  o('康复', ['O040', 'O041', 'O042'], 'rehabilitation'),
  o('zhinengshouji', ['O070'], 'full pinyin of 智能手机'),
  o('', ['O020', 'O021', 'O022', 'O023'], 'browse schooling', f.eq('needCategory', 'schooling')),
]
