// A small RFC 5545 recurrence subset, because the `rrule` package is not installed here (and
// packages may not be added in this session): FREQ=DAILY|WEEKLY with INTERVAL, BYDAY (plain
// weekdays), COUNT or UNTIL, and WKST=MO. Anything else is refused, never silently ignored.
//
// A series is stored as two lines, the way iCalendar writes them:
//   DTSTART;TZID=Asia/Shanghai:20260516T090000
//   RRULE:FREQ=WEEKLY;BYDAY=SA;COUNT=10
// Wall times are Asia/Shanghai, which has no daylight saving: a local day is always 24 h, so
// occurrences are DTSTART plus whole days. Like rrule.js (and unlike a literal reading of
// RFC 5545 §3.8.5.3), a DTSTART that does not match the rule is not itself an occurrence.

export class RruleError extends Error {}

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const
const DAY_MS = 86_400_000
const OFFSET_MS = 8 * 3_600_000
const TZID = 'Asia/Shanghai'

export interface Rule {
  freq: 'DAILY' | 'WEEKLY'
  interval: number
  /** 0 = Sunday … 6 = Saturday; empty = DTSTART's weekday (weekly) or every day (daily). */
  byDay: number[]
  count?: number
  /** Inclusive last instant. */
  until?: Date
}

export interface Series {
  /** The first occurrence's start (an instant). */
  dtstart: Date
  rule: Rule
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** 20260516T090000 (Shanghai wall time) ⇄ instant. */
function parseLocal(text: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2}))?$/.exec(text)
  if (!m) throw new RruleError(`bad date-time "${text}"`)
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))
  const back = new Date(utc)
  if (back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d) || Number(h) > 23)
    throw new RruleError(`bad date-time "${text}"`)
  return new Date(utc - OFFSET_MS)
}

function formatLocal(at: Date): string {
  const l = new Date(at.getTime() + OFFSET_MS)
  return `${l.getUTCFullYear()}${pad(l.getUTCMonth() + 1)}${pad(l.getUTCDate())}T${pad(l.getUTCHours())}${pad(l.getUTCMinutes())}${pad(l.getUTCSeconds())}`
}

function formatUtc(at: Date): string {
  return `${at.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`
}

/** Parses an RRULE value (with or without the `RRULE:` prefix). */
export function parseRule(text: string): Rule {
  const body = text.trim().replace(/^RRULE:/i, '')
  if (!body) throw new RruleError('empty rule')
  const parts = new Map<string, string>()
  for (const part of body.split(';')) {
    const [key, value, extra] = part.split('=')
    if (!key || value === undefined || extra !== undefined) throw new RruleError(`bad part "${part}"`)
    const k = key.toUpperCase()
    if (parts.has(k)) throw new RruleError(`${k} given twice`)
    parts.set(k, value.toUpperCase())
  }
  for (const key of parts.keys())
    if (!['FREQ', 'INTERVAL', 'BYDAY', 'COUNT', 'UNTIL', 'WKST'].includes(key))
      throw new RruleError(`${key} is not supported`)
  const freq = parts.get('FREQ')
  if (freq !== 'DAILY' && freq !== 'WEEKLY') throw new RruleError('FREQ must be DAILY or WEEKLY')
  const wkst = parts.get('WKST')
  if (wkst !== undefined && wkst !== 'MO') throw new RruleError('only WKST=MO is supported')

  const int = (key: string, max: number) => {
    const raw = parts.get(key)
    if (raw === undefined) return undefined
    if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1 || Number(raw) > max)
      throw new RruleError(`${key} must be 1–${max}`)
    return Number(raw)
  }
  const rule: Rule = { freq, interval: int('INTERVAL', 366) ?? 1, byDay: [] }
  const count = int('COUNT', 1000)
  if (count !== undefined) rule.count = count
  const byDay = parts.get('BYDAY')
  if (byDay !== undefined) {
    const days = byDay.split(',').map((d) => DAYS.indexOf(d as (typeof DAYS)[number]))
    if (days.some((d) => d < 0)) throw new RruleError('BYDAY takes plain weekdays (MO,TU,…)')
    rule.byDay = [...new Set(days)].sort((a, b) => a - b)
  }
  const until = parts.get('UNTIL')
  if (until !== undefined) {
    if (rule.count !== undefined) throw new RruleError('COUNT and UNTIL cannot both be given')
    if (/^\d{8}T\d{6}Z$/.test(until)) {
      const iso = `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}T${until.slice(9, 11)}:${until.slice(11, 13)}:${until.slice(13, 15)}Z`
      const at = new Date(iso)
      if (Number.isNaN(at.getTime())) throw new RruleError('bad UNTIL')
      rule.until = at
    } else if (/^\d{8}$/.test(until)) {
      // A date: through the end of that day in Shanghai.
      rule.until = new Date(parseLocal(until).getTime() + DAY_MS - 1000)
    } else throw new RruleError('UNTIL must be YYYYMMDD or YYYYMMDDTHHMMSSZ')
  }
  return rule
}

