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
