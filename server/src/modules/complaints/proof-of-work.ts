import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

// A hashcash-style proof of work for the public complaint form, instead of a third-party captcha
// (which would send visitors' data abroad and fails behind the Great Firewall; see
// docs/decisions.md). The server hands out a signed, short-lived challenge; the browser finds a
// nonce such that SHA-256(challenge + ":" + nonce) starts with `bits` zero bits (~2^bits hashes,
// about a second in a browser at 15 bits), which makes bulk submission costly while a person does
// not notice. A solved challenge is stored with the complaint (unique), so it cannot be replayed.

export const POW_BITS = 15
export const POW_TTL_MS = 10 * 60_000

const b64 = (buf: Buffer) => buf.toString('base64url')

export interface Challenge {
  challenge: string
  bits: number
  expiresAt: Date
}

export function createChallenge(key: Buffer, now: Date, bits = POW_BITS): Challenge {
  const expiresAt = new Date(now.getTime() + POW_TTL_MS)
  const payload = `${expiresAt.getTime()}.${bits}.${b64(randomBytes(12))}`
  const sig = b64(createHmac('sha256', key).update(payload).digest())
  return { challenge: `${payload}.${sig}`, bits, expiresAt }
}

/** Leading zero bits of a digest. */
export function leadingZeroBits(digest: Buffer): number {
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

export const powDigest = (challenge: string, nonce: string) =>
  createHash('sha256').update(`${challenge}:${nonce}`).digest()

export type PowProblem = 'malformed' | 'forged' | 'expired' | 'unsolved'

/** Null when the challenge is ours, unexpired and solved by `nonce`; else what is wrong. */
export function checkSolution(key: Buffer, challenge: string, nonce: string, now: Date): PowProblem | null {
  const parts = challenge.split('.')
  if (parts.length !== 4 || !/^\d{1,10}$/.test(nonce)) return 'malformed'
  const [expires, bits, , sig] = parts as [string, string, string, string]
  const expected = createHmac('sha256', key).update(parts.slice(0, 3).join('.')).digest()
  const given = Buffer.from(sig, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged'
  if (Number(expires) <= now.getTime()) return 'expired'
  if (leadingZeroBits(powDigest(challenge, nonce)) < Number(bits)) return 'unsolved'
  return null
}

/** The client's loop, for tests and scripts (the browser runs the same with WebCrypto). */
export function solve(challenge: string, bits: number): string {
  for (let nonce = 0; ; nonce++)
    if (leadingZeroBits(powDigest(challenge, String(nonce))) >= bits) return String(nonce)
}
