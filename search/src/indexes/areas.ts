// District codes (GB/T 2260) → every level that contains them, so one `in` filter on areaCodes works
// for a district (510107), a city (510100) or a province (510000). Names make 武侯区 or 兰州 searchable
// text; the table holds the areas the platform serves today and grows with the division taxonomy.

export const AREA_NAMES: Record<string, string> = {
  '510000': '四川省',
  '510100': '成都市',
  '510104': '锦江区',
  '510105': '青羊区',
  '510106': '金牛区',
  '510107': '武侯区',
  '510108': '成华区',
  '510112': '龙泉驿区',
  '510114': '新都区',
  '510115': '温江区',
  '510116': '双流区',
  '510117': '郫都区',
  '620000': '甘肃省',
  '620100': '兰州市',
  '620102': '城关区',
  '620103': '七里河区',
  '620104': '西固区',
  '620105': '安宁区',
  '620400': '白银市',
  '620402': '白银区',
  '620500': '天水市',
  '620502': '秦州区',
  '620700': '张掖市',
  '620702': '甘州区',
  '621100': '定西市',
  '621102': '安定区',
  '622900': '临夏回族自治州',
  '622901': '临夏市',
}

const CODE = /^\d{6}$/

/** 510107 → [510107, 510100, 510000]; codes that are not six digits are dropped. */
export function areaCodesOf(districtCodes: readonly string[]): string[] {
  const out = new Set<string>()
  for (const code of districtCodes) {
    if (!CODE.test(code)) continue
    out.add(code)
    out.add(`${code.slice(0, 4)}00`)
    out.add(`${code.slice(0, 2)}0000`)
  }
  return [...out]
}

export function areaNamesOf(districtCodes: readonly string[]): string[] {
  return areaCodesOf(districtCodes)
    .map((c) => AREA_NAMES[c])
    .filter((n): n is string => n !== undefined)
}
