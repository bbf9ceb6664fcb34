// Typed errors the server maps to its envelope: SearchUnavailableError → 503, InvalidSearchQueryError → 422.
// Adapters translate their own failures into these so callers never see a Meilisearch or MiniSearch error.

export type SearchErrorCode = 'search_unavailable' | 'invalid_search_query' | 'unknown_index'

export abstract class SearchError extends Error {
  abstract readonly code: SearchErrorCode
  readonly details: Record<string, unknown> | undefined

  constructor(message: string, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message, options)
    this.details = details
  }
}

/** The engine cannot be reached or failed; the caller may retry later (the outbox does). */
export class SearchUnavailableError extends SearchError {
  readonly code = 'search_unavailable'
  override readonly name = 'SearchUnavailableError'
}

/** The query itself is wrong (bad filter field, over-long text, bad page …); retrying will not help. */
export class InvalidSearchQueryError extends SearchError {
  readonly code = 'invalid_search_query'
  override readonly name = 'InvalidSearchQueryError'
}

/** The index was never ensured on this engine — a wiring mistake, not user input. */
export class UnknownIndexError extends SearchError {
  readonly code = 'unknown_index'
  override readonly name = 'UnknownIndexError'
}
