import { type Db, organizationsRepo, schema } from '@liandong/db'
import { and, count, desc, eq, inArray, like, sql } from 'drizzle-orm'
import type { Static } from 'typebox'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { createSecretBox, type SecretBox } from '../../crypto/secret-box.ts'
import { ConflictError, type FieldProblem, NotFoundError, ValidationError } from '../../errors.ts'
import { ageBandFromBirthYear } from '../needs/age-band.ts'
import type { AgeBand } from '../needs/need-types.ts'
import { type FileSeries, nextFileNumber } from '../organizations/file-numbers.ts'
import { shanghaiDate } from '../volunteers/age.ts'
import { isServedDistrict } from '../volunteers/districts.ts'
import {
  isPlausibleIdNumber,
  maskLast4,
  normaliseIdNumber,
  normalisePhone,
  residentIdBirthDate,
} from '../volunteers/id-number.ts'
import { consentView } from './consent.service.ts'
import { last4, maskName } from './masks.ts'
import type {
  HouseholdMember as HouseholdMemberSchema,
  RecipientInput,
  RecipientListQuery,
  RevealableField,
  SensitivePatch,
} from './recipient.schemas.ts'

type Input = Static<typeof RecipientInput>
export type RecipientRow = typeof schema.recipients.$inferSelect
const { recipients, recipientConsents, organizations } = schema

export const isUniqueViolation = (error: unknown, constraint: string) => {
  const e = error as {
    code?: string
    constraint_name?: string
    cause?: { code?: string; constraint?: string }
  }
  if ((e.code ?? e.cause?.code) !== '23505') return false
  const name = e.constraint_name ?? e.cause?.constraint ?? ''
  return name.includes(constraint) || String((error as Error).message).includes(constraint)
}

