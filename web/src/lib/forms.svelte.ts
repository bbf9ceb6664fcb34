import { ApiError, toApiError } from '$lib/api/errors.ts'

/**
 * The state of one form: pending while a call runs, then the server's message and its per-field
 * messages (which the server already translated) for the form to show next to each input.
 */
export class FormState {
  pending = $state(false)
  message = $state<string | null>(null)
  fields = $state<Record<string, string>>({})

  /** Runs the submit; returns its result, or undefined when it failed (the error is then shown). */
  async run<T>(submit: () => Promise<T>): Promise<T | undefined> {
    if (this.pending) return undefined
    this.pending = true
    this.message = null
    this.fields = {}
    try {
      return await submit()
    } catch (error) {
      this.fail(error)
      return undefined
    } finally {
      this.pending = false
    }
  }

  fail(error: unknown) {
    const e = error instanceof ApiError ? error : toApiError(error)
    this.message = e.message
    this.fields = e.fields
  }

  reset() {
    this.message = null
    this.fields = {}
  }
}
