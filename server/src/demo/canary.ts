import { type Db, demoOrgs, schema } from '@liandong/db'
import { and, asc, eq, isNotNull } from 'drizzle-orm'
import { createSecretBox } from '../crypto/secret-box.ts'

// The e2e suite's privacy check (docs/testing.md, "Canary values"): with DEMO_CANARY set to a JSON
// object of this run's canary values, the demo's sensitive fields are overwritten with them — the
// recipient of the Chengdu agency's case in intervention (phone, ID number, address, household,
// health, income, military service, a guardian's consent), that recipient's need, the case's first
// intervention note and a supervisor's comment on it, and a complaint's contact. The suite then
// proves none of them appears in clear in a log or a table. For tests only; sealed like the
// services seal them.

const KEYS = [
  'seedPhone',
  'seedIdNumber',
  'seedAddress',
  'seedHousehold',
  'seedHealth',
  'seedIncome',
  'seedMilitary',
  'seedNeedPrivate',
  'seedCaseNote',
  'seedComment',
  'seedGuardian',
  'seedComplaintContact',
] as const
type Canary = Record<(typeof KEYS)[number], string>

function parse(raw: string): Canary {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    throw new Error('DEMO_CANARY is not JSON')
  }
  const v = value as Record<string, unknown>
  const missing = KEYS.filter((k) => typeof v?.[k] !== 'string' || v[k] === '')
  // Key names only: the values are what must never be printed.
  if (missing.length) throw new Error(`DEMO_CANARY lacks ${missing.join(', ')}`)
  return v as Canary
}

export async function seedDemoCanary(
  db: Db,
  options: { dataKeys: { current: Buffer; previous: Buffer[] }; now?: Date },
  raw: string,
) {
  const c = parse(raw)
  const box = createSecretBox(options.dataKeys)
  const now = options.now ?? new Date()
  const agency = demoOrgs.find((o) => o.key === 'cd-agency')!
  const [org] = await db
    .select({ id: schema.organizations.id })
    .from(schema.organizations)
    .where(eq(schema.organizations.creditCode, agency.creditCode))
  const [target] = org
    ? await db
        .select({ caseId: schema.cases.id, recipientId: schema.cases.recipientId })
        .from(schema.cases)
        .where(and(eq(schema.cases.orgId, org.id), eq(schema.cases.stage, 'intervention')))
        .orderBy(asc(schema.cases.code))
        .limit(1)
    : []
  if (!target) throw new Error('DEMO_CANARY: the demo has no Chengdu case in intervention')
  const notes = await db
    .select()
    .from(schema.caseRecords)
    .where(
      and(eq(schema.caseRecords.caseId, target.caseId), eq(schema.caseRecords.kind, 'intervention_note')),
    )
    .orderBy(asc(schema.caseRecords.createdAt))
  const commented = await db
    .select({ id: schema.caseRecords.id })
    .from(schema.caseRecords)
    .where(
      and(eq(schema.caseRecords.caseId, target.caseId), isNotNull(schema.caseRecords.decisionCommentSealed)),
    )
    .orderBy(asc(schema.caseRecords.createdAt))
    .limit(1)
  const [complaint] = await db
    .select({ id: schema.complaints.id })
    .from(schema.complaints)
    .where(isNotNull(schema.complaints.contactSealed))
    .orderBy(asc(schema.complaints.createdAt))
    .limit(1)
  const note = notes[0]
  if (!note || !commented[0] || !complaint)
    throw new Error('DEMO_CANARY: the demo lacks an intervention note, a comment or a complaint contact')

  await db.transaction(async (tx) => {
    await tx
      .update(schema.recipients)
      .set({
        phoneSealed: box.seal(c.seedPhone),
        phoneLast4: c.seedPhone.slice(-4),
        idType: 'resident_id',
        idNumberSealed: box.seal(c.seedIdNumber),
        idNumberHash: box.hash(c.seedIdNumber),
        idNumberLast4: c.seedIdNumber.slice(-4),
        addressSealed: box.seal(c.seedAddress),
        householdSealed: box.seal(
          JSON.stringify([{ name: c.seedHousehold, relation: '配偶', birthYear: 1962 }]),
        ),
        householdSize: 1,
        healthSealed: box.seal(c.seedHealth),
        incomeSealed: box.seal(c.seedIncome),
        militarySealed: box.seal(c.seedMilitary),
      })
      .where(eq(schema.recipients.id, target.recipientId))
    await tx.insert(schema.recipientConsents).values({
      recipientId: target.recipientId,
      purpose: 'data_processing',
      scope: '个案记录与统计',
      givenBy: 'guardian',
      guardianNameSealed: box.seal(c.seedGuardian),
      guardianRelation: '配偶',
      method: 'paper',
      givenAt: new Date(now.getTime() - 30 * 86_400_000),
    })
    await tx
      .update(schema.needs)
      .set({ privateDescriptionSealed: box.seal(c.seedNeedPrivate) })
      .where(eq(schema.needs.recipientId, target.recipientId))
    const content = JSON.parse(box.open(note.contentSealed)) as Record<string, unknown>
    await tx
      .update(schema.caseRecords)
      .set({ contentSealed: box.seal(JSON.stringify({ ...content, content: c.seedCaseNote })) })
      .where(eq(schema.caseRecords.id, note.id))
    await tx
      .update(schema.caseRecords)
      .set({ decisionCommentSealed: box.seal(c.seedComment) })
      .where(eq(schema.caseRecords.id, commented[0]!.id))
    await tx
      .update(schema.complaints)
      .set({ contactSealed: box.seal(c.seedComplaintContact) })
      .where(eq(schema.complaints.id, complaint.id))
  })
}
