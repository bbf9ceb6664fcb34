import type { Clock } from '@liandong/server'

/** A clock tests move by hand, to expire sessions, locks and tokens without waiting. */
export class TestClock implements Clock {
  private offsetMs = 0
  now(): Date {
    return new Date(Date.now() + this.offsetMs)
  }
  advance(ms: number): void {
    this.offsetMs += ms
  }
}
