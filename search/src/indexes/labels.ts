// zh-CN labels of the GLOSSARY keys. They are indexed as text beside the keys, so a search for 医疗
// or 低保 finds a resource tagged `medical` or `dibao` even when its own wording says neither.

export const NEED_CATEGORY_LABELS: Record<string, string> = {
  living: '生活保障',
  employment: '就业创业',
  schooling: '就学',
  medical: '医疗',
  rehabilitation: '康复',
  psychological: '心理疏导',
  care: '照护',
  capacity: '能力提升',
  integration: '社会融入',
  family: '家庭关系',
  policy: '政策咨询',
  legal: '法律援助',
  other: '其他',
}

export const RECIPIENT_CATEGORY_LABELS: Record<string, string> = {
  youfu_hospital: '优抚医院服务对象',
  glory_home: '光荣院供养对象',
  demobilized: '军转复退军人',
  military_retiree: '军休干部',
  martyr_family: '烈士遗属',
  fallen_family: '因公牺牲病故军人遗属',
  active_duty_family: '现役军人家属',
  dibao: '最低生活保障人员',
  tekun: '特困供养对象',
  low_income: '低收入对象',
  medical_aid: '医疗救助对象',
  temporary_aid: '临时救助人员',
  disaster: '受灾人员',
  employment_aid: '就业救助人员',
  homeless: '生活无着流浪乞讨人员',
  other: '其他特殊困难人群',
}

export const RESOURCE_TYPE_LABELS: Record<string, string> = {
  human: '人力',
  material: '物力',
  financial: '财力',
  cultural: '文化',
  organizational: '组织',
}

export function labelsOf(keys: readonly string[], table: Record<string, string>): string[] {
  return keys.map((k) => table[k]).filter((l): l is string => l !== undefined)
}