export function formatRule(rule: Rule): string {
  const parts = [`FREQ=${rule.freq}`]
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`)
  if (rule.byDay.length) parts.push(`BYDAY=${rule.byDay.map((d) => DAYS[d]).join(',')}`)
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`)
  if (rule.until) parts.push(`UNTIL=${formatUtc(rule.until)}`)
  return `RRULE:${parts.join(';')}`
}

export function formatSeries(series: Series): string {
  return `DTSTART;TZID=${TZID}:${formatLocal(series.dtstart)}\n${formatRule(series.rule)}`
}

export function parseSeries(text: string): Series {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
  const start = lines.find((l) => l.toUpperCase().startsWith('DTSTART'))
  const rrule = lines.find((l) => l.toUpperCase().startsWith('RRULE:'))
  if (!start || !rrule || lines.length !== 2) throw new RruleError('a series is DTSTART and RRULE lines')
  const m = /^DTSTART(?:;TZID=([^:]+))?:(\d{8}T\d{6})$/i.exec(start)
  if (!m || (m[1] && m[1] !== TZID)) throw new RruleError(`DTSTART must be local time in ${TZID}`)
  return { dtstart: parseLocal(m[2]!), rule: parseRule(rrule) }
}

/**
 * Occurrence starts of a series in order, from DTSTART, stopping at COUNT, UNTIL, `to`
 * (exclusive) or `limit`. COUNT counts from DTSTART, so occurrences before `from` still use up
 * the count; only those at or after `from` are returned.
 */
export function occurrences(series: Series, window: { from?: Date; to: Date; limit?: number }): Date[] {
  const { dtstart, rule } = series
  const out: Date[] = []
  const limit = window.limit ?? 1000
  const fromMs = window.from?.getTime() ?? Number.NEGATIVE_INFINITY
  const toMs = window.to.getTime()
  const localStart = dtstart.getTime() + OFFSET_MS
  const startDay = Math.floor(localStart / DAY_MS)
  const timeOfDay = localStart - startDay * DAY_MS
  const weekdayOf = (day: number) => (day + 4) % 7 // 1970-01-01 was a Thursday
  let seen = 0

  // Candidate local days in increasing order, lazily.
  function* days(): Generator<number> {
    if (rule.freq === 'DAILY') {
      for (let day = startDay; ; day += rule.interval)
        if (rule.byDay.length === 0 || rule.byDay.includes(weekdayOf(day))) yield day
    } else {
      const byDay = rule.byDay.length ? rule.byDay : [weekdayOf(startDay)]
      // Offsets from Monday (WKST=MO): MO=0 … SU=6.
      const offsets = byDay.map((d) => (d + 6) % 7).sort((a, b) => a - b)
      const monday = startDay - ((weekdayOf(startDay) + 6) % 7)
      for (let week = monday; ; week += 7 * rule.interval)
        for (const offset of offsets) if (week + offset >= startDay) yield week + offset
    }
  }

  for (const day of days()) {
    const at = day * DAY_MS + timeOfDay - OFFSET_MS
    if (at >= toMs) break
    if (rule.until && at > rule.until.getTime()) break
    if (rule.count !== undefined && seen >= rule.count) break
    seen++
    if (at >= fromMs) out.push(new Date(at))
    if (out.length >= limit) break
  }
  return out
}
