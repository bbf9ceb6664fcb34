export const SESSION_COOKIE = 'ld_session'
export const LOCALE_COOKIE = 'ld_locale'

/** Reads one cookie straight from the header: also works before @fastify/cookie has run. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim())
      } catch {
        return undefined
      }
    }
  }
  return undefined
}
