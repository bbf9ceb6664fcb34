import { foldText, hasHan } from './normalize.ts'
import { coverOf, cutPrecise, STOP_WORDS } from './segment.ts'
import type { Synonyms } from './synonyms.ts'

// A query becomes groups that must all match (AND); each group offers alternatives (OR); each
// alternative is a list of words that must all match. 找工作 培训 becomes
//   [ (找 工作) | (就业) ] AND [ (培训) ].
// The embedded adapter runs this plan; Meilisearch gets the folded text and does the same with its
// own synonyms setting and the analysed fields.

export type QueryWord = { word: string; latin: boolean }
export type QueryAlternative = QueryWord[]
export type QueryGroup = QueryAlternative[]
export type QueryPlan = { text: string; groups: QueryGroup[] }

/** Meilisearch also stops at ten query words; matching its limit keeps the adapters alike. */
export const MAX_QUERY_GROUPS = 10

const CHUNKS = /[\p{Script=Han}]+|[\p{L}\p{N}]+/gu

function words(text: string): QueryWord[] {
  if (!hasHan(text)) return [{ word: text, latin: true }]
  return cutPrecise(text).map((word) => ({ word, latin: !hasHan(word) }))
}

function alternativesFor(phrase: string, synonyms: Synonyms): QueryGroup {
  const group: QueryGroup = []
  const seen = new Set<string>()
  const add = (alt: QueryAlternative) => {
    const key = alt.map((w) => w.word).join(' ')
    if (alt.length > 0 && !seen.has(key)) {
      seen.add(key)
      group.push(alt)
    }
  }
  for (const text of [phrase, ...synonyms.expand(phrase)]) {
    const literal = words(text)
    // 找工作 loses 找 as a stop word; what is left (工作) would match 工作坊, so such a phrase counts
    // only through its synonyms.
    if (literal.reduce((n, w) => n + w.word.length, 0) === text.replace(/\s/g, '').length) add(literal)
    const cover = hasHan(text) ? coverOf(text) : []
    if (cover.length > 0) add(cover.map((word) => ({ word, latin: false })))
  }
  return group
}

/** Splits a Han run into synonym phrases (longest first) and the plain text between them. */
function splitPhrases(run: string, synonyms: Synonyms): { text: string; phrase: boolean }[] {
  const parts: { text: string; phrase: boolean }[] = []
  let plain = ''
  let i = 0
  outer: while (i < run.length) {
    for (const p of synonyms.phrases) {
      if (p.length > 1 && run.startsWith(p, i)) {
        if (plain) parts.push({ text: plain, phrase: false })
        plain = ''
        parts.push({ text: p, phrase: true })
        i += p.length
        continue outer
      }
    }
    plain += run[i]
    i += 1
  }
  if (plain) parts.push({ text: plain, phrase: false })
  return parts
}

export function planQuery(rawText: string, synonyms: Synonyms): QueryPlan {
  const text = foldText(rawText).replace(/\s+/g, ' ').trim()
  const groups: QueryGroup[] = []
  for (const [chunk] of text.matchAll(CHUNKS)) {
    if (!hasHan(chunk)) {
      groups.push(alternativesFor(chunk, synonyms))
      continue
    }
    for (const part of splitPhrases(chunk, synonyms)) {
      if (part.phrase) {
        groups.push(alternativesFor(part.text, synonyms))
        continue
      }
      for (const word of cutPrecise(part.text)) {
        if (!STOP_WORDS.has(word)) groups.push(alternativesFor(word, synonyms))
      }
    }
  }
  return { text, groups: groups.filter((g) => g.length > 0).slice(0, MAX_QUERY_GROUPS) }
}
