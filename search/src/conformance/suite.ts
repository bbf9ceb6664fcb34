import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SYNONYMS, mergeSynonyms } from '../analysis/synonyms.ts'
import {
  type IndexDefinition,
  MAX_QUERY_LENGTH,
  type SearchEngine,
  type SearchQuery,
  type SearchResult,
} from '../engine.ts'
import { InvalidSearchQueryError } from '../errors.ts'
import { type Filter, f } from '../filter.ts'
import { resourcesIndex } from '../indexes/resources.ts'
import { CONFORMANCE_DOCS, CONFORMANCE_POINTS } from './documents.ts'

// One suite of search behaviours, run against every adapter (drizzle's shape: each adapter's test
// file calls conformance() with a factory). Read-only tests share one index; tests that write get an
// index of their own, so the suite can run against a shared Meilisearch without stepping on itself.

const ids = (r: SearchResult) => r.hits.map((h) => h.id)
const sorted = (xs: string[]) => [...xs].sort()
const ALL = CONFORMANCE_DOCS.map((d) => d.id)

export function conformance(name: string, makeEngine: () => Promise<SearchEngine> | SearchEngine): void {
  describe(`search conformance: ${name}`, () => {
    let engine: SearchEngine
    const run = `c${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
    const created: string[] = []
    const shared: IndexDefinition = { ...resourcesIndex, name: `${run}_shared` }

    async function freshIndex(suffix: string): Promise<string> {
      const def = { ...resourcesIndex, name: `${run}_${suffix}` }
      created.push(def.name)
      await engine.ensureIndex(def)
      await engine.upsert(def.name, CONFORMANCE_DOCS)
      return def.name
    }
    const search = (query: SearchQuery, index = shared.name) => engine.search(index, query)
    const find = async (text: string, filter?: Filter) => ids(await search({ text, filter, perPage: 50 }))
    const top = async (text: string, n = 3) => (await find(text)).slice(0, n)

    beforeAll(async () => {
      engine = await makeEngine()
      created.push(shared.name)
      await engine.ensureIndex(shared)
      await engine.upsert(shared.name, CONFORMANCE_DOCS)
    })

    afterAll(async () => {
      if (!engine) return
      for (const index of created) await engine.dropIndex(index)
      await engine.close()
    })

    it('reports health and counts documents', async () => {
      expect((await engine.health()).ok).toBe(true)
      expect(await engine.stats(shared.name)).toEqual({ documents: CONFORMANCE_DOCS.length })
    })

    describe('Chinese text', () => {
      it('finds parts of long words (助学 → 助学金, 康复 → 康复训练中心)', async () => {
        expect(await top('助学', 1)).toEqual(['r01'])
        expect(await top('康复', 1)).toEqual(['r02'])
        expect(await find('训练')).toContain('r02')
      })

      it('keeps domain words whole and still matches their parts (低保 in 低保家庭, 喘息服务)', async () => {
        expect(await find('低保')).toContain('r04')
        expect(await top('喘息服务', 1)).toEqual(['r07'])
        expect(await top('光荣院', 1)).toEqual(['r08'])
      })

      it('folds traditional characters to simplified', async () => {
        expect(await top('義診', 1)).toEqual(['r05'])
        expect(await top('康復訓練', 1)).toEqual(['r02'])
      })

      it('finds Chinese by full pinyin and by initials', async () => {
        expect(await top('jiuye', 2)).toContain('r03')
        expect(await top('kangfu', 1)).toEqual(['r02'])
        expect(await top('yizhen', 1)).toEqual(['r05'])
        expect(await find('jy')).toContain('r03')
        expect(await find('flyz')).toContain('r11')
      })

      it('tolerates typos in Latin words but not in short ones', async () => {
        expect(await top('rehabilitaton', 1)).toEqual(['r02'])
        expect(await top('sunshin', 1)).toEqual(['r02'])
        expect(await find('legel clinic')).toContain('r11')
        expect(await find('xqz')).toEqual([])
      })

      it('answers nothing for text that matches nothing', async () => {
        expect(await find('航天飞机')).toEqual([])
      })
    })

    describe('synonyms', () => {
      it('expands both ways for equivalents (低保 ⇄ 最低生活保障)', async () => {
        expect(await find('最低生活保障')).toEqual(expect.arrayContaining(['r04', 'r06']))
        expect(await find('低保')).toEqual(expect.arrayContaining(['r04', 'r06']))
      })

      it('widens colloquial words to official ones (找工作 → 就业, 看病 → 医疗, 上学 → 就学)', async () => {
        expect(await find('找工作')).toContain('r03')
        expect(await find('看病')).toContain('r05')
        expect(await find('上学')).toContain('r01')
        expect(await find('残障')).toContain('r10')
      })

      it('takes new synonyms at runtime', async () => {
        const before = engine.getSynonyms()
        expect(await find('敬老')).toEqual([])
        try {
          await engine.setSynonyms(
            mergeSynonyms(DEFAULT_SYNONYMS, { equivalent: [['敬老', '喘息服务']], oneWay: {} }),
          )
          expect(await find('敬老')).toContain('r07')
        } finally {
          await engine.setSynonyms(before)
        }
        expect(await find('敬老')).toEqual([])
      })
    })

    describe('filters', () => {
      it('filters by equality and by a list of values', async () => {
        expect(sorted(await find('', f.eq('orgId', 'org-b')))).toEqual(['r03', 'r06', 'r09', 'r11'])
        expect(sorted(await find('', f.in('resourceType', ['financial', 'cultural'])))).toEqual([
          'r01',
          'r08',
        ])
        expect(sorted(await find('', f.eq('needCategories', 'medical')))).toEqual(['r02', 'r05'])
        expect(sorted(await find('', f.eq('hasCapacity', false)))).toEqual(['r04'])
      })

      it('filters by numeric ranges, open and closed', async () => {
        expect(sorted(await find('', f.range('capacityAvailable', { gte: 20 })))).toEqual([
          'r01',
          'r03',
          'r05',
          'r10',
        ])
        expect(sorted(await find('', f.range('capacityAvailable', { gt: 3, lte: 6 })))).toEqual([
          'r07',
          'r11',
        ])
        // eligible at age 70: ageMin ≤ 70 ≤ ageMax
        const at70 = f.and(f.range('ageMin', { lte: 70 }), f.range('ageMax', { gte: 70 }))
        expect(sorted(await find('', at70))).toEqual([
          'r02',
          'r04',
          'r05',
          'r06',
          'r07',
          'r08',
          'r10',
          'r11',
          'r12',
        ])
      })

      it('combines with AND, OR and NOT', async () => {
        const published = f.eq('status', 'published')
        const either = f.or(f.eq('needCategories', 'legal'), f.eq('needCategories', 'family'))
        expect(sorted(await find('', f.and(published, either)))).toEqual(['r11', 'r12'])
        expect(await find('', f.not(published))).toEqual(['r10'])
        expect(sorted(await find('就业', f.and(published, f.eq('needCategories', 'employment'))))).toEqual([
          'r03',
        ])
      })

      it('filters by district, city and province codes', async () => {
        expect(sorted(await find('', f.district('510107')))).toEqual(['r01', 'r05'])
        expect(sorted(await find('', f.district(['620102', '620105'])))).toEqual(['r03', 'r06', 'r11'])
        expect((await find('', f.district('510100'))).length).toBe(7)
        expect((await find('', f.district('620000'))).length).toBe(5)
      })

      it('filters by geo radius', async () => {
        const { WUHOU, CHENGGUAN } = CONFORMANCE_POINTS
        expect(sorted(await find('', f.geoRadius(WUHOU.lat, WUHOU.lng, 2_500)))).toEqual(['r01', 'r05'])
        expect(sorted(await find('', f.geoRadius(WUHOU.lat, WUHOU.lng, 10_000)))).toEqual([
          'r01',
          'r02',
          'r05',
        ])
        expect(await find('', f.geoRadius(CHENGGUAN.lat, CHENGGUAN.lng, 1_000))).toEqual(['r03'])
      })

      it('applies filters to text matches', async () => {
        expect(await find('康复', f.district('620000'))).toEqual([])
        expect(await find('jiuye', f.eq('status', 'published'))).not.toContain('r10')
      })
    })

    describe('facets, sort and pages', () => {
      it('counts facet values over all matches, not just the page', async () => {
        const r = await search({ facets: ['needCategories', 'resourceType'], perPage: 1 })
        expect(r.total).toBe(12)
        expect(r.facets.needCategories?.employment).toBe(2)
        expect(r.facets.needCategories?.medical).toBe(2)
        expect(r.facets.resourceType).toEqual({ human: 9, financial: 1, material: 1, cultural: 1 })
        const filtered = await search({ filter: f.district('620000'), facets: ['needCategories'] })
        expect(filtered.facets.needCategories).toEqual({
          employment: 1,
          living: 1,
          policy: 1,
          psychological: 1,
          legal: 1,
        })
      })

      it('sorts by a field both ways', async () => {
        const asc = ids(await search({ sort: [{ field: 'capacityAvailable', order: 'asc' }], perPage: 3 }))
        expect(asc).toEqual(['r04', 'r02', 'r07'])
        const desc = ids(await search({ sort: [{ field: 'updatedAt', order: 'desc' }], perPage: 3 }))
        expect(desc).toEqual(['r10', 'r08', 'r05'])
      })

      it('pages without gaps or repeats and reports the total', async () => {
        const seen: string[] = []
        for (let page = 1; page <= 3; page++) {
          const r = await search({ sort: [{ field: 'title', order: 'asc' }], page, perPage: 5 })
          expect(r.total).toBe(12)
          expect(r.totalPages).toBe(3)
          seen.push(...ids(r))
        }
        expect(sorted(seen)).toEqual(ALL)
        expect((await search({ page: 4, perPage: 5 })).hits).toEqual([])
      })

      it('returns everything for an empty or blank query', async () => {
        expect(sorted(await find(''))).toEqual(ALL)
        expect(sorted(await find('   '))).toEqual(ALL)
      })

      it('marks matched words in highlights', async () => {
        const r = await search({ text: '康复', highlight: true, perPage: 1 })
        const title = r.hits[0]?.highlights?.title ?? []
        expect(title.map((p) => p.text).join('')).toBe('阳光康复训练中心')
        expect(
          title
            .filter((p) => p.match)
            .map((p) => p.text)
            .join(''),
        ).toContain('康复')
      })
    })

    describe('facet picks and pinyin highlights', () => {
      const CHENGDU = f.district('510100')

      it('counts a picked facet without its own pick, so the other values still show', async () => {
        const r = await search({
          facetFilters: { districtCodes: f.district('510107') },
          facets: ['districtCodes', 'needCategories'],
          perPage: 50,
        })
        expect(sorted(ids(r))).toEqual(['r01', 'r05'])
        expect(r.total).toBe(2)
        // Every district keeps its count while one is picked …
        expect(r.facets.districtCodes).toEqual(
          (await search({ facets: ['districtCodes'] })).facets.districtCodes,
        )
        expect(r.facets.districtCodes?.['620102']).toBe(2)
        // … and the other facets count within the pick.
        expect(r.facets.needCategories).toEqual({ schooling: 1, medical: 1 })
      })

      it('applies every pick to the hits and all but its own to each facet', async () => {
        const r = await search({
          facetFilters: { districtCodes: CHENGDU, needCategories: f.eq('needCategories', 'medical') },
          facets: ['needCategories', 'districtCodes', 'resourceType'],
          perPage: 50,
        })
        expect(sorted(ids(r))).toEqual(['r02', 'r05'])
        // Districts of medical resources anywhere; categories of Chengdu resources of any category.
        expect(r.facets.districtCodes).toEqual({ '510104': 1, '510107': 1 })
        expect(r.facets.needCategories).toEqual(
          (await search({ filter: CHENGDU, facets: ['needCategories'] })).facets.needCategories,
        )
        expect(r.facets.needCategories?.medical).toBe(2)
        expect(r.facets.needCategories?.schooling).toBe(1)
        expect(r.facets.resourceType).toEqual(
          (
            await search({
              filter: f.and(CHENGDU, f.eq('needCategories', 'medical')),
              facets: ['resourceType'],
            })
          ).facets.resourceType,
        )
      })

      it('combines picks with text and the base filter', async () => {
        const published = f.eq('status', 'published')
        const plain = await search({ text: '就业', filter: published, facets: ['needCategories'] })
        const r = await search({
          text: '就业',
          filter: published,
          facetFilters: { needCategories: f.eq('needCategories', 'capacity') },
          facets: ['needCategories'],
        })
        expect(ids(r)).toEqual([])
        expect(r.facets.needCategories).toEqual(plain.facets.needCategories)
        expect(plain.facets.needCategories?.employment).toBeGreaterThan(0)
        await expect(search({ facetFilters: { description: f.eq('status', 'x') } })).rejects.toBeInstanceOf(
          InvalidSearchQueryError,
        )
      })

      it('marks the Chinese words a pinyin or initials query matched', async () => {
        const cases: [string, string, string][] = [
          ['kangfu', 'r02', '康复'],
          ['yizhen', 'r05', '义诊'],
          ['flyz', 'r11', '法律援助'],
        ]
        for (const [text, id, word] of cases) {
          const r = await search({ text, highlight: true, perPage: 5 })
          const title = r.hits.find((h) => h.id === id)?.highlights?.title ?? []
          const doc = CONFORMANCE_DOCS.find((d) => d.id === id)!
          expect(title.map((p) => p.text).join(''), text).toBe(doc.title)
          expect(
            title
              .filter((p) => p.match)
              .map((p) => p.text)
              .join(' '),
            text,
          ).toContain(word)
          expect(title.some((p) => !p.match)).toBe(true)
        }
      })
    })

    describe('writes', () => {
      it('replaces a document on upsert', async () => {
        const index = await freshIndex('update')
        const old = CONFORMANCE_DOCS.find((d) => d.id === 'r12')!
        await engine.upsert(index, [{ ...old, title: '婚姻家庭调解服务', needCategories: ['legal'] }])
        expect(ids(await engine.search(index, { text: '调适' }))).toEqual([])
        expect(ids(await engine.search(index, { text: '调解' }))).toEqual(['r12'])
        expect(sorted(ids(await engine.search(index, { filter: f.eq('needCategories', 'legal') })))).toEqual([
          'r11',
          'r12',
        ])
        expect((await engine.stats(index)).documents).toBe(12)
      })

      it('deletes documents and ignores unknown ids', async () => {
        const index = await freshIndex('delete')
        await engine.delete(index, ['r02', 'does-not-exist'])
        expect(ids(await engine.search(index, { text: '康复' }))).toEqual([])
        expect((await engine.stats(index)).documents).toBe(11)
      })

      it('replaces all documents and keeps answering during the rebuild', async () => {
        const index = await freshIndex('replace')
        const seenDuring: number[] = []
        const progress: number[] = []
        async function* source() {
          for (const doc of CONFORMANCE_DOCS.slice(0, 6)) {
            seenDuring.push((await engine.search(index, {})).total)
            yield [{ ...doc, title: `${doc.title} 新版` }]
          }
        }
        await engine.replaceAll(index, source(), (p) => progress.push(p.indexed))
        expect(seenDuring.every((n) => n === 12)).toBe(true)
        expect(progress.at(-1)).toBe(6)
        expect((await engine.stats(index)).documents).toBe(6)
        expect(sorted(ids(await engine.search(index, { text: '新版' })))).toEqual(ALL.slice(0, 6))
      })
    })

    describe('hostile input', () => {
      it('refuses over-long text with InvalidSearchQueryError', async () => {
        await expect(search({ text: '康'.repeat(MAX_QUERY_LENGTH + 1) })).rejects.toBeInstanceOf(
          InvalidSearchQueryError,
        )
      })

      it('survives long, quoted, emoji and control-character text', async () => {
        const texts = [
          '康复 '.repeat(100),
          '"康复" OR 1=1 --',
          "'; DROP TABLE resources; --",
          '\\"\\\\ ( ) [ ] { } * ? : ~ ^',
          '😀🚑🏥',
          'a\u0000b\u0007c\u200b\u202e',
          '_geoRadius(0, 0, 1)',
        ]
        for (const text of texts) await expect(search({ text })).resolves.toBeDefined()
        expect(await top('康复\u0000\u0007', 1)).toEqual(['r02'])
        expect(await top('😀康复', 1)).toEqual(['r02'])
      })

      it('treats filter values as values, never as syntax', async () => {
        expect(await find('', f.eq('status', 'draft" OR status = "published'))).toEqual([])
        expect(await find('', f.eq('orgId', 'org-a\\" OR orgId = \\"org-b'))).toEqual([])
        expect(await find('', f.in('orgId', ['x"] OR orgId IN ["org-b']))).toEqual([])
      })

      it('refuses unknown fields, bad values and unsortable sorts', async () => {
        const bad: SearchQuery[] = [
          { filter: f.eq('status = "published" OR orgId', 'x') },
          { filter: f.eq('title', 'x') },
          { filter: f.range('capacityAvailable', { gte: Number.NaN }) },
          { filter: f.range('capacityAvailable', { lte: Number.POSITIVE_INFINITY }) },
          { filter: f.range('capacityAvailable', {}) },
          { filter: f.in('orgId', []) },
          { filter: f.geoRadius(95, 0, 10) },
          { filter: { op: 'drop' } as unknown as Filter },
          { facets: ['description'] },
          { sort: [{ field: 'description', order: 'asc' }] },
          { page: 0 },
          { perPage: 10_000 },
        ]
        for (const q of bad) await expect(search(q)).rejects.toBeInstanceOf(InvalidSearchQueryError)
      })
    })
  })
}
