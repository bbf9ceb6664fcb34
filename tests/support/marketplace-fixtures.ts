import { type Db, schema } from '@liandong/db'
import { createSecretBox } from '@liandong/server'
import type { TestApp } from './app.ts'

// Recipients, consents, needs and resources written straight into the database, so the referral
// suites do not depend on the recipient, need and resource APIs (tested in their own suites).
// Personal fields are sealed with the app's own data key, as the recipients service seals them.

let counter = 0
const next = () => `${process.pid % 10000}${String(++counter).padStart(4, '0')}`

export interface RecipientOptions {
  name?: string
  phone?: string
  address?: string
  categories?: string[]
  birthYear?: number
  districtCode?: string
}

export async function makeRecipient(t: TestApp, orgId: string, options: RecipientOptions = {}) {
  const box = createSecretBox(t.config.dataKeys)
  const name = options.name ?? `王${next().slice(-2)}`
  const phone = options.phone ?? `139${next().padStart(8, '0').slice(-8)}`
  const [row] = await t.database.db
    .insert(schema.recipients)
    .values({
      orgId,
      code: `R-T${next()}`,
      nameSealed: box.seal(name),
      nameMasked: `${name.slice(0, 1)}**`,
      gender: 'male',
      birthYear: options.birthYear ?? 1958,
      categories: options.categories ?? ['demobilized'],
      districtCode: options.districtCode ?? '510104',
      phoneSealed: box.seal(phone),
      phoneLast4: phone.slice(-4),
      addressSealed: box.seal(options.address ?? '成都市锦江区书院南街 3 号'),
    })
    .returning()
  return row!
}

export interface ConsentOptions {
  scope?: string
  givenAt?: Date
  expiresAt?: Date | null
  withdrawnAt?: Date | null
}

/** A share_with_org consent naming `targetOrgId`. */
export async function giveShareConsent(
  db: Db,
  recipientId: string,
  targetOrgId: string,
  options: ConsentOptions = {},
) {
  const [row] = await db
    .insert(schema.recipientConsents)
    .values({
      recipientId,
      purpose: 'share_with_org',
      scope: options.scope ?? '姓名、电话',
      targetOrgId,
      method: 'paper',
      givenAt: options.givenAt ?? new Date(Date.now() - 3_600_000),
      expiresAt: options.expiresAt ?? null,
      withdrawnAt: options.withdrawnAt ?? null,
    })
    .returning()
  return row!
}

export interface NeedOptions {
  title?: string
  publicSummary?: string
  categories?: string[]
  urgency?: string
  quantity?: number
  status?: string
  districtCode?: string
  createdBy?: string
}

export async function makeNeed(db: Db, orgId: string, recipientId: string, options: NeedOptions = {}) {
  const [row] = await db
    .insert(schema.needs)
    .values({
      orgId,
      recipientId,
      title: options.title ?? '王大爷术后康复训练',
      categories: options.categories ?? ['rehabilitation'],
      publicSummary: options.publicSummary ?? '一位六十多岁的退役军人髋关节术后，需要每周两次的康复训练。',
      urgency: options.urgency ?? 'normal',
      districtCode: options.districtCode ?? '510104',
      recipientCategories: ['demobilized'],
      ageBand: 'senior',
      quantity: options.quantity ?? 1,
      status: options.status ?? 'open',
      createdBy: options.createdBy ?? null,
    })
    .returning()
  return row!
}

export interface ResourceOptions {
  name?: string
  capacity?: number
  available?: number
  status?: 'draft' | 'active' | 'paused' | 'expired'
  visibility?: 'public' | 'org'
  unit?: string
}

export async function makeResource(db: Db, orgId: string, options: ResourceOptions = {}) {
  const capacity = options.capacity ?? 10
  const [row] = await db
    .insert(schema.resources)
    .values({
      orgId,
      name: options.name ?? `康复训练 ${next()}`,
      description: '肢体康复训练、理疗。',
      resourceType: 'human',
      status: options.status ?? 'active',
      visibility: options.visibility ?? 'public',
      needCategories: ['rehabilitation'],
      districtCodes: ['510104'],
      capacityTotal: capacity,
      capacityAvailable: options.available ?? capacity,
      capacityUnit: options.unit ?? '人',
      lastVerifiedAt: new Date(),
    })
    .returning()
  return row!
}

/** A recipient of `fromOrgId` with a need and a consent to share with `toOrgId`. */
export async function consentedNeed(
  t: TestApp,
  fromOrgId: string,
  toOrgId: string,
  options: { need?: NeedOptions; recipient?: RecipientOptions; consent?: ConsentOptions } = {},
) {
  const recipient = await makeRecipient(t, fromOrgId, options.recipient)
  const consent = await giveShareConsent(t.database.db, recipient.id, toOrgId, options.consent)
  const need = await makeNeed(t.database.db, fromOrgId, recipient.id, options.need)
  return { recipient, consent, need }
}
