import { type Db, schema } from '@liandong/db'
import { type NeedInput, needToDocument, type SearchDocument } from '@liandong/search'
import { asc, count, inArray, notInArray, sql } from 'drizzle-orm'
import { HIDDEN_STATUSES } from './need-status.ts'

const { needs } = schema
export const NEEDS_INDEX = 'needs'

/**
 * Need rows → de-identified search documents. Closed and withdrawn needs produce none, so the
 * outbox applier deletes them from the index: they are invisible to every search.
 */
export function needDocumentLoader(db: Db) {
  return {
    async load(ids: readonly string[]): Promise<SearchDocument[]> {
      if (ids.length === 0) return []
      const rows = await db
        .select({
          id: needs.id,
          orgId: needs.orgId,
          publicSummary: needs.publicSummary,
          categories: needs.categories,
          districtCode: needs.districtCode,
          urgency: needs.urgency,
          ageBand: needs.ageBand,
          recipientCategories: needs.recipientCategories,
          status: needs.status,
          createdAt: needs.createdAt,
        })
        .from(needs)
        .where(sql`${inArray(needs.id, [...ids])} and ${notInArray(needs.status, [...HIDDEN_STATUSES])}`)
      return rows.map((r) =>
        needToDocument({
          id: r.id,
          orgId: r.orgId,
          publicSummary: r.publicSummary,
          needCategories: r.categories,
          districtCode: r.districtCode,
          urgency: r.urgency as NeedInput['urgency'],
          ageBand: r.ageBand,
          recipientCategories: r.recipientCategories,
          status: r.status as NeedInput['status'],
          createdAt: r.createdAt,
        }),
      )
    },
    async *idPages(size: number): AsyncGenerator<string[]> {
      let after = ''
      for (;;) {
        const rows = await db
          .select({ id: needs.id })
          .from(needs)
          .where(after ? sql`${needs.id} > ${after}` : undefined)
          .orderBy(asc(needs.id))
          .limit(size)
        if (rows.length === 0) return
        yield rows.map((r) => r.id)
        after = rows.at(-1)!.id
      }
    },
    /** Documents a rebuild will write (what a progress bar counts to). */
    async count(): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(needs)
        .where(notInArray(needs.status, [...HIDDEN_STATUSES]))
      return row?.n ?? 0
    },
  }
}
