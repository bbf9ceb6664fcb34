/**
 * Sleep that a NOTIFY (or a finished job) can cut short. A wake that arrives while the loop is
 * busy is remembered, so the next wait returns at once instead of missing the work.
 */
export class Waker {
  private pending = false
  private resolve: (() => void) | null = null
  private timer: NodeJS.Timeout | null = null

  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      this.resolve = resolve
      this.timer = setTimeout(() => this.release(), ms)
    })
  }

  wake(): void {
    if (this.resolve) this.release()
    else this.pending = true
  }

  private release(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const resolve = this.resolve
    this.resolve = null
    this.pending = false
    resolve?.()
  }
}
