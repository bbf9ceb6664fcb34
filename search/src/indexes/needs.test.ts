import { describe, expect, it } from 'vitest'
import { EmbeddedSearchEngine } from '../embedded/embedded-engine.ts'
import { type NeedInput, needsIndex, needToDocument } from './needs.ts'

describe('needToDocument', () => {
  it('copies only de-identified fields, even when handed a whole database row', async () => {
    const row = {
      id: 'need-1',
      orgId: 'org-1',
      publicSummary: '独居老人需要每周上门探访',
      needCategories: ['care'],
      districtCode: '620102',
      urgency: 'high',
      ageBand: 'senior',
      recipientCategories: ['tekun'],
      status: 'open',
      createdAt: '2025-06-01T00:00:00Z',
      name: '张秀英',
      phone: '13800000000',
      address: '城关区某街道12号',
      privateDescription: '患有抑郁症，子女失联',
    } satisfies NeedInput & Record<string, unknown>
    const doc = needToDocument(row)
    const text = JSON.stringify(doc)
    for (const secret of ['张秀英', '13800000000', '12号', '抑郁症']) expect(text).not.toContain(secret)
    expect(doc).toMatchObject({ urgencyRank: 3, areaCodes: ['620102', '620100', '620000'] })

    const engine = new EmbeddedSearchEngine()
    await engine.ensureIndex(needsIndex)
    await engine.upsert('needs', [doc])
    expect((await engine.search('needs', { text: '张秀英' })).total).toBe(0)
    expect((await engine.search('needs', { text: '上门探访' })).total).toBe(1)
  })
})
