import { type DbOrTx, type IdType, schema } from '@liandong/db'
import { and, eq, inArray, ne } from 'drizzle-orm'
import type { Static } from 'typebox'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { createSecretBox } from '../../crypto/secret-box.ts'
import { ConflictError, type FieldProblem, ValidationError } from '../../errors.ts'
import { shanghaiDate } from '../volunteers/age.ts'
import { isServedDistrict } from '../volunteers/districts.ts'
import {
  isPlausibleIdNumber,
  normaliseIdNumber,
  normalisePhone,
  residentIdBirthDate,
} from '../volunteers/id-number.ts'
import { last4, maskName } from './masks.ts'
import type { SensitivePatch } from './recipient.schemas.ts'
import { type RecipientRow, recipientView, sealSensitive } from './recipient.service.ts'
import type { CorrectableField, RecipientPatch } from './rights.schemas.ts'
import { loadForRights, openOutcome, sealOutcome } from './rights.service.ts'

const { recipients, recipientRequests } = schema

/**
 * Corrections (PIPL art. 46) go through the recipient's update routes. An edit that names an open
 * correction request (`?request=`) adds the fields it changed to that request, in the same
 * transaction; the audit trail keeps which fields changed, never the old or new values.
 */
export function correctionService({ database, clock, config }: Infrastructure) {
  const db = database.db
  const box = createSecretBox(config.dataKeys)
  const year = () => Number(shanghaiDate(clock.now()).slice(0, 4))

  async function link(tx: DbOrTx, recipientId: string, requestId: string, fields: CorrectableField[]) {
    const [row] = await tx
      .select()
      .from(recipientRequests)
      .where(and(eq(recipientRequests.id, requestId), eq(recipientRequests.recipientId, recipientId)))
      .for('update')
    if (!row) throw new ValidationError([{ field: 'querystring.request', code: 'field.invalid_value' }])
    if (row.kind !== 'correction') throw new ConflictError('rights.not_correction')
    if (row.status !== 'open') throw new ConflictError('rights.not_open')
    const outcome = openOutcome(box, row.outcomeSealed)
    const merged = [...new Set([...outcome.fields, ...fields])]
    await tx
      .update(recipientRequests)
      .set({ outcomeSealed: sealOutcome(box, { ...outcome, fields: merged }), updatedAt: clock.now() })
      .where(eq(recipientRequests.id, requestId))
  }

  /** The profile columns for a patch, checked like a registration. */
  async function profileValues(tx: DbOrTx, row: RecipientRow, patch: Static<typeof RecipientPatch>) {
    const problems: FieldProblem[] = []
    const today = shanghaiDate(clock.now())
    const values: Partial<typeof recipients.$inferInsert> = {}
    if (patch.name !== undefined) {
      const name = patch.name.trim()
      if (!name) problems.push({ field: 'body.name', code: 'field.required' })
      values.nameSealed = box.seal(name)
      values.nameMasked = maskName(name)
    }
    if (patch.gender !== undefined) values.gender = patch.gender
    if (patch.birthDate !== undefined && patch.birthDate !== null) {
      if (patch.birthDate > today) problems.push({ field: 'body.birthDate', code: 'field.in_future' })
      values.birthDateSealed = box.seal(patch.birthDate)
      values.birthYear = Number(patch.birthDate.slice(0, 4))
    } else if (patch.birthDate === null) values.birthDateSealed = null
    if (patch.birthYear !== undefined && patch.birthDate === undefined) {
      if (patch.birthYear > Number(today.slice(0, 4)))
        problems.push({ field: 'body.birthYear', code: 'field.in_future' })
      values.birthYear = patch.birthYear
      // A year that contradicts the kept full date would leave two answers: the date goes.
      values.birthDateSealed = null
    }
    if (patch.categories !== undefined) values.categories = patch.categories
    if (patch.districtCode !== undefined) {
      if (patch.districtCode && !isServedDistrict(patch.districtCode))
        problems.push({ field: 'body.districtCode', code: 'field.district' })
      values.districtCode = patch.districtCode
    }
    if (patch.phone !== undefined) {
      const phone = patch.phone === null ? null : normalisePhone(patch.phone)
      if (patch.phone !== null && !phone) problems.push({ field: 'body.phone', code: 'field.phone' })
      values.phoneSealed = phone ? box.seal(phone) : null
      values.phoneLast4 = phone ? last4(phone) : null
    }
    if (patch.address !== undefined)
      values.addressSealed = patch.address ? box.seal(patch.address.trim()) : null
    let hashes: string[] = []
    if (patch.idNumber !== undefined || patch.idType !== undefined) {
      const type = (patch.idType ?? row.idType) as IdType | null
      const number =
        patch.idNumber === undefined
          ? row.idNumberSealed
            ? box.open(row.idNumberSealed)
            : null
          : patch.idNumber === null
            ? null
            : normaliseIdNumber(patch.idNumber)
      if (number === null) {
        Object.assign(values, { idType: null, idNumberSealed: null, idNumberHash: null, idNumberLast4: null })
      } else if (!type) problems.push({ field: 'body.idType', code: 'field.required' })
      else if (!isPlausibleIdNumber(type, number))
        problems.push({ field: 'body.idNumber', code: 'field.id_number' })
      else {
        const birthDate =
          patch.birthDate !== undefined
            ? patch.birthDate
            : row.birthDateSealed
              ? box.open(row.birthDateSealed)
              : null
        if (type === 'resident_id' && birthDate && residentIdBirthDate(number) !== birthDate)
          problems.push({ field: 'body.birthDate', code: 'field.id_birth_mismatch' })
        hashes = box.hashes(number)
        Object.assign(values, {
          idType: type,
          idNumberSealed: box.seal(number),
          idNumberHash: box.hash(number),
          idNumberLast4: last4(number),
        })
      }
    }
    if (problems.length) throw new ValidationError(problems)
    if (hashes.length) {
      const [dup] = await tx
        .select({ id: recipients.id })
        .from(recipients)
        .where(
          and(
            eq(recipients.orgId, row.orgId),
            inArray(recipients.idNumberHash, hashes),
            ne(recipients.id, row.id),
          ),
        )
      if (dup)
        throw new ConflictError('validation_failed', {}, [
          { field: 'body.idNumber', code: 'field.recipient_taken' },
        ])
    }
    return values
  }

  const fieldsOf = (patch: object): CorrectableField[] => [
    ...new Set(Object.keys(patch).map((k) => (k === 'idType' ? 'idNumber' : k) as CorrectableField)),
  ]

  async function apply(
    principal: Principal,
    id: string,
    requestId: string | undefined,
    patch: object,
    values: (tx: DbOrTx, row: RecipientRow) => Promise<Partial<typeof recipients.$inferInsert>>,
  ) {
    const fields = fieldsOf(patch)
    const updated = await db.transaction(async (tx) => {
      const row = await loadForRights(tx, principal, id, 'recipient.manage', true)
      if (row.status === 'erased') throw new ConflictError('recipient.erased')
      if (requestId) await link(tx, id, requestId, fields)
      const [saved] = await tx
        .update(recipients)
        .set({ ...(await values(tx, row)), updatedAt: clock.now() })
        .where(eq(recipients.id, id))
        .returning()
      return saved!
    })
    return { recipient: recipientView(updated, year()), fields }
  }

  return {
    correctProfile: (
      principal: Principal,
      id: string,
      patch: Static<typeof RecipientPatch>,
      requestId?: string,
    ) => apply(principal, id, requestId, patch, (tx, row) => profileValues(tx, row, patch)),

    correctSensitive: (
      principal: Principal,
      id: string,
      patch: Static<typeof SensitivePatch>,
      requestId?: string,
    ) => apply(principal, id, requestId, patch, async () => sealSensitive(box, patch)),
  }
}
