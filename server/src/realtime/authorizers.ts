import type { Principal } from '../auth/principal.ts'
import type { TopicKind } from './protocol.ts'

/** Decides whether `principal` may follow topic `<kind>:<id>`; checked on every subscribe. */
export type TopicAuthorizer = (principal: Principal, id: string) => boolean | Promise<boolean>

/**
 * One authorizer per topic kind. `user` and `org` are decided here; shift, referral and need
 * belong to modules that know those records and register their own check with
 * `app.realtime.authorize(kind, fn)`. A kind nobody has registered refuses every subscribe.
 */
export class TopicAuthorizers {
  private readonly checks = new Map<TopicKind, TopicAuthorizer>([
    ['user', (principal, id) => principal.userId === id],
    // Any member (a pending organization's admin waits to hear it was approved), or the platform admin.
    [
      'org',
      (principal, id) =>
        principal.platformRole === 'platform_admin' || principal.memberships.some((m) => m.orgId === id),
    ],
  ])

  set(kind: TopicKind, check: TopicAuthorizer): void {
    this.checks.set(kind, check)
  }

  async allows(principal: Principal, kind: TopicKind, id: string): Promise<boolean> {
    const check = this.checks.get(kind)
    if (!check) return false
    try {
      return (await check(principal, id)) === true
    } catch {
      // A checker that fails refuses; the client may try again later.
      return false
    }
  }
}
