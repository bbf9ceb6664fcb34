import { DOMAIN_WORDS } from './dictionary.ts'
import { foldText, hasHan } from './normalize.ts'
import { pinyinOf } from './pinyin.ts'

// Synonyms are data, not code: the table below ships with the product and an admin extends it at
// runtime through SearchEngine.setSynonyms. Equivalent groups work both ways (低保 ⇄ 最低生活保障);
// one-way entries widen a colloquial word to the official one (找工作 → 就业) but not back.

export type SynonymTable = {
  equivalent: string[][]
  oneWay: Record<string, string[]>
}

export const DEFAULT_SYNONYMS: SynonymTable = {
  equivalent: [
    ['低保', '最低生活保障'],
    ['特困', '特困供养'],
    ['残疾', '残障'],
    ['临终关怀', '安宁疗护'],
    ['心理疏导', '心理咨询', '精神抚慰'],
    ['退役军人', '复退军人'],
    ['孩子', '儿童'],
    ['老人', '老年人'],
    ['课业辅导', '作业辅导', '学业辅导'],
    ['老年食堂', '长者食堂', '助餐点'],
    ['孤独症', '自闭症'],
  ],
  oneWay: {
    找工作: ['就业'],
    求职: ['就业'],
    看病: ['医疗'],
    就医: ['医疗'],
    上学: ['就学'],
    读书: ['就学'],
    学费: ['助学'],
    打官司: ['法律援助'],
    吃饭: ['助餐'],
    老兵: ['退役军人'],
    退伍: ['退役军人'],
    助学金: ['学生资助', '教育资助'],
    情绪: ['心理疏导'],
  },
}

export function mergeSynonyms(a: SynonymTable, b: SynonymTable): SynonymTable {
  const oneWay: Record<string, string[]> = { ...a.oneWay }
  for (const [k, v] of Object.entries(b.oneWay)) oneWay[k] = [...new Set([...(oneWay[k] ?? []), ...v])]
  return { equivalent: [...a.equivalent, ...b.equivalent], oneWay }
}

/** The table compiled for lookups: every key folded the way text is, each mapped to its alternatives. */
export class Synonyms {
  readonly table: SynonymTable
  private readonly map = new Map<string, Set<string>>()
  /** Longest first, so phrase matching prefers 最低生活保障 over 低保-like shorter keys inside it. */
  readonly phrases: string[]

  constructor(table: SynonymTable) {
    this.table = table
    for (const group of table.equivalent) {
      const words = group.map(foldText).filter(Boolean)
      for (const w of words) for (const other of words) if (other !== w) this.link(w, other)
    }
    for (const [from, tos] of Object.entries(table.oneWay)) {
      for (const to of tos) this.link(foldText(from), foldText(to))
    }
    // The full pinyin of a glossary word or a synonym key stands for the word: `dibao` finds what 低保
    // finds (descriptions carry no pinyin field, and 最低生活保障人员 does not spell dibao), not only
    // titles whose own words happen to spell it.
    const words = new Set([...DOMAIN_WORDS, ...[...this.map.keys()].filter(hasHan)])
    for (const word of words) {
      const spelled = pinyinOf(word)?.full
      if (!spelled) continue
      const alternatives = [word, ...(this.map.get(word) ?? [])]
      for (const alt of alternatives) this.link(spelled, alt)
    }
    this.phrases = [...this.map.keys()].sort((x, y) => y.length - x.length)
  }

  private link(from: string, to: string): void {
    if (!from || !to) return
    const set = this.map.get(from) ?? new Set<string>()
    this.map.set(from, set)
    set.add(to)
  }

  expand(word: string): string[] {
    return [...(this.map.get(word) ?? [])]
  }

  /** Meilisearch's shape: every key lists its synonyms; equivalences are written out both ways. */
  toRecord(): Record<string, string[]> {
    return Object.fromEntries([...this.map].map(([k, v]) => [k, [...v]]))
  }
}
