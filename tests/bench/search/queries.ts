import { f, type SearchQuery } from '@liandong/search'

// Fifty-six representative searches: what social workers, partners and volunteers type, half of them with
// the filters the pages add (published and public, a city or district, a category, capacity left).

const open = f.and(f.eq('status', 'published'), f.eq('visibility', 'public'))
const texts = [
  '康复',
  '助学',
  '助学金',
  '低保',
  '最低生活保障',
  '找工作',
  '就业',
  '看病',
  '义诊',
  '心理疏导',
  '喘息服务',
  '临终关怀',
  '法律援助',
  '光荣院',
  '退役军人',
  '军转复退',
  '特困供养',
  '临时救助',
  '技能培训',
  '课业辅导',
  'jiuye',
  'kangfu',
  'jy',
  'zhuxuejin',
  'dibao',
  'yizhen',
  'flyz',
  'xlsd',
  '上学',
  '残障',
  '武侯区 康复',
  '城关区 低保',
  '老年食堂',
  '送餐上门',
  '孤独症儿童',
  '慢性病随访',
  '创业担保贷款',
  '家庭关系',
  '亲子沟通',
  'Community Servise',
]
const filters = [
  open,
  f.and(open, f.district('510100')),
  f.and(open, f.district('620102')),
  f.and(open, f.eq('hasCapacity', true)),
  f.and(open, f.in('needCategories', ['medical', 'rehabilitation'])),
]

// A district or category picked in a facet, as the API sends it: each facet is counted without its
// own pick (disjunctive), which costs one more match per picked facet that is counted.
const picks: Record<string, SearchQuery['facetFilters']> = {
  city: { districtCodes: f.district('510100') },
  category: { needCategories: f.in('needCategories', ['medical', 'rehabilitation']) },
  both: { districtCodes: f.district('620100'), needCategories: f.eq('needCategories', 'living') },
}

export const BENCH_QUERIES: SearchQuery[] = [
  ...texts.map((text, i) => (i % 2 === 0 ? { text } : { text, filter: filters[i % filters.length] })),
  ...filters.map((filter) => ({ filter, facets: ['needCategories', 'districtCodes'] })),
  ...filters.map((filter, i) => ({ text: texts[i * 3]!, filter, facets: ['needCategories'] })),
  ...Object.values(picks).map((facetFilters) => ({
    filter: open,
    facetFilters,
    facets: ['needCategories', 'districtCodes'],
  })),
  ...Object.values(picks).map((facetFilters, i) => ({
    text: texts[i * 5 + 1]!,
    filter: open,
    facetFilters,
    facets: ['needCategories', 'districtCodes'],
  })),
]
