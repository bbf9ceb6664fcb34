/** Pages anyone may open; everything else needs a session. */
const publicPrefixes = [
  '/sign-in',
  '/sign-up',
  '/forgot-password',
  '/reset-password',
  '/invitations/',
  '/verify/',
]

export function isPublicPath(path: string): boolean {
  return publicPrefixes.some((p) => path.startsWith(p))
}

export function currentPath(): string {
  return window.location.pathname + window.location.search
}

/** A `next` parameter may only point inside this site, never to another origin. */
export function safeNext(next: string | null | undefined, fallback = '/home'): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback
  return next
}
