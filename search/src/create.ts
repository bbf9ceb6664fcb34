import type { SynonymTable } from './analysis/synonyms.ts'
import { EmbeddedSearchEngine } from './embedded/embedded-engine.ts'
import type { SearchEngine } from './engine.ts'
import { MeiliSearchEngine } from './meili/meili-engine.ts'

/** DESIGN.md's rule in one place: Meilisearch when MEILI_URL is set, the embedded engine otherwise. */
export function createSearchEngine(options: {
  meiliUrl?: string
  meiliApiKey?: string
  synonyms?: SynonymTable
}): SearchEngine {
  if (options.meiliUrl) {
    return new MeiliSearchEngine({
      url: options.meiliUrl,
      apiKey: options.meiliApiKey,
      synonyms: options.synonyms,
    })
  }
  return new EmbeddedSearchEngine({ synonyms: options.synonyms })
}
