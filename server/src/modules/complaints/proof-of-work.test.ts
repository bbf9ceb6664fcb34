import { describe, expect, it } from 'vitest'
import { checkSolution, createChallenge, leadingZeroBits, POW_TTL_MS, solve } from './proof-of-work.ts'

const key = Buffer.alloc(32, 7)
const now = new Date('2026-03-02T02:00:00Z')

describe('proof of work for the public complaint form', () => {
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(Buffer.from([0, 0x0f, 0xff]))).toBe(12)
    expect(leadingZeroBits(Buffer.from([0x80]))).toBe(0)
    expect(leadingZeroBits(Buffer.from([0, 0]))).toBe(16)
  })

  it('accepts a solved challenge and refuses unsolved, forged and expired ones', () => {
    const { challenge, bits } = createChallenge(key, now, 10)
    const nonce = solve(challenge, bits)
    expect(checkSolution(key, challenge, nonce, now)).toBeNull()
    // A nonce that does not solve it (almost surely: 1 in 1024 would).
    const wrong = [...Array(50).keys()]
      .map(String)
      .find((n) => checkSolution(key, challenge, n, now) !== null)!
    expect(checkSolution(key, challenge, wrong, now)).toBe('unsolved')
    // Raising the difficulty in the challenge breaks the signature.
    const [e, , r, s] = challenge.split('.')
    expect(checkSolution(key, `${e}.1.${r}.${s}`, nonce, now)).toBe('forged')
    expect(checkSolution(Buffer.alloc(32, 8), challenge, nonce, now)).toBe('forged')
    expect(checkSolution(key, challenge, nonce, new Date(now.getTime() + POW_TTL_MS))).toBe('expired')
    expect(checkSolution(key, 'garbage', nonce, now)).toBe('malformed')
    expect(checkSolution(key, challenge, '1e5', now)).toBe('malformed')
  })
})
