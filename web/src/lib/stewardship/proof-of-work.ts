// The browser's half of the public form's proof of work (server/src/modules/complaints/proof-of-work.ts):
// find a nonce so that SHA-256(challenge + ":" + nonce) starts with `bits` zero bits. WebCrypto is
// asynchronous, so hashes run in batches to keep the page responsive.

function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8
      continue
    }
    return bits + Math.clz32(byte) - 24
  }
  return bits
}

export async function solveChallenge(challenge: string, bits: number, signal?: AbortSignal): Promise<string> {
  const encoder = new TextEncoder()
  const batch = 256
  for (let start = 0; ; start += batch) {
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError')
    const digests = await Promise.all(
      Array.from({ length: batch }, (_, i) =>
        crypto.subtle.digest('SHA-256', encoder.encode(`${challenge}:${start + i}`)),
      ),
    )
    const found = digests.findIndex((d) => leadingZeroBits(new Uint8Array(d)) >= bits)
    if (found >= 0) return String(start + found)
  }
}
