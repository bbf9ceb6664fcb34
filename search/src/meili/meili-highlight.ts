import { INITIALS_FIELD, PINYIN_FIELD } from '../analysis/document.ts'
import { highlightText } from '../analysis/highlight.ts'
import { foldText } from '../analysis/normalize.ts'
import type { HighlightPart, SearchDocument } from '../engine.ts'

// Highlights from a Meilisearch hit: its own marks (`_formatted`), plus the Chinese words a pinyin or
// initials match stands for, found through `_matchesPosition` on the pinyin fields.

// Private-use delimiters for highlights: never in real text, so the split is unambiguous and no HTML
// passes through the engine.
export const PRE = '\uE000'
export const POST = '\uE001'

export function highlightParts(formatted: unknown): HighlightPart[] {
  if (typeof formatted !== 'string' || formatted === '') return []
  const parts: HighlightPart[] = []
  for (const piece of formatted.split(PRE)) {
    const end = piece.indexOf(POST)
    if (end === -1) {
      if (piece) parts.push({ text: piece, match: false })
      continue
    }
    if (end > 0) parts.push({ text: piece.slice(0, end), match: true })
    if (end + 1 < piece.length) parts.push({ text: piece.slice(end + 1), match: false })
  }
  return parts
}

type Positions = Record<string, { start: number; length: number }[] | undefined>

/**
 * The pinyin and initials a hit matched, as whole words of those fields (a prefix match `kangf`
 * names `kangfu`). The fields are ASCII, so Meilisearch's byte offsets are character offsets.
 */
export function spelledTerms(raw: Record<string, unknown>): string[] {
  const positions = (raw._matchesPosition ?? {}) as Positions
  const out = new Set<string>()
  for (const field of [PINYIN_FIELD, INITIALS_FIELD]) {
    const value = raw[field]
    if (typeof value !== 'string') continue
    for (const { start, length } of positions[field] ?? []) {
      let a = start
      let b = start + length
      while (a > 0 && value[a - 1] !== ' ') a--
      while (b < value.length && value[b] !== ' ') b++
      if (b > a) out.add(value.slice(a, b))
    }
  }
  return [...out]
}

/** Meilisearch's marks, plus the Chinese words a pinyin or initials match stands for. */
export function highlightField(
  document: SearchDocument,
  field: string,
  formatted: unknown,
  spelled: string[],
) {
  const parts = highlightParts(formatted)
  if (spelled.length === 0) return parts
  const marked = parts.filter((p) => p.match).map((p) => foldText(p.text))
  return highlightText(document[field], [...marked, ...spelled])
}
