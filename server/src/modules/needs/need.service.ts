import { type Db, enqueueOutbox, schema } from '@liandong/db'
import { and, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm'
import type { Static } from 'typebox'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { createSecretBox } from '../../crypto/secret-box.ts'
import { ConflictError, type FieldProblem, NotFoundError, ValidationError } from '../../errors.ts'
import type { RealtimeHub } from '../../realtime/index.ts'
import { openRecipient, type RecipientRow } from '../recipients/recipient.service.ts'
import { shanghaiDate } from '../volunteers/age.ts'
import { isServedDistrict } from '../volunteers/districts.ts'
import { ageBandFromBirthYear } from './age-band.ts'
import { identifyingParts } from './deidentify.ts'
import type { NeedInput, NeedListQuery, NeedPatch } from './need.schemas.ts'
import { NEEDS_INDEX } from './need-documents.ts'
import { publishNeedChanged } from './need-referrals.ts'
import { canMove, FINAL_STATUSES, MANUAL_TRANSITIONS, OPEN_TO_PARTNERS } from './need-status.ts'
import type { NeedStatus, NeedUrgency } from './need-types.ts'

export type NeedRow = typeof schema.needs.$inferSelect
const { needs, recipients, needPledges, organizations } = schema

/** A need as its agency sees it (the private description only in the detail, on request). */
export function needView(
  row: NeedRow,
  recipient: { code: string; nameMasked: string },
  pledgesOffered: number,
) {
  return {
    id: row.id,
    orgId: row.orgId,
    recipientId: row.recipientId,
    recipient,
    caseId: row.caseId,
    title: row.title,
    categories: row.categories,
    publicSummary: row.publicSummary,
    hasPrivateDescription: row.privateDescriptionSealed !== null,
    urgency: row.urgency as NeedUrgency,
    districtCode: row.districtCode,
    recipientCategories: row.recipientCategories,
    ageBand: row.ageBand as schema.AgeBand,
    quantity: row.quantity,
    dueDate: row.dueDate,
    status: row.status as NeedStatus,
    pledgesOffered,
    createdBy: row.createdBy,
    closedAt: row.closedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

/** A need as partners see it: no recipient, no title, no private description. */
export function publicNeedView(row: NeedRow, orgName: string) {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName,
    categories: row.categories,
    publicSummary: row.publicSummary,
    urgency: row.urgency as NeedUrgency,
    districtCode: row.districtCode,
    recipientCategories: row.recipientCategories,
    ageBand: row.ageBand as schema.AgeBand,
    quantity: row.quantity,
    dueDate: row.dueDate,
    status: row.status as NeedStatus,
    createdAt: row.createdAt,
  }
}

export function needService(
  { database, clock, config }: Infrastructure,
  realtime: Pick<RealtimeHub, 'publish'>,
) {
  const db: Db = database.db
  const box = createSecretBox(config.dataKeys)
  const today = () => shanghaiDate(clock.now())

  async function loadOwn(principal: Principal, id: string, action: 'need.read' | 'need.manage') {
    const [row] = await db
      .select({ need: needs, code: recipients.code, nameMasked: recipients.nameMasked })
      .from(needs)
      .innerJoin(recipients, eq(recipients.id, needs.recipientId))
      .where(eq(needs.id, id))
    if (!row || !principal.canInOrg(action, row.need.orgId)) throw new NotFoundError()
    return row
  }

  async function offeredCounts(ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map()
    const rows = await db
      .select({ needId: needPledges.needId, n: count() })
      .from(needPledges)
      .where(and(inArray(needPledges.needId, ids), eq(needPledges.status, 'offered')))
      .groupBy(needPledges.needId)
    return new Map(rows.map((r) => [r.needId, r.n]))
  }

  /** Field checks that need the recipient (the summary must not name them) or today's date. */
  function check(
    values: { publicSummary?: string; districtCode?: string | null; dueDate?: string | null },
    recipient: RecipientRow,
  ) {
    const problems: FieldProblem[] = []
    if (values.districtCode !== undefined) {
      if (!values.districtCode) problems.push({ field: 'body.districtCode', code: 'field.required' })
      else if (!isServedDistrict(values.districtCode) || values.districtCode.endsWith('00'))
        problems.push({ field: 'body.districtCode', code: 'field.district' })
    }
    if (values.dueDate && values.dueDate < today())
      problems.push({ field: 'body.dueDate', code: 'field.too_small', params: { limit: today() } })
    if (values.publicSummary !== undefined) {
      const who = openRecipient(box, recipient)
      const parts = identifyingParts(values.publicSummary, who)
      if (parts.length)
        problems.push({
          field: 'body.publicSummary',
          code: 'field.identifying',
          params: { parts: parts.join(', ') },
        })
    }
    if (problems.length) throw new ValidationError(problems)
  }

  async function recipientOf(id: string) {
    const [r] = await db.select().from(recipients).where(eq(recipients.id, id))
    return r
  }

  async function present(id: string) {
    const [row] = await db
      .select({ need: needs, code: recipients.code, nameMasked: recipients.nameMasked })
      .from(needs)
      .innerJoin(recipients, eq(recipients.id, needs.recipientId))
      .where(eq(needs.id, id))
    const offered = await offeredCounts([id])
    return needView(row!.need, { code: row!.code, nameMasked: row!.nameMasked }, offered.get(id) ?? 0)
  }

  return {
    /** `link.caseId`: the case the need is posted from (the cases module checks it is the caller's). */
    async create(
      principal: Principal,
      orgId: string,
      input: Static<typeof NeedInput>,
      link: { caseId?: string } = {},
    ) {
      if (!principal.canInOrg('need.manage', orgId)) throw new NotFoundError()
      const recipient = await recipientOf(input.recipientId)
      if (!recipient || recipient.orgId !== orgId)
        throw new ValidationError([{ field: 'body.recipientId', code: 'field.recipient_unknown' }])
      if (recipient.status !== 'active') throw new ConflictError('need.recipient_inactive')
      const districtCode = input.districtCode ?? recipient.districtCode
      check({ publicSummary: input.publicSummary, districtCode, dueDate: input.dueDate ?? null }, recipient)
      const year = Number(today().slice(0, 4))
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(needs)
          .values({
            orgId,
            recipientId: recipient.id,
            caseId: link.caseId ?? null,
            title: input.title.trim(),
            categories: input.categories,
            privateDescriptionSealed: input.privateDescription?.trim()
              ? box.seal(input.privateDescription.trim())
              : null,
            publicSummary: input.publicSummary.trim(),
            urgency: input.urgency ?? 'normal',
            districtCode: districtCode!,
            recipientCategories: recipient.categories,
            // birthYear is required when a recipient is registered; an old row without it counts as adult.
            ageBand: recipient.birthYear === null ? 'adult' : ageBandFromBirthYear(recipient.birthYear, year),
            quantity: input.quantity ?? 1,
            dueDate: input.dueDate ?? null,
            createdBy: principal.userId,
          })
          .returning()
        await enqueueOutbox(tx, NEEDS_INDEX, 'upsert', row!.id)
        await publishNeedChanged(realtime, row!, tx)
        return row!.id
      })
      return present(id)
    },

    async update(principal: Principal, id: string, patch: Static<typeof NeedPatch>) {
      const { need } = await loadOwn(principal, id, 'need.manage')
      if (FINAL_STATUSES.includes(need.status as NeedStatus))
        throw new ConflictError('need.not_editable', { status: need.status })
      const recipient = (await recipientOf(need.recipientId))!
      check(
        {
          ...(patch.publicSummary !== undefined ? { publicSummary: patch.publicSummary } : {}),
          ...(patch.districtCode !== undefined ? { districtCode: patch.districtCode } : {}),
          ...(patch.dueDate !== undefined ? { dueDate: patch.dueDate } : {}),
        },
        recipient,
      )
      const { privateDescription, ...rest } = patch
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(needs)
          .set({
            ...rest,
            ...(rest.title !== undefined ? { title: rest.title.trim() } : {}),
            ...(rest.publicSummary !== undefined ? { publicSummary: rest.publicSummary.trim() } : {}),
            ...(privateDescription !== undefined
              ? {
                  privateDescriptionSealed: privateDescription?.trim()
                    ? box.seal(privateDescription.trim())
                    : null,
                }
              : {}),
            updatedAt: clock.now(),
          })
          .where(eq(needs.id, id))
          .returning()
        await enqueueOutbox(tx, NEEDS_INDEX, 'upsert', id)
        await publishNeedChanged(realtime, row!, tx)
      })
      return present(id)
    },

    /** The social worker's moves (MANUAL_TRANSITIONS); referred and met follow the referrals. */
    async setStatus(principal: Principal, id: string, to: NeedStatus) {
      const { need } = await loadOwn(principal, id, 'need.manage')
      const from = need.status as NeedStatus
      if (!canMove(MANUAL_TRANSITIONS, from, to))
        throw new ConflictError('need.wrong_status', { status: from, to })
      const now = clock.now()
      await db.transaction(async (tx) => {
        // Conditional on the status read: a referral that moved the need meanwhile wins, and this is refused.
        const [row] = await tx
          .update(needs)
          .set({ status: to, closedAt: FINAL_STATUSES.includes(to) ? now : null, updatedAt: now })
          .where(and(eq(needs.id, id), eq(needs.status, from)))
          .returning()
        if (!row) throw new ConflictError('need.wrong_status', { status: 'changed', to })
        // Offers still waiting when a need is closed or withdrawn can no longer be taken up.
        if (to === 'closed' || to === 'withdrawn')
          await tx
            .update(needPledges)
            .set({ status: 'declined', respondedAt: now, respondedBy: principal.userId })
            .where(and(eq(needPledges.needId, id), eq(needPledges.status, 'offered')))
        await enqueueOutbox(tx, NEEDS_INDEX, 'upsert', id)
        await publishNeedChanged(realtime, row, tx)
      })
      return present(id)
    },

    async list(principal: Principal, orgId: string, query: Static<typeof NeedListQuery>) {
      if (!principal.canInOrg('need.read', orgId)) throw new NotFoundError()
      const limit = query.limit ?? 20
      const offset = query.offset ?? 0
      const where: SQL | undefined = and(
        eq(needs.orgId, orgId),
        query.status ? eq(needs.status, query.status) : undefined,
        query.recipientId ? eq(needs.recipientId, query.recipientId) : undefined,
        query.category ? sql`${query.category} = any(${needs.categories})` : undefined,
      )
      const [rows, [total]] = await Promise.all([
        db
          .select({ need: needs, code: recipients.code, nameMasked: recipients.nameMasked })
          .from(needs)
          .innerJoin(recipients, eq(recipients.id, needs.recipientId))
          .where(where)
          .orderBy(desc(needs.createdAt))
          .limit(limit)
          .offset(offset),
        db.select({ n: count() }).from(needs).where(where),
      ])
      const offered = await offeredCounts(rows.map((r) => r.need.id))
      return {
        items: rows.map((r) =>
          needView(r.need, { code: r.code, nameMasked: r.nameMasked }, offered.get(r.need.id) ?? 0),
        ),
        total: total?.n ?? 0,
        limit,
        offset,
      }
    },

    /** The agency's detail with the private description opened (the route audits the read). */
    async get(principal: Principal, id: string) {
      const { need } = await loadOwn(principal, id, 'need.read')
      const view = await present(id)
      return {
        ...view,
        privateDescription: need.privateDescriptionSealed ? box.open(need.privateDescriptionSealed) : null,
      }
    },

    /**
     * The de-identified view: open and matched needs for anyone who may browse needs, any status
     * for the agency itself and for organizations that offered help.
     */
    async getPublic(principal: Principal, id: string) {
      const [row] = await db
        .select({ need: needs, orgName: organizations.name })
        .from(needs)
        .innerJoin(organizations, eq(organizations.id, needs.orgId))
        .where(eq(needs.id, id))
      if (!row) throw new NotFoundError()
      const own = principal.canInOrg('need.read', row.need.orgId)
      if (!own && !OPEN_TO_PARTNERS.includes(row.need.status as NeedStatus)) {
        const orgs = principal.orgIdsFor('need.pledge')
        const [pledged] = orgs.length
          ? await db
              .select({ id: needPledges.id })
              .from(needPledges)
              .where(and(eq(needPledges.needId, id), inArray(needPledges.orgId, orgs)))
              .limit(1)
          : []
        if (!pledged) throw new NotFoundError()
      }
      return publicNeedView(row.need, row.orgName)
    },
  }
}
