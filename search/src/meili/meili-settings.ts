import type { Settings } from 'meilisearch'
import { DOMAIN_WORDS } from '../analysis/dictionary.ts'
import { analyzedFieldWeights, INITIALS_FIELD, PINYIN_FIELD, TERMS_PREFIX } from '../analysis/document.ts'
import type { Synonyms } from '../analysis/synonyms.ts'
import type { IndexDefinition } from '../engine.ts'

// The index definition expressed as Meilisearch settings — the same fields, weights, synonyms and
// dictionary the embedded engine uses, so both engines answer alike.

/** Meilisearch counts hits exactly only up to this many; pages beyond it are not reachable. */
export const MAX_TOTAL_HITS = 10_000

/** Searchable attributes in rank order: each original field, then its analysed copy, by weight. */
export function searchableAttributes(def: IndexDefinition): string[] {
  const weights = analyzedFieldWeights(def)
  const entries: [string, number][] = []
  for (const { field, weight } of def.searchable) {
    entries.push([field, weight], [TERMS_PREFIX + field, weight])
  }
  entries.push([PINYIN_FIELD, weights[PINYIN_FIELD] ?? 0], [INITIALS_FIELD, weights[INITIALS_FIELD] ?? 0])
  // A stable sort keeps the original before its copy at equal weight.
  return entries.sort((a, b) => b[1] - a[1]).map(([name]) => name)
}

export function meiliSettings(def: IndexDefinition, synonyms: Synonyms): Settings {
  const geo = def.geo ? ['_geo'] : []
  return {
    searchableAttributes: searchableAttributes(def),
    filterableAttributes: [...def.filterable, ...geo],
    sortableAttributes: [...def.sortable, ...geo],
    displayedAttributes: ['*'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    synonyms: synonyms.toRecord(),
    dictionary: [...DOMAIN_WORDS],
    // Chinese fields are segmented as Mandarin; the pinyin fields are left to Latin tokenisation.
    localizedAttributes: [
      { attributePatterns: [...def.searchable.map((s) => s.field), `${TERMS_PREFIX}*`], locales: ['cmn'] },
    ],
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      // Initials are abbreviations: a "typo" in jy is a different word.
      disableOnAttributes: [INITIALS_FIELD],
      disableOnNumbers: true,
    },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
    faceting: { maxValuesPerFacet: 200 },
  }
}
