/** Hours with at most one decimal, as the certificate and its verification page print them. */
export const hoursOf = (minutes: number) => Math.round(minutes / 6) / 10
export const formatHours = (minutes: number) => String(hoursOf(minutes))

/**
 * A name as the public verification page shows it: the first character and, from three
 * characters on, the last; the rest starred (张*, 李*华, 欧阳**明). Letters count one by one.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length <= 1) return chars.join('')
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`
}

/** A volunteer's certificate number: LD-<year>-<organization code>-<sequence within that year>. */
export const certificateNumber = (year: string, orgCode: string, seq: number) =>
  `LD-${year}-${orgCode}-${String(seq).padStart(4, '0')}`

/** Six characters that tell organizations apart in a number: the random tail of its UUIDv7. */
export const orgCode = (orgId: string) => orgId.replace(/-/g, '').slice(-6).toUpperCase()
