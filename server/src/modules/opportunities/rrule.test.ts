import { describe, expect, it } from 'vitest'
import { formatSeries, occurrences, parseRule, parseSeries, RruleError } from './rrule.ts'

// Shanghai wall time → ISO instant, for readable expectations.
const sh = (local: string) => new Date(`${local}+08:00`).toISOString()
const iso = (dates: Date[]) => dates.map((d) => d.toISOString())
const series = (text: string) => parseSeries(text)
const FAR = new Date('2030-01-01T00:00:00Z')

describe('rrule subset: parsing', () => {
  it('reads the supported parts, case-insensitively, with or without the prefix', () => {
    expect(parseRule('RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,MO;COUNT=5')).toEqual({
      freq: 'WEEKLY',
      interval: 2,
      byDay: [1, 6],
      count: 5,
    })
    expect(parseRule('freq=daily').interval).toBe(1)
    expect(parseRule('FREQ=DAILY;UNTIL=20260520T000000Z').until?.toISOString()).toBe(
      '2026-05-20T00:00:00.000Z',
    )
    // A date-only UNTIL runs through that day in Shanghai.
    expect(parseRule('FREQ=DAILY;UNTIL=20260520').until?.toISOString()).toBe('2026-05-20T15:59:59.000Z')
  })

  it('refuses what it does not support instead of ignoring it', () => {
    for (const bad of [
      '',
      'FREQ=MONTHLY',
      'FREQ=WEEKLY;BYMONTH=1',
      'FREQ=WEEKLY;BYDAY=1MO',
      'FREQ=WEEKLY;BYDAY=XX',
      'FREQ=DAILY;COUNT=0',
      'FREQ=DAILY;COUNT=3;UNTIL=20260101',
      'FREQ=DAILY;INTERVAL=abc',
      'FREQ=DAILY;FREQ=WEEKLY',
      'FREQ=DAILY;UNTIL=2026-01-01',
      'FREQ=WEEKLY;WKST=SU',
      'FREQ',
    ])
      expect(() => parseRule(bad), bad).toThrow(RruleError)
    expect(() => parseSeries('RRULE:FREQ=DAILY')).toThrow(RruleError)
    expect(() => parseSeries('DTSTART;TZID=Europe/Paris:20260516T090000\nRRULE:FREQ=DAILY')).toThrow(
      RruleError,
    )
    expect(() => parseSeries('DTSTART:20260231T090000\nRRULE:FREQ=DAILY')).toThrow(RruleError)
  })

  it('round-trips a series', () => {
    const text = 'DTSTART;TZID=Asia/Shanghai:20260516T090000\nRRULE:FREQ=WEEKLY;BYDAY=SA;COUNT=10'
    expect(formatSeries(series(text))).toBe(text)
    expect(series(text).dtstart.toISOString()).toBe(sh('2026-05-16T09:00:00'))
  })
})

