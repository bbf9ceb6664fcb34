import { goto } from '$app/navigation'
import { navigating } from '$app/state'
import { currentPath, isPublicPath } from '$lib/paths.ts'
import { session } from '$lib/state/session.svelte.ts'

/**
 * The session ran out (an API answer said so, or the live connection was closed with 4401):
 * back to sign-in with a notice, then back to the page the user was on — or going to.
 */
export function sessionExpired(): void {
  const target = navigating.to?.url
  const here = target ? target.pathname + target.search : currentPath()
  session.clear(true)
  // Not awaited: the navigation replaces whatever page noticed the expiry.
  if (!isPublicPath(here))
    void goto(`/sign-in?expired=1&next=${encodeURIComponent(here)}`, { replaceState: true })
}
