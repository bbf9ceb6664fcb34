import { describe, expect, it } from 'vitest'
import { addWorkingDays, isWorkingDay, shanghaiDay, workingDaysBetween } from './working-days.ts'

// The 2026 calendar as shipped (excerpt): Spring Festival 15–23 Feb off, Sat 14 and Sat 28 Feb worked.
const cn2026 = new Map<string, 'holiday' | 'workday'>([
  ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => [`2026-02-${d}`, 'holiday'] as const),
  ['2026-02-14', 'workday'],
  ['2026-02-28', 'workday'],
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => [`2026-10-${d}`, 'holiday'] as const),
  ['2026-09-20', 'workday'],
  ['2026-10-10', 'workday'],
])
const none = new Map<string, 'holiday' | 'workday'>()
// 10:00 in Shanghai on a given day.
const at = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`)

describe('working days (Asia/Shanghai, with 调休)', () => {
  it('reads the day in Shanghai, not UTC', () => {
    expect(shanghaiDay(new Date('2026-03-01T17:30:00Z'))).toBe('2026-03-02')
    expect(shanghaiDay(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01')
  })

  it('skips weekends: Monday + 5 is the end of the next Monday; Friday + 5 the next Friday', () => {
    expect(addWorkingDays(at('2026-03-02'), 5, none).toISOString()).toBe('2026-03-09T15:59:59.999Z')
    expect(addWorkingDays(at('2026-03-06'), 5, none).toISOString()).toBe('2026-03-13T15:59:59.999Z')
    // Late on Saturday or on Sunday: the weekend itself does not count.
    expect(addWorkingDays(at('2026-03-07', 23), 5, none).toISOString()).toBe('2026-03-13T15:59:59.999Z')
    expect(addWorkingDays(at('2026-03-08'), 1, none).toISOString()).toBe('2026-03-09T15:59:59.999Z')
  })

  it('skips public holidays and counts weekend days worked in exchange', () => {
    expect(isWorkingDay('2026-02-14', cn2026)).toBe(true)
    expect(isWorkingDay('2026-02-16', cn2026)).toBe(false)
    // Thursday 12 Feb + 5: Fri 13, Sat 14 (worked), then 15–23 off, Tue 24, Wed 25, Thu 26.
    expect(addWorkingDays(at('2026-02-12'), 5, cn2026).toISOString()).toBe('2026-02-26T15:59:59.999Z')
    // Without the calendar the same deadline would fall in the holiday.
    expect(addWorkingDays(at('2026-02-12'), 5, none).toISOString()).toBe('2026-02-19T15:59:59.999Z')
    // National Day: Fri 25 Sep + 5 → Sun 20 Sep is before; Mon 28, Tue 29, Wed 30, Thu 8 Oct, Fri 9 Oct.
    expect(addWorkingDays(at('2026-09-25'), 5, cn2026).toISOString()).toBe('2026-10-09T15:59:59.999Z')
    expect(addWorkingDays(at('2026-09-25'), 6, cn2026).toISOString()).toBe('2026-10-10T15:59:59.999Z')
  })

  it('counts working days between two instants', () => {
    expect(workingDaysBetween(at('2026-02-12'), at('2026-02-26'), cn2026)).toBe(5)
    expect(workingDaysBetween(at('2026-03-02'), at('2026-03-02', 20), none)).toBe(0)
  })
})
