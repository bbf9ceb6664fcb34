export interface Notice {
  id: number
  kind: 'success' | 'info' | 'error'
  text: string
}

const SHOW_MS = 6000

/** Short confirmations ("Saved") announced through one polite live region. */
class Notifications {
  items = $state<Notice[]>([])
  #next = 1

  push(kind: Notice['kind'], text: string) {
    const id = this.#next++
    this.items.push({ id, kind, text })
    setTimeout(() => this.dismiss(id), SHOW_MS)
  }

  success(text: string) {
    this.push('success', text)
  }

  error(text: string) {
    this.push('error', text)
  }

  /** A `notification` event on the user's own topic: its message, already in the reader's language. */
  received(data: unknown, fallback: string) {
    const text = typeof data === 'object' && data !== null && 'message' in data ? data.message : undefined
    this.push('info', typeof text === 'string' && text.trim() ? text : fallback)
  }

  dismiss(id: number) {
    this.items = this.items.filter((n) => n.id !== id)
  }
}

export const notifications = new Notifications()
