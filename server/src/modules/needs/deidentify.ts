// A need's public summary is what partners and the search index see. Workers write it, so it is
// checked for what most often slips in: the recipient's own name, phone or ID number, and anything
// shaped like a mainland mobile number or a resident ID. Not a guarantee — a review habit in code.

// Whole numbers only (no digit on either side), so an ID number does not also count as a phone.
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/
const RESIDENT_ID = /(?<!\d)\d{17}[\dXx](?!\d)/
const LANDLINE = /(?<!\d)0\d{2,3}\d{7,8}(?!\d)/

export interface Identifiers {
  name?: string | null
  phone?: string | null
  idNumber?: string | null
  address?: string | null
}

/** Names of what the text gives away; empty when nothing was found. */
export function identifyingParts(text: string, who: Identifiers): string[] {
  const compact = text.replace(/[\s-]/g, '')
  const found: string[] = []
  if (who.name && who.name.trim().length >= 2 && text.includes(who.name.trim())) found.push('name')
  if ((who.phone && compact.includes(who.phone)) || MOBILE.test(compact) || LANDLINE.test(compact))
    found.push('phone')
  if ((who.idNumber && compact.toUpperCase().includes(who.idNumber)) || RESIDENT_ID.test(compact))
    found.push('id_number')
  if (who.address && who.address.trim().length >= 6 && text.includes(who.address.trim()))
    found.push('address')
  return found
}
