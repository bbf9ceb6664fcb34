import { create, insertMultiple, search } from '@orama/orama'
import FlexSearch from 'flexsearch'
import MiniSearch from 'minisearch'

// The three libraries measured for the embedded engine (tests/bench/search/engines.ts), each fed the
// same analysed text (space-separated words) and asked for documents holding every query word.
// Lives in search/ because these libraries are search's dependencies, not the bench package's.

export type AnalyzedDoc = Record<string, string> & { id: string }
export type Candidate = { search: (words: string[]) => unknown }
export type CandidateName = 'minisearch' | 'orama' | 'flexsearch'

export async function buildCandidate(
  name: CandidateName,
  docs: AnalyzedDoc[],
  fields: string[],
): Promise<Candidate> {
  const split = (s: string) => s.split(' ')
  if (name === 'minisearch') {
    const mini = new MiniSearch<AnalyzedDoc>({ fields, tokenize: split, processTerm: (s) => s || null })
    mini.addAll(docs)
    return {
      search: (words) => mini.search(words.join(' '), { combineWith: 'AND', prefix: (w) => w.length >= 2 }),
    }
  }
  if (name === 'orama') {
    const schema = Object.fromEntries([...fields, 'id'].map((f) => [f, 'string' as const]))
    const db = create({
      schema,
      components: { tokenizer: { language: 'english', normalizationCache: new Map(), tokenize: split } },
    })
    await insertMultiple(db, docs, 1000)
    return {
      search: (words) => search(db, { term: words.join(' '), properties: fields, threshold: 0, limit: 20 }),
    }
  }
  const index = new FlexSearch.Document({
    document: { id: 'id', index: fields },
    tokenize: 'forward',
    encode: split,
  })
  for (const d of docs) index.add(d)
  return { search: (words) => index.search(words.join(' '), { limit: 20 }) }
}
