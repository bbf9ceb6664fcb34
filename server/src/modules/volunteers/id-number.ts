import type { IdType } from '@liandong/db'

// ID numbers: normalised before hashing (so "5101 0420… x" and "510104…X" are one person),
// checked where the format is public (resident ID: GB 11643 check digit), shown as the last 4 only.

export function normaliseIdNumber(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase()
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

/** An 18-character resident ID with a valid GB 11643 check digit. */
export function isResidentId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0)
  return CHECK[sum % 11] === id[17]
}

/** The birth date a resident ID carries (YYYY-MM-DD). */
export const residentIdBirthDate = (id: string) =>
  `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`

/** Loose checks for the other document types: letters, digits, brackets; 5–20 characters. */
export function isPlausibleIdNumber(type: IdType, id: string): boolean {
  if (type === 'resident_id') return isResidentId(id)
  return /^[A-Z0-9()（）]{5,20}$/.test(id)
}

export const maskLast4 = (last4: string | null) => (last4 ? `••••${last4}` : null)

/** Mainland mobile numbers, with or without +86 and separators. */
export function normalisePhone(value: string): string | null {
  const digits = value.replace(/[\s-]/g, '').replace(/^(\+?86)/, '')
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null
}
