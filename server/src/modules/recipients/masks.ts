// What lists show of a recipient instead of the sealed values.

/** 王小明 → 王**; the first character only, so compound surnames (欧阳) still hide the given name. */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length <= 1) return '*'
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`
}

/** The last four characters (phones, ID numbers), kept in clear beside the sealed value. */
export const last4 = (value: string) => value.slice(-4)
