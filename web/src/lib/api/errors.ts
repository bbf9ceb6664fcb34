import { m } from '$lib/paraglide/messages.js'

export interface ErrorDetail {
  field: string
  code: string
  message: string
}
interface Envelope {
  error: { code: string; message: string; details?: ErrorDetail[] }
  requestId?: string
}

/** An error answered by the API, its message already translated by the server. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly requestId?: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /** Field messages keyed by the input's name: the server says `body.email`, the form says `email`. */
  get fields(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const d of this.details) {
      const name = d.field.replace(/^(body|query|params)\./, '')
      out[name] ??= d.message
    }
    return out
  }
}

function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && 'error' in value
}

/** Turns whatever a failed call gave back into an ApiError. */
export function toApiError(error: unknown, response?: Response): ApiError {
  if (error instanceof ApiError) return error
  if (isEnvelope(error)) {
    const e = error.error
    return new ApiError(response?.status ?? 500, e.code, e.message, e.details ?? [], error.requestId)
  }
  if (response) return new ApiError(response.status, 'http_error', m.error_unexpected())
  // fetch itself failed: offline or the server is down.
  return new ApiError(0, 'network', m.error_network())
}

type Result<T> = { data?: T; error?: unknown; response: Response }

/** Awaits an openapi-fetch call and returns its data, or throws an ApiError. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let result: Result<T>
  try {
    result = await call
  } catch (error) {
    throw toApiError(error)
  }
  if (result.error !== undefined || !result.response.ok) throw toApiError(result.error, result.response)
  return result.data as T
}
