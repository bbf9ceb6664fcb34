import type { IndexDefinition, SearchDocument } from '../engine.ts'
import { foldText } from './normalize.ts'
import { pinyinOf } from './pinyin.ts'
import { cutForIndex } from './segment.ts'

// The analysed form of a document, shared by both adapters: each searchable field as space-separated
// search-mode words, plus pinyin and initials of the words of the fields that ask for it.
// The embedded engine indexes exactly these strings; Meilisearch receives them as extra fields.

export const PINYIN_FIELD = '_pinyin'
export const INITIALS_FIELD = '_initials'
/** Prefix of the analysed copy of a searchable field (`title` → `_t_title`). */
export const TERMS_PREFIX = '_t_'

export type AnalyzedFields = Record<string, string>

export function fieldText(value: unknown): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join(' ')
  return ''
}

export function analyzeDocument(definition: IndexDefinition, doc: SearchDocument): AnalyzedFields {
  const out: AnalyzedFields = {}
  const full = new Set<string>()
  const initials = new Set<string>()
  for (const { field, pinyin } of definition.searchable) {
    const words = cutForIndex(foldText(fieldText(doc[field])))
    out[TERMS_PREFIX + field] = words.join(' ')
    if (!pinyin) continue
    for (const w of words) {
      const py = pinyinOf(w)
      if (py) {
        full.add(py.full)
        initials.add(py.initials)
      }
    }
  }
  out[PINYIN_FIELD] = [...full].join(' ')
  out[INITIALS_FIELD] = [...initials].join(' ')
  return out
}

/** Field names of the analysed document, in weight order, with the weight each one searches with. */
export function analyzedFieldWeights(definition: IndexDefinition): Record<string, number> {
  const weights: Record<string, number> = {}
  for (const { field, weight } of definition.searchable) weights[TERMS_PREFIX + field] = weight
  // Pinyin matches are guesses at intent, so they rank below any Chinese match.
  weights[PINYIN_FIELD] = 0.8
  weights[INITIALS_FIELD] = 0.5
  return weights
}
