import { fieldText } from '../analysis/document.ts'
import { foldText } from '../analysis/normalize.ts'
import type { HighlightPart } from '../engine.ts'

// Marks matched words in the original text. Matching happens on the folded text (simplified, lower
// case) and is mapped back by position, which is exact whenever folding kept the length — true for
// traditional → simplified and case folding; otherwise the field comes back unmarked.

export function highlightText(original: unknown, terms: string[]): HighlightPart[] {
  const text = fieldText(original)
  if (!text) return []
  const folded = foldText(text)
  if (folded.length !== text.length || terms.length === 0) return [{ text, match: false }]
  const marked = new Uint8Array(text.length)
  for (const term of terms) {
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