/** The masked view every list and detail shows; sealed values never leave through it. */
export function recipientView(row: RecipientRow, year: number) {
  return {
    id: row.id,
    orgId: row.orgId,
    code: row.code,
    nameMasked: row.nameMasked,
    gender: row.gender,
    birthYear: row.birthYear,
    ageBand: row.birthYear === null ? null : (ageBandFromBirthYear(row.birthYear, year) as AgeBand),
    categories: row.categories,
    districtCode: row.districtCode,
    phoneLast4: row.phoneLast4,
    idType: row.idType,
    idNumberMasked: maskLast4(row.idNumberLast4),
    has: {
      birthDate: row.birthDateSealed !== null,
      phone: row.phoneSealed !== null,
      idNumber: row.idNumberSealed !== null,
      address: row.addressSealed !== null,
      household: row.householdSealed !== null,
      health: row.healthSealed !== null,
      income: row.incomeSealed !== null,
      military: row.militarySealed !== null,
    },
    householdSize: row.householdSize,
    primaryWorkerId: row.primaryWorkerId,
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

/** Recipients' file numbers: R2026-0001, R2026-0002 … per organization and year. */
export const recipientSeries: FileSeries = {
  table: recipients,
  orgId: recipients.orgId,
  code: recipients.code,
}

/** A recipient of an organization where the caller holds `action`; 404 for anyone else. */
export async function loadRecipient(
  db: Db,
  principal: Principal,
  id: string,
  action: 'recipient.read' | 'recipient.manage' | 'recipient.reveal',
): Promise<RecipientRow> {
  const [row] = await db.select().from(recipients).where(eq(recipients.id, id))
  if (!row || !principal.canInOrg(action, row.orgId)) throw new NotFoundError()
  // An erased recipient's record is a tombstone: it can be listed, never revealed or changed.
  if (row.status === 'erased' && action !== 'recipient.read') throw new ConflictError('recipient.erased')
  return row
}

/** Opens a recipient's sealed fields (for the agency's own use: reveal, referral sharing). */
export function openRecipient(box: SecretBox, row: RecipientRow) {
  const open = (v: string | null) => (v === null ? null : box.open(v))
  return {
    name: box.open(row.nameSealed),
    birthDate: open(row.birthDateSealed),
    phone: open(row.phoneSealed),
    idNumber: open(row.idNumberSealed),
    address: open(row.addressSealed),
  }
}

type HouseholdMember = Static<typeof HouseholdMemberSchema>

/** The sealed columns of household, health, income and military service, from input (null clears). */
export function sealSensitive(box: SecretBox, input: Static<typeof SensitivePatch>) {
  const text = (v: string | null | undefined) =>
    v === undefined ? undefined : v === null ? null : box.seal(v.trim())
  const household = input.household
  return {
    ...(household === undefined
      ? {}
      : {
          householdSealed:
            household === null || household.length === 0 ? null : box.seal(JSON.stringify(household)),
          householdSize: household === null || household.length === 0 ? null : household.length,
        }),
    ...(input.health === undefined ? {} : { healthSealed: text(input.health) }),
    ...(input.income === undefined ? {} : { incomeSealed: text(input.income) }),
    ...(input.military === undefined ? {} : { militarySealed: text(input.military) }),
  }
}

/** Opens household, health, income and military service (only ever one at a time, for a reveal). */
export function openSensitive(
  box: SecretBox,
  row: RecipientRow,
  field: 'household' | 'health' | 'income' | 'military',
) {
  if (field === 'household')
    return {
      value: null,
      household: row.householdSealed ? (JSON.parse(box.open(row.householdSealed)) as HouseholdMember[]) : [],
    }
  const sealed =
    field === 'health' ? row.healthSealed : field === 'income' ? row.incomeSealed : row.militarySealed
  return { value: sealed === null ? null : box.open(sealed) }
}

export function recipientService({ database, clock, config }: Infrastructure) {
  const db = database.db
  const box = createSecretBox(config.dataKeys)
  const year = () => Number(shanghaiDate(clock.now()).slice(0, 4))

  function validate(input: Input) {
    const problems: FieldProblem[] = []
    const today = shanghaiDate(clock.now())
    let birthYear = input.birthYear ?? null
    if (input.birthDate) {
      if (input.birthDate > today) problems.push({ field: 'body.birthDate', code: 'field.in_future' })
      birthYear = Number(input.birthDate.slice(0, 4))
    } else if (birthYear === null) problems.push({ field: 'body.birthYear', code: 'field.birth_required' })
    else if (birthYear > Number(today.slice(0, 4)))
      problems.push({ field: 'body.birthYear', code: 'field.in_future' })
    let phone: string | null = null
    if (input.phone) {
      phone = normalisePhone(input.phone)
      if (!phone) problems.push({ field: 'body.phone', code: 'field.phone' })
    }
    let idNumber: string | null = null
    if (input.idNumber) {
      idNumber = normaliseIdNumber(input.idNumber)
      if (!input.idType) problems.push({ field: 'body.idType', code: 'field.required' })
      else if (!isPlausibleIdNumber(input.idType, idNumber))
        problems.push({ field: 'body.idNumber', code: 'field.id_number' })
      else if (
        input.idType === 'resident_id' &&
        input.birthDate &&
        residentIdBirthDate(idNumber) !== input.birthDate
      )
        problems.push({ field: 'body.birthDate', code: 'field.id_birth_mismatch' })
    }
    if (input.districtCode && !isServedDistrict(input.districtCode))
      problems.push({ field: 'body.districtCode', code: 'field.district' })
    if (problems.length) throw new ValidationError(problems)
    return { birthYear: birthYear!, phone, idNumber }
  }

  return {
    box,

    async create(principal: Principal, orgId: string, input: Input) {
      if (!principal.canInOrg('recipient.manage', orgId)) throw new NotFoundError()
      const org = await organizationsRepo(db).findById(orgId)
      if (org?.status !== 'approved') throw new ConflictError('org_not_approved')
      const { birthYear, phone, idNumber } = validate(input)
      if (input.primaryWorkerId) {
        const [member] = await db
          .select({ id: schema.memberships.id })
          .from(schema.memberships)
          .where(
            and(eq(schema.memberships.orgId, orgId), eq(schema.memberships.userId, input.primaryWorkerId)),
          )
        if (!member)
          throw new ValidationError([{ field: 'body.primaryWorkerId', code: 'field.invalid_value' }])
      }
      const name = input.name.trim()
      const values = {
        orgId,
        nameSealed: box.seal(name),
        nameMasked: maskName(name),
        gender: input.gender ?? null,
        birthYear,
        birthDateSealed: input.birthDate ? box.seal(input.birthDate) : null,
        categories: input.categories,
        districtCode: input.districtCode ?? null,
        phoneSealed: phone ? box.seal(phone) : null,
        phoneLast4: phone ? last4(phone) : null,
        idType: idNumber ? input.idType! : null,
        idNumberSealed: idNumber ? box.seal(idNumber) : null,
        idNumberHash: idNumber ? box.hash(idNumber) : null,
        idNumberLast4: idNumber ? last4(idNumber) : null,
        addressSealed: input.address ? box.seal(input.address.trim()) : null,
        primaryWorkerId: input.primaryWorkerId ?? principal.userId,
        createdBy: principal.userId,
        ...sealSensitive(box, input),
      }
      const taken = () =>
        new ConflictError('validation_failed', {}, [
          { field: 'body.idNumber', code: 'field.recipient_taken' },
        ])
      if (idNumber) {
        // Under every configured key, so a rotation does not let a duplicate through.
        const hashes = box.hashes(idNumber)
        const [dup] = await db
          .select({ id: recipients.id })
          .from(recipients)
          .where(and(eq(recipients.orgId, orgId), inArray(recipients.idNumberHash, hashes)))
        if (dup) throw taken()
      }
      // Two workers may race for the next file number: the unique index decides, the loser retries.
      for (let attempt = 0; ; attempt++) {
        try {
          const code = input.code ?? (await nextFileNumber(db, recipientSeries, orgId, 'R', year()))
          const [row] = await db
            .insert(recipients)
            .values({ ...values, code })
            .returning()
          return { ...recipientView(row!, year()), consents: [] }
        } catch (error) {
          if (isUniqueViolation(error, 'recipients_org_id_hash_uq')) throw taken()
          if (isUniqueViolation(error, 'recipients_org_code_uq')) {
            if (input.code)
              throw new ConflictError('validation_failed', {}, [
                { field: 'body.code', code: 'field.code_taken' },
              ])
            if (attempt < 5) continue
          }
          throw error
        }
      }
    },

    async list(principal: Principal, orgId: string, query: Static<typeof RecipientListQuery>) {
      if (!principal.canInOrg('recipient.read', orgId)) throw new NotFoundError()
      const limit = query.limit ?? 20
      const offset = query.offset ?? 0
      const where = and(
        eq(recipients.orgId, orgId),
        query.status ? eq(recipients.status, query.status) : undefined,
        query.category ? sql`${query.category} = any(${recipients.categories})` : undefined,
        query.code ? like(recipients.code, `${query.code.replace(/[%_\\]/g, '\\$&')}%`) : undefined,
        query.phoneLast4 ? eq(recipients.phoneLast4, query.phoneLast4) : undefined,
      )
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(recipients)
          .where(where)
          .orderBy(desc(recipients.createdAt))
          .limit(limit)
          .offset(offset),
        db.select({ n: count() }).from(recipients).where(where),
      ])
      return { items: rows.map((r) => recipientView(r, year())), total: total?.n ?? 0, limit, offset }
    },

    async get(principal: Principal, id: string) {
      const row = await loadRecipient(db, principal, id, 'recipient.read')
      const consents = await db
        .select({ consent: recipientConsents, orgName: organizations.name })
        .from(recipientConsents)
        .leftJoin(organizations, eq(organizations.id, recipientConsents.targetOrgId))
        .where(eq(recipientConsents.recipientId, id))
        .orderBy(desc(recipientConsents.givenAt))
      const now = clock.now()
      return {
        ...recipientView(row, year()),
        consents: consents.map((c) => consentView(box, c.consent, c.orgName, now)),
      }
    },

    /** One sealed field in clear, for a stated reason (the route audits the read). */
    async reveal(principal: Principal, id: string, field: RevealableField) {
      const row = await loadRecipient(db, principal, id, 'recipient.reveal')
      if (field === 'household' || field === 'health' || field === 'income' || field === 'military')
        return { row, ...openSensitive(box, row, field) }
      return { row, value: openRecipient(box, row)[field] }
    },
  }
}
