import { cutPrecise } from '../analysis/segment.ts'

// A need's public summary is a sentence, and a search matches every word of its query; to ask
// "which resources speak of what this need speaks of", matching searches word by word. These are
// the words worth asking about: jieba's words of two or more characters (or Latin words of three
// or more letters) that are not filler, most frequent first, then longest, without repeats.

// Words every summary uses that say nothing about what is needed.
const FILLER = new Set(
  '需要 希望 想要 每周 每月 每天 一次 两次 目前 现在 已经 没有 提供 帮助 能够 问题 情况 服务 进行 相关 以及 因为 所以 但是 比较 非常'.split(
    ' ',
  ),
)

export function needKeywords(text: string, max = 8): string[] {
  const counts = new Map<string, number>()
  for (const word of cutPrecise(text)) {
    const latin = /^[a-z0-9]+$/i.test(word)
    if ((latin ? word.length < 3 : [...word].length < 2) || FILLER.has(word)) continue
    counts.set(word, (counts.get(word) ?? 0) + 1)
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)
    .slice(0, max)
    .map(([w]) => w)
}
