// The first k of n items under `cmp` without sorting all n: a bounded heap keeps the k best so far
// (worst on top), so a page of 20 from 90,000 matches costs n·log k comparisons, not n·log n.

export function topK(n: number, k: number, cmp: (a: number, b: number) => number): number[] {
  if (k <= 0) return []
  if (k * 4 >= n) {
    const all = Array.from({ length: n }, (_, i) => i)
    return all.sort(cmp).slice(0, k)
  }
  const heap: number[] = []
  const worse = (a: number, b: number) => cmp(a, b) > 0
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!worse(heap[i]!, heap[p]!)) break
      ;[heap[i], heap[p]] = [heap[p]!, heap[i]!]
      i = p
    }
  }
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let w = i
      if (l < heap.length && worse(heap[l]!, heap[w]!)) w = l
      if (r < heap.length && worse(heap[r]!, heap[w]!)) w = r
      if (w === i) return
      ;[heap[i], heap[w]] = [heap[w]!, heap[i]!]
      i = w
    }
  }
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i)
      up(heap.length - 1)
    } else if (cmp(i, heap[0]!) < 0) {
      heap[0] = i
      down(0)
    }
  }
  return heap.sort(cmp)
}
