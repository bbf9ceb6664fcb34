import { describe, expect, it } from 'vitest'
import { INITIALS_FIELD, PINYIN_FIELD } from '../analysis/document.ts'
import { highlightField, highlightParts, POST, PRE, spelledTerms } from './meili-highlight.ts'

// The Meilisearch adapter's highlight mapping on hits shaped as Meilisearch returns them, so it is
// checked here even where no server runs (the conformance suite checks it end to end with MEILI_URL).

const doc = { id: 'r02', title: '阳光康复训练中心', description: '免费法律援助与康复指导' }

describe('Meilisearch highlights', () => {
  it('splits its own marks into parts', () => {
    expect(highlightParts(`阳光${PRE}康复${POST}训练中心`)).toEqual([
      { text: '阳光', match: false },
      { text: '康复', match: true },
      { text: '训练中心', match: false },
    ])
    expect(highlightParts(undefined)).toEqual([])
  })

  it('reads the whole pinyin and initials words a match touched, prefix matches included', () => {
    const raw = {
      [PINYIN_FIELD]: 'yangguang kangfu kangfuxunlian xunlian',
      [INITIALS_FIELD]: 'yg kf kfxl xl',
      _matchesPosition: {
        // `kangf` matched the start of kangfu; `kf` matched kf exactly.
        [PINYIN_FIELD]: [{ start: 10, length: 5 }],
        [INITIALS_FIELD]: [{ start: 3, length: 2 }],
      },
    }
    expect(spelledTerms(raw).sort()).toEqual(['kangfu', 'kf'])
    expect(spelledTerms({ [PINYIN_FIELD]: 'kangfu' })).toEqual([])
  })

  it('marks the Chinese words a pinyin match spells, beside its own marks', () => {
    const title = highlightField(doc, 'title', doc.title, ['kangfu'])
    expect(title.filter((p) => p.match).map((p) => p.text)).toEqual(['康复'])
    expect(title.map((p) => p.text).join('')).toBe(doc.title)
    const description = highlightField(doc, 'description', `免费${PRE}法律${POST}援助与康复指导`, ['kangfu'])
    expect(description.filter((p) => p.match).map((p) => p.text)).toEqual(['法律', '康复'])
    // Without a pinyin match, Meilisearch's own marks pass through unchanged.
    expect(highlightField(doc, 'title', `阳光${PRE}康复${POST}训练中心`, [])).toEqual(
      highlightParts(`阳光${PRE}康复${POST}训练中心`),
    )
  })
})
