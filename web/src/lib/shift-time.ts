import { getLocale } from '$lib/paraglide/runtime.js'

const zone = 'Asia/Shanghai'

/** A shift's time, short: "11月24日周二 19:00–20:30" (the date once when it starts and ends on one day). */
export function shiftRange(startsAt: string, endsAt: string): string {
  const locale = getLocale()
  const day = new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  })
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
  const start = new Date(startsAt)
  const end = new Date(endsAt)
  const sameDay = day.format(start) === day.format(end)
  return sameDay
    ? `${day.format(start)} ${time.format(start)}–${time.format(end)}`
    : `${day.format(start)} ${time.format(start)} – ${day.format(end)} ${time.format(end)}`
}
