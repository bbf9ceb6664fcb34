// Append-only typed arrays that double when full. The index keeps millions of small integers
// (postings, forward entries); plain arrays would cost 8 bytes and a pointer check per element.

export class U32List {
  buf: Uint32Array
  n = 0

  constructor(capacity = 4) {
    this.buf = new Uint32Array(capacity)
  }

  push(value: number): void {
    if (this.n === this.buf.length) this.grow(this.n + 1)
    this.buf[this.n++] = value
  }

  grow(min: number): void {
    const next = new Uint32Array(Math.max(min, this.buf.length * 2, 4))
    next.set(this.buf.subarray(0, this.n))
    this.buf = next
  }

  view(): Uint32Array {
    return this.buf.subarray(0, this.n)
  }
}

/** Returns `arr` or a copy at least `min` long (doubling), keeping its contents. */
export function ensure<T extends Uint32Array | Int32Array | Uint16Array | Uint8Array | Float64Array>(
  arr: T,
  min: number,
): T {
  if (arr.length >= min) return arr
  const Ctor = arr.constructor as new (n: number) => T
  const next = new Ctor(Math.max(min, arr.length * 2, 64))
  next.set(arr)
  return next
}
