import { type Db, type DbOrTx, schema } from '@liandong/db'
import { count, desc, eq } from 'drizzle-orm'

const { caseViews, users } = schema

/** One line of the "who viewed" log: every opening of a case or one of its files, by anyone. */
export async function recordView(
  db: DbOrTx,
  caseId: string,
  userId: string,
  at: Date,
  what: 'case' | 'attachment',
  attachmentId: string | null = null,
) {
  await db.insert(caseViews).values({ caseId, userId, at, what, attachmentId })
}

export async function listViews(db: Db, caseId: string, limit: number, offset: number) {
  const [rows, [total]] = await Promise.all([
    db
      .select({ userId: caseViews.userId, name: users.displayName, what: caseViews.what, at: caseViews.at })
      .from(caseViews)
      .innerJoin(users, eq(users.id, caseViews.userId))
      .where(eq(caseViews.caseId, caseId))
      .orderBy(desc(caseViews.at), desc(caseViews.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(caseViews).where(eq(caseViews.caseId, caseId)),
  ])
  return { items: rows, total: total?.n ?? 0, limit, offset }
}
