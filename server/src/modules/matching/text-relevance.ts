import { type Filter, f, needKeywords, type SearchEngine } from '@liandong/search'

// Text relevance of resources to a need, from the search engine. The engine matches every word of
// a query, so the need's summary is asked word by word (its keywords) and each resource collects
// credit by its rank in each answer; the best collects 1. Null when the engine cannot answer:
// matching then ranks without text rather than failing.

const PER_WORD = 100

export async function textRelevance(
  engine: SearchEngine,
  text: string,
  visible: Filter,
): Promise<Map<string, number> | null> {
  const words = needKeywords(text)
  const credit = new Map<string, number>()
  try {
    for (const word of words) {
      const result = await engine.search('resources', { text: word, filter: visible, perPage: PER_WORD })
      result.hits.forEach((hit, rank) => {
        credit.set(hit.id, (credit.get(hit.id) ?? 0) + 1 / (1 + rank / 10))
      })
    }
  } catch {
    return null
  }
  const best = Math.max(0, ...credit.values())
  if (best === 0) return new Map()
  return new Map([...credit].map(([id, c]) => [id, c / best]))
}

/** The resources a need's agency may match: published public ones, and its own informal ones. */
export const matchableResources = (agencyOrgId: string, categories: readonly string[]): Filter =>
  f.and(
    f.eq('status', 'published'),
    f.or(f.eq('visibility', 'public'), f.eq('orgId', agencyOrgId)),
    f.in('needCategories', [...categories]),
  )
