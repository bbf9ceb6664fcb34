import { seedDemoResources } from '@liandong/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'

// Through the API: a picked facet keeps counting its other values (disjunctive facets), and a
// pinyin query marks the Chinese words it matched.

type Result = {
  total: number
  hits: {
    title: string
    districtCodes: string[]
    highlights: { title?: { text: string; match: boolean }[] }
  }[]
  facets: Record<string, Record<string, number>>
}

let t: TestApp
let cookie: string
beforeAll(async () => {
  t = await testApp()
  await t.app.searchReady()
  await seedDemoResources(t.database.db)
  while ((await t.app.jobs.outbox.drainOnce()).claimed > 0) {}
  cookie = await signIn(t.app, 'worker.cd@demo.liandong.cn')
})
afterAll(() => t.close())

async function search(query: string): Promise<Result> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/search/resources?${query}`,
    headers: { cookie },
  })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

describe('resource search facets and highlights', () => {
  it('shows every district’s count while one district is picked', async () => {
    const all = await search('perPage=100')
    const picked = await search('district=510107&perPage=100')
    expect(picked.total).toBe(all.facets.districtCodes?.['510107'])
    expect(picked.hits.every((h) => h.districtCodes.includes('510107'))).toBe(true)
    expect(picked.facets.districtCodes).toEqual(all.facets.districtCodes)
    expect(Object.keys(picked.facets.districtCodes ?? {}).length).toBeGreaterThan(5)
    // The other facets count within the pick.
    const counted = Object.values(picked.facets.resourceType ?? {}).reduce((a, b) => a + b, 0)
    expect(counted).toBe(picked.total)
  })

  it('counts each picked facet without its own pick and with the others', async () => {
    const legalAnywhere = await search('needCategory=legal')
    const both = await search('needCategory=legal&district=510100')
    const chengdu = await search('district=510100')
    expect(both.facets.districtCodes).toEqual(legalAnywhere.facets.districtCodes)
    expect(both.facets.needCategories).toEqual(chengdu.facets.needCategories)
    expect(both.total).toBe(chengdu.facets.needCategories?.legal)
  })

  it('marks the Chinese words a pinyin query matched', async () => {
    const { hits } = await search('q=kangfu&perPage=5')
    const withWord = hits.filter((h) => h.title.includes('康复'))
    expect(withWord.length).toBeGreaterThan(0)
    for (const hit of withWord) {
      const marked = (hit.highlights.title ?? []).filter((p) => p.match).map((p) => p.text)
      expect(marked.join(' ')).toContain('康复')
    }
  })
})
