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

  /**
   * A `notification.*` event on the user's own topic. Its data carries ids and statuses only (no
   * personal data travels over the socket), so the toast says that something arrived; a `title`
   * the server chose to send is shown as is.
   */
  received(data: unknown, fallback: string) {
    const title = typeof data === 'object' && data !== null && 'title' in data ? data.title : undefined
    this.push('info', typeof title === 'string' && title.trim() ? title : fallback)
  }

  dismiss(id: number) {
    this.items = this.items.filter((n) => n.id !== id)
  }
}

export const notifications = new Notifications()
