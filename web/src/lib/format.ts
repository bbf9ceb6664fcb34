import { getLocale } from '$lib/paraglide/runtime.js'

// Times are stored in UTC and shown in China Standard Time, whatever the browser's zone.
const zone = 'Asia/Shanghai'

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return ''
  return new Intl.DateTimeFormat(getLocale(), {
    timeZone: zone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(value))
}

export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return ''
  return new Intl.DateTimeFormat(getLocale(), { timeZone: zone, dateStyle: 'medium' }).format(new Date(value))
}

/** A date picked in a form (YYYY-MM-DD, meant in China time) as the UTC instant that starts or ends it. */
export function dayBoundary(day: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined
  const instant = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00.000'}+08:00`)
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString()
}

/** Money is kept in fen (integers); shown in yuan. */
export function formatYuan(fen: number): string {
  return new Intl.NumberFormat(getLocale(), { style: 'currency', currency: 'CNY' }).format(fen / 100)
}

/** "12.5" or "12.50" yuan → 1250 fen; undefined for anything that is not an amount with at most two decimals. */
export function yuanToFen(text: string): number | undefined {
  const match = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(text.trim())
  if (!match) return undefined
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
}

/** 1250 fen → "12.50"; whole yuan without decimals ("30"). */
export function fenToYuan(fen: number): string {
  const yuan = Math.floor(fen / 100)
  const rest = fen % 100
  return rest === 0 ? String(yuan) : `${yuan}.${String(rest).padStart(2, '0')}`
}
