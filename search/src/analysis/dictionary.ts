// Domain words jieba's general dictionary does not know or splits badly. Without them 低保边缘家庭 falls
// apart into unrelated pieces and 军转复退 into single characters. Both adapters use this list: the
// embedded engine loads it into jieba, the Meilisearch adapter sends it as the `dictionary` setting.
// The sub-words (低保, 康复 …) stay in the dictionary too, which is what lets search-mode cutting emit them.

// Written as space-separated groups so the list reads like the glossary it comes from.
export const DOMAIN_WORDS: readonly string[] = [
  // social assistance (Gansu DB62/T 4987)
  '社会救助 最低生活保障 低保 低保户 低保边缘家庭 低保边缘 低收入家庭 低收入对象 特困 特困供养 特困人员 特困供养对象 临时救助 医疗救助 就业救助 教育救助',
  '住房救助 受灾人员 灾害救助 流浪乞讨 生活无着 刚性支出 困难群众 困境儿童 留守儿童 孤寡老人 空巢老人 失能老人 半失能 残疾人 残障 残障人士 助残',
  // veterans' services (Chengdu DB5101/T 100)
  '优抚 优抚对象 优抚医院 优抚安置 光荣院 军转复退 复退军人 退役军人 军休干部 军休所 烈士遗属 烈士 因公牺牲 现役军人家属 军属 双拥',
  // need categories and services
  '生活保障 就业创业 就学 助学 助学金 奖学金 课业辅导 康复训练 康复训练中心 康复治疗 心理疏导 精神抚慰 心理咨询 社会融入 能力提升 家庭关系 政策咨询 法律援助',
  '喘息服务 临终关怀 安宁疗护 居家养老 日间照料 助餐 老年食堂 送餐上门 上门探访 上门服务 义诊 慢性病 技能培训 职业技能 公益岗位 创业担保贷款 资源链接 志愿服务',
  '志愿者 社会工作者 社工 五社联动 个案管理 危机干预 人生回顾 社会支持网络 转介',
  // everyday service words that jieba's general dictionary leaves in single characters (送 餐)
  '送餐 助浴 助洁 陪诊 托养 取暖补贴 哀伤辅导 孤独症 自闭症 轮椅 辅具 长者食堂 助餐点',
].flatMap((line) => line.split(' '))

/** The lines jieba's loadDict expects: word, frequency, part of speech. The high frequency wins ties. */
export function jiebaDictionary(words: readonly string[]): string {
  return words.map((w) => `${w} 200000 n`).join('\n')
}
