import { getLocale } from '$lib/paraglide/runtime.js'

// Names of the districts the platform serves today, by GB/T 2260 code (the same table as
// search/src/indexes/areas.ts). It grows with the division taxonomy; an unknown code shows as is.
const names: Record<string, [zh: string, en: string]> = {
  '510000': ['四川省', 'Sichuan'],
  '510100': ['成都市', 'Chengdu'],
  '510104': ['锦江区', 'Jinjiang District'],
  '510105': ['青羊区', 'Qingyang District'],
  '510106': ['金牛区', 'Jinniu District'],
  '510107': ['武侯区', 'Wuhou District'],
  '510108': ['成华区', 'Chenghua District'],
  '510112': ['龙泉驿区', 'Longquanyi District'],
  '510114': ['新都区', 'Xindu District'],
  '510115': ['温江区', 'Wenjiang District'],
  '510116': ['双流区', 'Shuangliu District'],
  '510117': ['郫都区', 'Pidu District'],
  '620000': ['甘肃省', 'Gansu'],
  '620100': ['兰州市', 'Lanzhou'],
  '620102': ['城关区', 'Chengguan District'],
  '620103': ['七里河区', 'Qilihe District'],
  '620104': ['西固区', 'Xigu District'],
  '620105': ['安宁区', 'Anning District'],
  '620400': ['白银市', 'Baiyin'],
  '620402': ['白银区', 'Baiyin District'],
  '620500': ['天水市', 'Tianshui'],
  '620502': ['秦州区', 'Qinzhou District'],
  '620700': ['张掖市', 'Zhangye'],
  '620702': ['甘州区', 'Ganzhou District'],
  '621100': ['定西市', 'Dingxi'],
  '621102': ['安定区', 'Anding District'],
  '622900': ['临夏回族自治州', 'Linxia Hui Autonomous Prefecture'],
  '622901': ['临夏市', 'Linxia'],
}

const isDistrict = (code: string) => !code.endsWith('00')

/** A district with its city, e.g. 成都市武侯区 / Wuhou District, Chengdu. */
export function districtName(code: string): string {
  const own = names[code]
  if (!own) return code
  const en = getLocale() === 'en'
  const city = isDistrict(code) ? names[`${code.slice(0, 4)}00`] : undefined
  if (!city) return en ? own[1] : own[0]
  return en ? `${own[1]}, ${city[1]}` : `${city[0]}${own[0]}`
}

/** The districts (not cities or provinces) offered in pickers, grouped under their city. */
export const knownDistricts = Object.keys(names).filter(isDistrict)
