import { describe, expect, it } from 'vitest'
import { EmbeddedSearchEngine } from './embedded/embedded-engine.ts'
import { type ResourceInput, resourcesIndex, resourceToDocument } from './indexes/resources.ts'
import { inBatches, type ReindexProgress, reindex } from './reindex.ts'

function row(n: number, title: string): ResourceInput {
  return {
    id: `res-${n}`,
    orgId: 'org-1',
    title,
    description: '每周二上午开放',
    needCategories: ['living'],
    resourceType: 'material',
    recipientCategories: ['dibao'],
    districtCodes: ['620102'],
    capacityAvailable: 10,
    status: 'published',
    visibility: 'public',
    updatedAt: '2025-05-01T00:00:00Z',
  }
}

describe('reindex', () => {
  it('swaps in the rebuilt index at the end, keeps writes made meanwhile, and reports progress', async () => {
    const engine = new EmbeddedSearchEngine()
    await engine.ensureIndex(resourcesIndex)
    await engine.upsert(
      'resources',
      [1, 2, 3].map((n) => resourceToDocument(row(n, `旧粮油发放点 ${n}`))),
    )

    const totalsDuring: number[] = []
    async function* rows() {
      for (let n = 1; n <= 250; n++) {
        if (n % 50 === 0) totalsDuring.push((await engine.search('resources', { text: '粮油' })).total)
        if (n === 120) {
          // Writes that arrive through the outbox while the rebuild runs must survive the swap.
          await engine.upsert('resources', [resourceToDocument(row(999, '新增爱心超市'))])
          await engine.delete('resources', ['res-7'])
        }
        yield row(n, `新粮油发放点 ${n}`)
      }
    }
    const progress: ReindexProgress[] = []
    const result = await reindex(
      engine,
      'resources',
      inBatches(rows(), 100, resourceToDocument),
      (p) => progress.push(p),
      {
        total: 250,
      },
    )

    expect(totalsDuring).toEqual([3, 3, 3, 3, 3])
    expect(progress.map((p) => p.indexed)).toEqual([100, 200, 250])
    expect(progress.every((p) => p.total === 250)).toBe(true)
    expect(result.indexed).toBe(250)
    expect((await engine.stats('resources')).documents).toBe(250)
    expect((await engine.search('resources', { text: '旧' })).total).toBe(0)
    expect((await engine.search('resources', { text: '爱心超市' })).hits.map((h) => h.id)).toEqual([
      'res-999',
    ])
    expect(
      (await engine.search('resources', { text: '粮油', perPage: 100, page: 3 })).hits.map((h) => h.id),
    ).not.toContain('res-7')
  })

  it('leaves the old index in place when the source fails', async () => {
    const engine = new EmbeddedSearchEngine()
    await engine.ensureIndex(resourcesIndex)
    await engine.upsert('resources', [resourceToDocument(row(1, '旧粮油发放点'))])
    async function* broken() {
      yield [resourceToDocument(row(2, '新粮油'))]
      throw new Error('database went away')
    }
    await expect(reindex(engine, 'resources', broken())).rejects.toThrow('database went away')
    expect((await engine.search('resources', {})).hits.map((h) => h.id)).toEqual(['res-1'])
  })
})
