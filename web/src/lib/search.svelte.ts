import { onDestroy, untrack } from 'svelte'
import { toApiError } from '$lib/api/errors.ts'

// What the searchable directories (resources, volunteer opportunities) share: the address holds
// the query and the ticked filters, the box searches as one types, and only the newest answer shows.

/** The ticked values of each filter parameter, without blanks or repeats: `?district=a&district=b`. */
export function readFilters<K extends string>(
  params: URLSearchParams,
  keys: readonly K[],
): Record<K, string[]> {
  const filters = {} as Record<K, string[]>
  for (const key of keys) filters[key] = [...new Set(params.getAll(key).filter(Boolean))]
  return filters
}

/** A page number from the address: 1 unless a whole number above 1 (at most 1000). */
export function readPage(params: URLSearchParams): number {
  const page = Number(params.get('page'))
  return Number.isInteger(page) && page > 1 ? Math.min(page, 1000) : 1
}

/** Builds `?q=…&key=a&key=b&page=2` from what differs from the defaults (`?` when nothing does). */
export function queryString(
  q: string,
  filters: Record<string, string[]>,
  extra: Record<string, string | undefined>,
  page: number,
): string {
  const out = new URLSearchParams()
  if (q.trim()) out.set('q', q.trim())
  for (const [key, values] of Object.entries(filters)) for (const value of values) out.append(key, value)
  for (const [key, value] of Object.entries(extra)) if (value) out.set(key, value)
  if (page > 1) out.set('page', String(page))
  const text = out.toString()
  return text ? `?${text}` : '?'
}

/** A facet's values with their counts; a ticked value stays listed even when nothing matches it now. */
export function facetOptions(
  counts: Record<string, number> | undefined,
  selected: string[],
): { value: string; count: number }[] {
  const values = new Set([...Object.keys(counts ?? {}), ...selected])
  return [...values]
    .map((value) => ({ value, count: counts?.[value] ?? 0 }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
}

/** Toggles one value in a list (for a ticked or unticked checkbox). */
export const toggled = (list: string[], value: string) =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value]

/**
 * The answer to the newest request. Each run aborts the one before it, so a slow answer to an old
 * query can never replace the answer to the newest one.
 */
export class LatestRequest<T> {
  result = $state<T | null>(null)
  loading = $state(false)
  error = $state<string | null>(null)
  #controller: AbortController | undefined

  async run(fetcher: (signal: AbortSignal) => Promise<T>): Promise<void> {
    this.#controller?.abort()
    const controller = new AbortController()
    this.#controller = controller
    this.loading = true
    try {
      const data = await fetcher(controller.signal)
      if (controller.signal.aborted) return
      this.result = data
      this.error = null
    } catch (error) {
      if (controller.signal.aborted) return
      this.error = toApiError(error).message
    } finally {
      if (this.#controller === controller) this.loading = false
    }
  }

  cancel() {
    this.#controller?.abort()
  }
}

const DEBOUNCE_MS = 200

/**
 * The search box of a directory whose address is the truth. Typing commits the words to the
 * address after a pause (replacing the history entry: Back leaves the search rather than undoing
 * letters); a change of the address that did not come from typing (Back, a link) puts its words in
 * the box. Create it while a component initialises: it registers an effect and a cleanup.
 */
export class SearchBox {
  q = $state('')
  #typing: ReturnType<typeof setTimeout> | undefined
  #fromUrl: () => string
  #commit: (q: string) => void

  constructor(fromUrl: () => string, commit: (q: string) => void) {
    this.#fromUrl = fromUrl
    this.#commit = commit
    this.q = untrack(fromUrl)
    // Only a change of the address counts: reading `q` here would undo the user's keystrokes.
    let last = untrack(fromUrl)
    $effect(() => {
      const current = fromUrl()
      if (current === last) return
      last = current
      untrack(() => {
        if (this.#typing === undefined && current !== this.q.trim()) this.q = current
      })
    })
    onDestroy(() => clearTimeout(this.#typing))
  }

  onInput = () => {
    clearTimeout(this.#typing)
    this.#typing = setTimeout(() => {
      this.#typing = undefined
      if (this.q.trim() !== this.#fromUrl()) this.#commit(this.q)
    }, DEBOUNCE_MS)
  }

  onSubmit = (event: SubmitEvent) => {
    event.preventDefault()
    clearTimeout(this.#typing)
    this.#typing = undefined
    this.#commit(this.q)
  }
}
