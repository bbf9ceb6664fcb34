import type { HighlightPart } from '../engine.ts'
import { fieldText } from './document.ts'
import { foldText, hasHan } from './normalize.ts'
import { pinyinOf } from './pinyin.ts'
import { cutForIndex } from './segment.ts'

// Marks matched words in the original text, for both adapters. Matching happens on the folded text
// (simplified, lower case) and is mapped back by position, which is exact whenever folding kept the
// length — true for traditional → simplified and case folding; otherwise the field comes back unmarked.
// A query in pinyin or initials matches the pinyin fields, not the text: the Chinese words whose
// pinyin it matched are marked instead (kangfu and kf mark 康复).

const LATIN = /^[a-z0-9]+$/

/** Words of `text` whose full pinyin or initials are among `spellings` (matched pinyin-field terms). */
export function wordsSpelledBy(text: string, spellings: ReadonlySet<string>): string[] {
  if (spellings.size === 0 || !hasHan(text)) return []
  const out = new Set<string>()
  for (const word of cutForIndex(foldText(text))) {
    const py = pinyinOf(word)
    if (py && (spellings.has(py.full) || spellings.has(py.initials))) out.add(word)
  }
  return [...out]
}

export function highlightText(original: unknown, terms: string[]): HighlightPart[] {
  const text = fieldText(original)
  if (!text) return []
  const folded = foldText(text)
  if (folded.length !== text.length || terms.length === 0) return [{ text, match: false }]
  const spellings = new Set(terms.filter((t) => LATIN.test(t)))
  const marked = new Uint8Array(text.length)
  for (const term of [...terms, ...wordsSpelledBy(text, spellings)]) {
    if (!term) continue
    let at = folded.indexOf(term)
    while (at !== -1) {
      marked.fill(1, at, at + term.length)
      at = folded.indexOf(term, at + term.length)
    }
  }
  const parts: HighlightPart[] = []
  let start = 0
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marked[i] !== marked[start]) {
      parts.push({ text: text.slice(start, i), match: marked[start] === 1 })
      start = i
    }
  }
  return parts
}
