import type { Me } from '$lib/api/client.ts'
import { coordinatorOrgs } from '$lib/coordinator-access.ts'
import { agencyOrgs, partnerOrgs, referralOrgs } from '$lib/marketplace/access.ts'
import { m } from '$lib/paraglide/messages.js'
import { resourceOrgs } from '$lib/resource-access.ts'
import { stewardshipOrgs } from '$lib/stewardship/access.ts'

export interface NavEntry {
  href: string
  label: string
}

/** The pages this account can open, in the order the header lists them. */
export function navEntries(me: Me): NavEntry[] {
  const roles = new Set(me.roles)
  const entries: NavEntry[] = [
    { href: '/home', label: m.nav_home() },
    { href: '/resources', label: m.nav_resources() },
  ]
  // The management page switches between organizations when there are several.
  const resourceOrg = resourceOrgs(me)[0]
  if (resourceOrg)
    entries.push({ href: `/organizations/${resourceOrg.orgId}/resources`, label: m.nav_manage_resources() })
  // Volunteers (and anyone without a role yet, who may register as one) reach their own area;
  // members who run opportunities, approve hours or issue certificates reach the coordination pages.
  if (roles.has('volunteer') || me.roles.length === 0)
    entries.push({ href: '/volunteer', label: m.vol_nav_label() })
  // Resource linking: agencies keep recipients and post needs from them (the needs list is a tab
  // beside recipients, which keeps the header to one line); partners find needs they can help
  // with; both follow referrals (outbox or inbox).
  if (agencyOrgs(me).length > 0) entries.push({ href: '/recipients', label: m.mk_nav_recipients() })
  if (partnerOrgs(me).length > 0) entries.push({ href: '/open-needs', label: m.mk_nav_open_needs() })
  if (referralOrgs(me).length > 0) entries.push({ href: '/referrals', label: m.mk_nav_referrals() })
  if (coordinatorOrgs(me).length > 0) entries.push({ href: '/coordinate', label: m.co_nav_label() })
  if (roles.has('platform_admin')) entries.push({ href: '/admin/organizations', label: m.nav_review() })
  if (roles.has('auditor')) entries.push({ href: '/audit', label: m.nav_audit() })
  // Auditors read the archive register (no resource-linking tabs to hold it).
  if (roles.has('auditor')) entries.push({ href: '/archives', label: m.ar_nav() })
  // Complaints, incidents and supervision (服务保障, Chengdu §9): one entry, tabs on the pages.
  if (stewardshipOrgs(me).length > 0) entries.push({ href: '/complaints', label: m.stw_nav_label() })
  const managed = me.memberships.filter((x) => x.role === 'org_admin' || x.role === 'supervisor')
  if (managed.length === 1 && managed[0]) {
    entries.push({ href: `/organizations/${managed[0].orgId}/members`, label: m.nav_members() })
  }
  entries.push({ href: '/organizations', label: m.nav_organizations() })
  return entries
}
