import { describe, expect, it } from 'vitest'
import { needKeywords } from './needs-keywords.ts'

describe('needKeywords', () => {
  it('keeps the meaningful words of a summary, without particles or single characters', () => {
    const words = needKeywords('退役军人，腿部旧伤需要康复训练，希望每周两次康复理疗。')
    expect(words.slice(0, 3)).toEqual(['退役军人', '康复训练', '腿部'])
    expect(words).toContain('康复')
    expect(words).not.toContain('需要')
    expect(words).not.toContain('每周')
    expect(words.every((w) => w.length >= 2)).toBe(true)
  })
  it('caps the number of words', () => {
    expect(needKeywords('低保 特困 临时救助 医疗救助 就业 就学 康复 照护 心理 法律 政策', 4)).toHaveLength(4)
  })
})
