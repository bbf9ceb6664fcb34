import type { OrgRole, PlatformRole, Role } from '@liandong/db'
import { type Action, everyone, grants, platformGrants, type Scope, staffRoles } from './permissions.ts'

export interface Membership {
  orgId: string
  orgName: string
  orgKind: string
  orgStatus: string
  role: OrgRole
}

/** Who is calling, with everything the access checks need, loaded once per request. */
export class Principal {
  constructor(
    readonly userId: string,
    readonly sessionId: string,
    readonly isVolunteer: boolean,
    readonly platformRole: PlatformRole | null,
    readonly memberships: Membership[],
  ) {}

  /** Org roles count only in approved organizations; a pending org's admin waits for review. */
  get activeMemberships(): Membership[] {
    return this.memberships.filter((m) => m.orgStatus === 'approved')
  }

  get roles(): Role[] {
    const roles = new Set<Role>()
    if (this.isVolunteer) roles.add('volunteer')
    if (this.platformRole) roles.add(this.platformRole)
    for (const m of this.activeMemberships) roles.add(m.role)
    return [...roles]
  }

  get isStaff(): boolean {
    return this.roles.some((r) => staffRoles.includes(r))
  }

  /** The widest scope any of the caller's roles grants for an action, or null. */
  scope(action: Action): Scope | null {
    const platform = this.platformRole ? platformGrants[this.platformRole][action] : undefined
    if (platform) return platform
    if (this.orgIdsFor(action).length > 0) return 'organization'
    if (this.isVolunteer && grants.volunteer[action]) return grants.volunteer[action] ?? null
    return everyone[action] ?? null
  }

  can(action: Action): boolean {
    return this.scope(action) !== null
  }

  /** Organizations where one of the caller's roles grants the action at organization scope. */
  orgIdsFor(action: Action): string[] {
    return this.activeMemberships.filter((m) => grants[m.role][action] !== undefined).map((m) => m.orgId)
  }

  /** True when the caller may act on records of `orgId` for this action. */
  canInOrg(action: Action, orgId: string): boolean {
    return this.scope(action) === 'all' || this.orgIdsFor(action).includes(orgId)
  }
}
