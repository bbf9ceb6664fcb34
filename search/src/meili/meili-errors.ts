import { MeilisearchApiError, MeilisearchError } from 'meilisearch'
import { InvalidSearchQueryError, SearchError, SearchUnavailableError, UnknownIndexError } from '../errors.ts'

// Meilisearch's errors mapped to ours. Codes starting with invalid_search_ mean the request was wrong;
// everything else (network, timeouts, 5xx, failed tasks) means the engine is unavailable for now.

export function mapMeiliError(error: unknown, index?: string): SearchError {
  if (error instanceof SearchError) return error
  if (error instanceof MeilisearchApiError) {
    const code = error.cause?.code ?? ''
    if (code === 'index_not_found')
      return new UnknownIndexError(`index ${index ?? ''} does not exist`, { index }, { cause: error })
    if (code.startsWith('invalid_search_') || code.startsWith('invalid_facet_')) {
      return new InvalidSearchQueryError(error.cause?.message ?? 'invalid search', { code }, { cause: error })
    }
    return new SearchUnavailableError(
      'Meilisearch refused the request',
      { code, status: error.response.status },
      { cause: error },
    )
  }
  if (error instanceof MeilisearchError) {
    return new SearchUnavailableError('Meilisearch is unreachable', { reason: error.name }, { cause: error })
  }
  return new SearchUnavailableError('search failed', undefined, { cause: error })
}
