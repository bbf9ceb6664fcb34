import { pinyin } from 'pinyin-pro'
import { hasHan } from './normalize.ts'

// Pinyin is computed per word, not per character, so polyphones resolve in context (银行 → yinhang).
// The vocabulary of a corpus is small compared to its text, so a cache makes 100k documents cheap.

export type WordPinyin = { full: string; initials: string }

const cache = new Map<string, WordPinyin | null>()
const CACHE_LIMIT = 200_000

export function pinyinOf(word: string): WordPinyin | null {
  const hit = cache.get(word)
  if (hit !== undefined) return hit
  let value: WordPinyin | null = null
  // Single characters give initials like "j" that match everything; they add noise, not recall.
  if (word.length >= 2 && hasHan(word)) {
    const syllables = pinyin(word, { toneType: 'none', type: 'array', v: true, nonZh: 'removed' })
    const parts = syllables.filter((s) => /^[a-z]+$/.test(s))
    if (parts.length > 0) value = { full: parts.join(''), initials: parts.map((s) => s[0]).join('') }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(word, value)
  return value
}
