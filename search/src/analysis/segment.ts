import { Jieba } from '@node-rs/jieba'
import { dict } from '@node-rs/jieba/dict.js'
import { DOMAIN_WORDS, jiebaDictionary } from './dictionary.ts'

// jieba, not Intl.Segmenter: the ICU segmenter splits 低保 and 助学金 into characters. One instance
// per process, built on first use (loading the dictionary takes ~150 ms).

let jieba: Jieba | undefined

function instance(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict)
    jieba.loadDict(Buffer.from(jiebaDictionary(DOMAIN_WORDS)))
  }
  return jieba
}

/** Words a query or document adds at runtime (e.g. new synonym keys); affects documents indexed later. */
export function addWords(words: readonly string[]): void {
  if (words.length > 0) instance().loadDict(Buffer.from(jiebaDictionary(words)))
}

// Particles and question words that carry no meaning in a search box.
export const STOP_WORDS = new Set([
  '的',
  '了',
  '和',
  '与',
  '及',
  '或',
  '在',
  '是',
  '我',
  '我们',
  '要',
  '想',
  '请',
  '有',
  '吗',
  '呢',
  '哪里',
  '哪儿',
  '怎么',
  '如何',
  '什么',
  '一下',
  '帮',
  '给',
  '把',
  '能',
  '可以',
  '附近',
  '一些',
  '这',
  '那',
  '找',
  '求',
  '帮忙',
])

const WORDLIKE = /[\p{L}\p{N}]/u

function clean(tokens: string[]): string[] {
  const out: string[] = []
  for (const t of tokens) {
    const token = t.trim()
    if (token && WORDLIKE.test(token) && !STOP_WORDS.has(token)) out.push(token)
  }
  return out
}

/** Precise mode: the best single segmentation, used for queries. HMM off keeps results dictionary-bound. */
export function cutPrecise(text: string): string[] {
  return clean(instance().cut(text, false))
}

/** Search mode: the words plus their dictionary sub-words (助学金 → 助学, 助学金), used for documents. */
export function cutForIndex(text: string): string[] {
  return clean(instance().cutForSearch(text, false))
}

/**
 * Non-overlapping dictionary sub-words covering a long word, left to right (康复训练中心 → 康复 训练 中心).
 * A query word then also matches documents where jieba split the same text differently.
 */
export function coverOf(word: string): string[] {
  if (word.length < 3) return []
  const subs = instance()
    .cutForSearch(word, false)
    .filter((s) => s.length >= 2 && s !== word)
  const cover: string[] = []
  let pos = 0
  while (pos < word.length) {
    let best = ''
    for (const s of subs) if (s.length > best.length && word.startsWith(s, pos)) best = s
    if (best) {
      cover.push(best)
      pos += best.length
    } else {
      pos += 1
    }
  }
  return cover.length > 1 ? cover : []
}