describe('rrule subset: expansion', () => {
  it('daily with a count, in Shanghai wall time across the UTC date line', () => {
    // 07:30 in Shanghai is 23:30 UTC the day before.
    const s = series('DTSTART;TZID=Asia/Shanghai:20260501T073000\nRRULE:FREQ=DAILY;COUNT=3')
    expect(iso(occurrences(s, { to: FAR }))).toEqual([
      sh('2026-05-01T07:30:00'),
      sh('2026-05-02T07:30:00'),
      sh('2026-05-03T07:30:00'),
    ])
  })

  it('daily with an interval and a weekday filter', () => {
    const s = series('DTSTART:20260501T090000\nRRULE:FREQ=DAILY;INTERVAL=2;BYDAY=MO,FR;COUNT=3')
    // 1 May 2026 is a Friday; every 2nd day: 1 (Fr), 3 (Su), 5 (Tu), 7 (Th), 9 (Sa), 11 (Mo), 13, 15 (Fr)
    expect(iso(occurrences(s, { to: FAR }))).toEqual([
      sh('2026-05-01T09:00:00'),
      sh('2026-05-11T09:00:00'),
      sh('2026-05-15T09:00:00'),
    ])
  })

  it('weekly on several days, skipping days before DTSTART in its first week', () => {
    // 13 May 2026 is a Wednesday: Monday the 11th is before the start.
    const s = series('DTSTART:20260513T140000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE,SA;COUNT=5')
    expect(iso(occurrences(s, { to: FAR }))).toEqual([
      sh('2026-05-13T14:00:00'),
      sh('2026-05-16T14:00:00'),
      sh('2026-05-18T14:00:00'),
      sh('2026-05-20T14:00:00'),
      sh('2026-05-23T14:00:00'),
    ])
  })

  it('weekly every other week, on the start weekday when BYDAY is absent', () => {
    const s = series('DTSTART:20260516T090000\nRRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20260613')
    expect(iso(occurrences(s, { to: FAR }))).toEqual([
      sh('2026-05-16T09:00:00'),
      sh('2026-05-30T09:00:00'),
      sh('2026-06-13T09:00:00'),
    ])
  })

  it('a weekly interval counts weeks from the week of DTSTART (Sunday ends the week)', () => {
    // DTSTART Sunday 17 May; weeks start Monday, so Saturday the 23rd is in the next week.
    const s = series('DTSTART:20260517T090000\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU;COUNT=3')
    expect(iso(occurrences(s, { to: FAR }))).toEqual([
      sh('2026-05-17T09:00:00'),
      sh('2026-05-30T09:00:00'),
      sh('2026-05-31T09:00:00'),
    ])
  })

  it('does not count a DTSTART that does not match the rule', () => {
    const s = series('DTSTART:20260515T090000\nRRULE:FREQ=WEEKLY;BYDAY=SA;COUNT=2')
    expect(iso(occurrences(s, { to: FAR }))).toEqual([sh('2026-05-16T09:00:00'), sh('2026-05-23T09:00:00')])
  })

  it('UNTIL is inclusive; a UTC UNTIL cuts exactly', () => {
    const s = series('DTSTART:20260501T090000\nRRULE:FREQ=DAILY;UNTIL=20260503T010000Z')
    expect(occurrences(s, { to: FAR })).toHaveLength(3)
    const t = series('DTSTART:20260501T090000\nRRULE:FREQ=DAILY;UNTIL=20260503T005959Z')
    expect(occurrences(t, { to: FAR })).toHaveLength(2)
  })

  it('windows: `from` keeps COUNT counting from DTSTART, `to` is exclusive, `limit` caps', () => {
    const s = series('DTSTART:20260501T090000\nRRULE:FREQ=DAILY;COUNT=10')
    expect(iso(occurrences(s, { from: new Date(sh('2026-05-09T00:00:00')), to: FAR }))).toEqual([
      sh('2026-05-09T09:00:00'),
      sh('2026-05-10T09:00:00'),
    ])
    expect(occurrences(s, { to: new Date(sh('2026-05-03T09:00:00')) })).toHaveLength(2)
    const endless = series('DTSTART:20260501T090000\nRRULE:FREQ=DAILY')
    expect(occurrences(endless, { to: FAR, limit: 7 })).toHaveLength(7)
    expect(occurrences(endless, { to: new Date(sh('2026-07-30T00:00:00')) })).toHaveLength(90)
  })

  it('handles leap days and year ends', () => {
    const s = series('DTSTART:20271230T200000\nRRULE:FREQ=DAILY;INTERVAL=30;COUNT=3')
    expect(iso(occurrences(s, { to: FAR }))).toEqual([
      sh('2027-12-30T20:00:00'),
      sh('2028-01-29T20:00:00'),
      sh('2028-02-28T20:00:00'),
    ])
    const leap = series('DTSTART:20280228T090000\nRRULE:FREQ=DAILY;COUNT=2')
    expect(iso(occurrences(leap, { to: FAR }))[1]).toBe(sh('2028-02-29T09:00:00'))
  })
})
