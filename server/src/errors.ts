// Typed errors the services throw. One handler (plugins/envelope.ts) turns them into
// { error: { code, message, details? }, requestId } with the message from the catalogues.
import type { MessageKey } from './i18n/index.ts'

export interface FieldProblem {
  field: string
  code: MessageKey
  params?: Record<string, string | number>
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly details?: FieldProblem[],
    readonly headers?: Record<string, string>,
  ) {
    super(code)
    this.name = new.target.name
  }
}

export class ValidationError extends AppError {
  constructor(details: FieldProblem[], code: MessageKey = 'validation_failed') {
    super(422, code, {}, details)
  }
}
export class UnauthorizedError extends AppError {
  constructor(code: MessageKey = 'unauthenticated') {
    super(401, code)
  }
}
export class ForbiddenError extends AppError {
  constructor(code: MessageKey = 'forbidden', params: Record<string, string | number> = {}) {
    super(403, code, params)
  }
}
export class NotFoundError extends AppError {
  constructor(code: MessageKey = 'not_found') {
    super(404, code)
  }
}
export class ConflictError extends AppError {
  constructor(code: MessageKey, params: Record<string, string | number> = {}, details?: FieldProblem[]) {
    super(409, code, params, details)
  }
}
export class TooManyRequestsError extends AppError {
  constructor(code: MessageKey, retryAfterSeconds: number) {
    super(429, code, { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) }, undefined, {
      'retry-after': String(retryAfterSeconds),
    })
  }
}
