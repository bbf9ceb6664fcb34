import type { schema } from '@liandong/db'
import type { SecretBox } from '../../crypto/secret-box.ts'

// What of a recipient travels with a referral: only the fields the recipient agreed to share with
// the receiving organization, sealed into `referrals.shared_sealed` when it is sent and opened
// only for that organization's staff while they serve the recipient.

export const shareableFields = ['name', 'phone', 'address', 'gender', 'birthYear', 'idNumber'] as const
export type ShareableField = (typeof shareableFields)[number]
export type SharedFields = Partial<Record<ShareableField, string>>

// How a consent's scope names each field: the key itself, or the words a worker writes on the form.
const scopeWords: Record<ShareableField, readonly string[]> = {
  name: ['name', '姓名'],
  phone: ['phone', '电话', '手机'],
  address: ['address', '地址', '住址'],
  gender: ['gender', '性别'],
  birthYear: ['birthyear', 'birth_year', '出生年份', '年龄'],
  idNumber: ['idnumber', 'id_number', '身份证', '证件号'],
}

/**
 * The fields a consent's scope names. The scope is free text as recorded with the consent
 * ("姓名、电话、需求摘要" or "name, phone"); a field is shared only when the scope names it, so an
 * empty scope shares no personal field.
 */
export function consentedFields(scope: string): ShareableField[] {
  const text = scope.toLowerCase()
  return shareableFields.filter((f) => scopeWords[f].some((w) => text.includes(w)))
}

type RecipientRow = typeof schema.recipients.$inferSelect

/** Opens the named fields of the recipient and seals them as one JSON value, or null when none. */
export function sealShared(box: SecretBox, recipient: RecipientRow, fields: readonly ShareableField[]) {
  const open = (sealed: string | null) => (sealed ? box.open(sealed) : undefined)
  const values: SharedFields = {}
  for (const field of fields) {
    const value =
      field === 'name'
        ? open(recipient.nameSealed)
        : field === 'phone'
          ? open(recipient.phoneSealed)
          : field === 'address'
            ? open(recipient.addressSealed)
            : field === 'idNumber'
              ? open(recipient.idNumberSealed)
              : field === 'gender'
                ? (recipient.gender ?? undefined)
                : recipient.birthYear != null
                  ? String(recipient.birthYear)
                  : undefined
    if (value !== undefined) values[field] = value
  }
  return Object.keys(values).length > 0 ? box.seal(JSON.stringify(values)) : null
}

export function openShared(box: SecretBox, sealed: string | null): SharedFields {
  return sealed ? (JSON.parse(box.open(sealed)) as SharedFields) : {}
}
