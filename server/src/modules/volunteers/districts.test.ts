import { describe, expect, it } from 'vitest'
import { isServedDistrict } from './districts.ts'

describe('served districts', () => {
  it('accepts county and prefecture codes of Sichuan and Gansu', () => {
    for (const code of ['510104', '510100', '513401', '620102', '623001'])
      expect(isServedDistrict(code), code).toBe(true)
  })
  it('refuses other provinces, unknown prefectures, province codes and bad shapes', () => {
    for (const code of ['110101', '510000', '512101', '623101', '51010', '5101044', 'abcdef'])
      expect(isServedDistrict(code), code).toBe(false)
  })
})
