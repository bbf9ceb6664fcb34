import { error } from '@sveltejs/kit'
import { caseOrgs, readsViewLogs } from '$lib/cases/access.ts'
import { m } from '$lib/paraglide/messages.js'

// Cases are the business of an agency's social workers and supervisors; auditors reach only the
// who-viewed logs. The API decides case by case.
export async function load({ parent }) {
  const { me } = await parent()
  if (caseOrgs(me).length === 0 && !readsViewLogs(me))
    error(403, { message: m.forbidden_body(), code: 'forbidden' })
}
