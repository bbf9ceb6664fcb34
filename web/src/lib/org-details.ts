import type { OrgDetails } from '$lib/components/OrgDetailsFields.svelte'

export const emptyOrgDetails = (): OrgDetails => ({
  alternateName: '',
  email: '',
  website: '',
  legalStatus: '',
  yearIncorporated: '',
  licenceNumber: '',
  licenceExpiresOn: '',
})

/** From the API's organization: null becomes an empty box. */
export function orgDetailsOf(org: { [K in keyof OrgDetails]: string | number | null }): OrgDetails {
  const text = (v: string | number | null) => (v === null ? '' : String(v))
  return {
    alternateName: text(org.alternateName),
    email: text(org.email),
    website: text(org.website),
    legalStatus: text(org.legalStatus),
    yearIncorporated: text(org.yearIncorporated),
    licenceNumber: text(org.licenceNumber),
    licenceExpiresOn: text(org.licenceExpiresOn),
  }
}

/**
 * The form's text → the API's values. `blank` says what an empty box means: left out at
 * registration (undefined), cleared when editing (null). A year that is not a number is sent as
 * is, so the server names the field in its answer.
 */
export function orgDetailsBody<B extends undefined | null>(values: OrgDetails, blank: B) {
  const t = (v: string) => (v.trim() === '' ? blank : v.trim())
  const year = values.yearIncorporated.trim()
  return {
    alternateName: t(values.alternateName),
    email: t(values.email),
    website: t(values.website),
    legalStatus: t(values.legalStatus),
    yearIncorporated: year === '' ? blank : /^\d+$/.test(year) ? Number(year) : (year as unknown as number),
    licenceNumber: t(values.licenceNumber),
    licenceExpiresOn: t(values.licenceExpiresOn),
  }
}
