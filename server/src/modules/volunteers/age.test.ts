import { describe, expect, it } from 'vitest'
import { ageOn, shanghaiDate } from './age.ts'

describe('ages in Asia/Shanghai', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('2010-06-15', '2026-06-14')).toBe(15)
    expect(ageOn('2010-06-15', '2026-06-15')).toBe(16)
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17)
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18)
  })

  it('takes the calendar day in Shanghai, not in UTC', () => {
    expect(shanghaiDate(new Date('2026-06-14T16:30:00Z'))).toBe('2026-06-15')
    expect(shanghaiDate(new Date('2026-06-14T15:59:59Z'))).toBe('2026-06-14')
  })
})
