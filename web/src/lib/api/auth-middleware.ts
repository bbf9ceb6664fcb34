import type { Middleware } from 'openapi-fetch'
import { goto } from '$app/navigation'
import { navigating } from '$app/state'
import { currentPath } from '$lib/paths.ts'
import { sessionExpired } from '$lib/session-expiry.ts'

/**
 * Two answers change where the user must be, whichever page asked:
 * - 401 `session_expired`: the session ran out; back to sign-in with a notice, then back here.
 * - 403 `two_factor_enrolment_required`: staff must set up two-step sign-in first.
 * Other errors are left to the page that made the call.
 */
export const authMiddleware: Middleware = {
  async onResponse({ request, response }) {
    if (response.status !== 401 && response.status !== 403) return undefined
    // The (app) layout asks /api/me on every navigation and redirects by itself.
    if (new URL(request.url).pathname === '/api/me') return undefined
    let code: string | undefined
    try {
      code = ((await response.clone().json()) as { error?: { code?: string } }).error?.code
    } catch {
      return undefined
    }
    // During a navigation, "here" is where the user was going, not the page still on screen.
    const target = navigating.to?.url
    const here = target ? target.pathname + target.search : currentPath()
    // Not awaited: the navigation replaces the page whose load made this call.
    if (code === 'session_expired') {
      sessionExpired()
    } else if (code === 'two_factor_enrolment_required' && !here.startsWith('/security/two-factor')) {
      void goto(`/security/two-factor?required=1&next=${encodeURIComponent(here)}`, { replaceState: true })
    }
    return undefined
  },
}
