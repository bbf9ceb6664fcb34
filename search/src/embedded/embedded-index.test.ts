import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONFORMANCE_DOCS } from '../conformance/documents.ts'
import type { SearchEngine, SearchQuery } from '../engine.ts'
import { f } from '../filter.ts'
import { resourcesIndex } from '../indexes/resources.ts'
import { EmbeddedSearchEngine } from './embedded-engine.ts'

// What the conformance suite cannot see from outside: a snapshot answers exactly like the index it
// was taken from, and an index compacted after many rewrites answers exactly like a fresh one.

const QUERIES: SearchQuery[] = [
  { text: '康复', highlight: true },
  { text: 'jiuye', filter: f.eq('status', 'published') },
  { text: '低保', facets: ['needCategories', 'districtCodes'] },
  { filter: f.district('510100'), facets: ['resourceType'], sort: [{ field: 'updatedAt', order: 'desc' }] },
  { text: 'rehabilitaton' },
]

async function answers(engine: SearchEngine) {
  return Promise.all(QUERIES.map((q) => engine.search('resources', { ...q, perPage: 50 })))
}

async function engineWith(docs = CONFORMANCE_DOCS) {
  const engine = new EmbeddedSearchEngine()
  await engine.ensureIndex(resourcesIndex)
  await engine.upsert('resources', docs)
  return engine
}

describe('embedded index internals', () => {
  it('answers the same after a snapshot round trip', async () => {
    const engine = await engineWith()
    const dir = await mkdtemp(join(tmpdir(), 'liandong-snap-'))
    try {
      await engine.saveSnapshot(dir)
      const restored = new EmbeddedSearchEngine()
      expect(await restored.loadSnapshot(dir, [resourcesIndex])).toEqual(['resources'])
      expect(await answers(restored)).toEqual(await answers(engine))
      await restored.upsert('resources', [{ ...CONFORMANCE_DOCS[0]!, title: '新的助学金' }])
      expect((await restored.search('resources', { text: '新的' })).hits.map((h) => h.id)).toEqual(['r01'])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('ignores a snapshot taken under another definition', async () => {
    const engine = await engineWith()
    const dir = await mkdtemp(join(tmpdir(), 'liandong-snap-'))
    try {
      await engine.saveSnapshot(dir)
      const other = { ...resourcesIndex, sortable: ['title'] }
      expect(await new EmbeddedSearchEngine().loadSnapshot(dir, [other])).toEqual([])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('compacts after many rewrites and answers like a fresh index', async () => {
    const engine = await engineWith()
    // 1,200 rewrites leave enough tombstones to trigger compaction at least once.
    for (let i = 0; i < 100; i++) await engine.upsert('resources', CONFORMANCE_DOCS)
    await engine.delete('resources', ['r05'])
    const rest = CONFORMANCE_DOCS.filter((d) => d.id !== 'r05')
    const fresh = await engineWith(rest)
    // Internal order differs (rewritten documents move to the end), so compare as sets where order
    // is only a tie-break.
    const norm = (rs: Awaited<ReturnType<typeof answers>>) =>
      rs.map((r) => ({ ...r, hits: r.hits.map((h) => h.id).sort() }))
    expect(norm(await answers(engine))).toEqual(norm(await answers(fresh)))
    expect((await engine.stats('resources')).documents).toBe(11)
  })
})
