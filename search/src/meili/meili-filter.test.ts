import { describe, expect, it } from 'vitest'
import { DEFAULT_SYNONYMS, Synonyms } from '../analysis/synonyms.ts'
import { InvalidSearchQueryError } from '../errors.ts'
import { f } from '../filter.ts'
import { resourcesIndex } from '../indexes/resources.ts'
import { toMeiliFilter } from './meili-filter.ts'
import { meiliSettings, searchableAttributes } from './meili-settings.ts'

// Reads the quoted strings out of a filter the way Meilisearch does (backslash escapes), so the tests
// can check that every value comes back exactly and nothing outside the quotes was injected.
function lex(filter: string): { syntax: string; values: string[] } {
  let syntax = ''
  const values: string[] = []
  for (let i = 0; i < filter.length; i++) {
    if (filter[i] !== '"') {
      syntax += filter[i]
      continue
    }
    let value = ''
    for (i += 1; filter[i] !== '"'; i++) {
      if (i >= filter.length) throw new Error('unterminated string')
      value += filter[i] === '\\' ? filter[++i] : filter[i]
    }
    values.push(value)
    syntax += '?'
  }
  return { syntax, values }
}

describe('Meilisearch filter strings', () => {
  it('prints each operator', () => {
    expect(toMeiliFilter(f.eq('status', 'published'))).toBe('status = "published"')
    expect(toMeiliFilter(f.eq('hasCapacity', true))).toBe('hasCapacity = true')
    expect(toMeiliFilter(f.in('districtCodes', ['510107', '620102']))).toBe(
      'districtCodes IN ["510107", "620102"]',
    )
    expect(toMeiliFilter(f.range('ageMin', { gte: 18, lt: 60 }))).toBe('ageMin >= 18 AND ageMin < 60')
    expect(toMeiliFilter(f.and(f.eq('a', 1), f.or(f.eq('b', 2), f.not(f.eq('c', 'x')))))).toBe(
      '(a = 1) AND ((b = 2) OR (NOT (c = "x")))',
    )
    expect(toMeiliFilter(f.geoRadius(30.64, 104.04, 2500))).toBe('_geoRadius(30.64, 104.04, 2500)')
    expect(toMeiliFilter(f.district('510100'))).toBe('areaCodes = "510100"')
    expect(toMeiliFilter(f.range('updatedAt', { gte: 1.7e12 }))).toBe('updatedAt >= 1700000000000')
    expect(toMeiliFilter(f.range('score', { gt: 1e-7 }))).toBe('score > 0.000000100000')
  })

  it('keeps hostile values inside their quotes', () => {
    const hostile = [
      'draft" OR status = "published',
      'a\\" OR status = \\"b',
      '\\',
      'x"] OR orgId IN ["y',
      '")) OR ((1 = 1',
      '_geoRadius(0, 0, 1)',
      '低保"\u0000😀',
    ]
    for (const value of hostile) {
      const printed = lex(toMeiliFilter(f.and(f.eq('status', value), f.in('orgId', [value, 'ok']))))
      expect(printed.syntax).toBe('(status = ?) AND (orgId IN [?, ?])')
      expect(printed.values).toEqual([value, value, 'ok'])
    }
  })

  it('refuses field names that are not identifiers and numbers that are not finite', () => {
    expect(() => toMeiliFilter(f.eq('status = "x" OR id', 'y'))).toThrow(InvalidSearchQueryError)
    expect(() => toMeiliFilter(f.range('ageMin', { gte: Number.NaN }))).toThrow(InvalidSearchQueryError)
  })
})

describe('Meilisearch settings', () => {
  it('lists searchable fields by weight, each original before its analysed copy, pinyin below Chinese', () => {
    expect(searchableAttributes(resourcesIndex)).toEqual([
      'title',
      '_t_title',
      'categoryLabels',
      '_t_categoryLabels',
      'keywords',
      '_t_keywords',
      'description',
      '_t_description',
      'orgName',
      '_t_orgName',
      '_pinyin',
      'areaNames',
      '_t_areaNames',
      '_initials',
    ])
  })

  it('carries filters, geo, synonyms both ways, the dictionary and Mandarin segmentation', () => {
    const s = meiliSettings(resourcesIndex, new Synonyms(DEFAULT_SYNONYMS))
    expect(s.filterableAttributes).toContain('_geo')
    expect(s.filterableAttributes).toContain('areaCodes')
    expect(s.sortableAttributes).toEqual(['updatedAt', 'capacityAvailable', 'title', '_geo'])
    expect(s.synonyms?.['低保']).toContain('最低生活保障')
    expect(s.synonyms?.['最低生活保障']).toContain('低保')
    expect(s.synonyms?.['找工作']).toEqual(['就业'])
    expect(s.synonyms?.['就业']).toBeUndefined()
    // The pinyin of a glossary word stands for the word and its synonyms, one way.
    expect(s.synonyms?.dibao).toEqual(expect.arrayContaining(['低保', '最低生活保障']))
    expect(s.synonyms?.guangrongyuan).toEqual(['光荣院'])
    expect(s.synonyms?.['低保']).not.toContain('dibao')
    expect(s.dictionary).toContain('低保边缘家庭')
    expect(s.localizedAttributes?.[0]?.locales).toEqual(['cmn'])
    expect(s.localizedAttributes?.[0]?.attributePatterns).toContain('_t_*')
  })
})
