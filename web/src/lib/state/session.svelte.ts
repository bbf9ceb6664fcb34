import { api, type Me } from '$lib/api/client.ts'
import { toApiError, unwrap } from '$lib/api/errors.ts'

export type Role =
  | 'volunteer'
  | 'social_worker'
  | 'supervisor'
  | 'partner_staff'
  | 'org_admin'
  | 'auditor'
  | 'platform_admin'

/** Who is signed in. Loaded once from /api/me and refreshed after anything that changes it. */
class Session {
  me = $state<Me | null>(null)
  /** False until the first /api/me answer, so pages don't flash a signed-out state. */
  known = $state(false)
  /** The last answer said the session had run out (rather than that there never was one). */
  expired = $state(false)

  roles = $derived(new Set((this.me?.roles ?? []) as Role[]))
  signedIn = $derived(this.me !== null)

  has(role: Role): boolean {
    return this.roles.has(role)
  }

  /** Organizations where the user holds one of the given roles. */
  orgsWhere(...roles: Role[]) {
    return (this.me?.memberships ?? []).filter((m) => roles.includes(m.role as Role))
  }

  async load(force = false): Promise<Me | null> {
    if (this.known && !force) return this.me
    const { data, error, response } = await api.GET('/api/me').catch((e: unknown) => {
      throw toApiError(e)
    })
    // 401 means nobody (or a half-finished two-step sign-in); anything else is a real failure.
    if (error !== undefined && response.status !== 401) throw toApiError(error, response)
    this.expired = error !== undefined && toApiError(error, response).code === 'session_expired'
    this.me = data ?? null
    this.known = true
    return this.me
  }

  clear(expired = false) {
    this.me = null
    this.known = true
    this.expired = expired
  }

  async signOut() {
    await unwrap(api.POST('/api/auth/sign-out'))
    this.clear()
  }
}

export const session = new Session()
