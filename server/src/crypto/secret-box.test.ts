import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createSecretBox, keyIdOf } from './secret-box.ts'

describe('secret box', () => {
  const k1 = randomBytes(32)
  const k2 = randomBytes(32)

  it('seals with a fresh IV and opens again', () => {
    const box = createSecretBox({ current: k1 })
    const a = box.seal('110101199003071234')
    const b = box.seal('110101199003071234')
    expect(a).not.toBe(b)
    expect(a).not.toContain('1234')
    expect(a.split('.')[1]).toBe(keyIdOf(k1))
    expect(box.open(a)).toBe('110101199003071234')
  })

  it('refuses a tampered value or the wrong key', () => {
    const box = createSecretBox({ current: k1 })
    const sealed = box.seal('secret')
    const p = sealed.split('.')
    p[3] = Buffer.from('x').toString('base64url')
    expect(() => box.open(p.join('.'))).toThrow()
    expect(() => createSecretBox({ current: k2 }).open(sealed)).toThrow(/no data key/)
  })

  it('rotates: old values open with a previous key, new ones use the current key', () => {
    const old = createSecretBox({ current: k1 })
    const sealed = old.seal('secret')
    const rotated = createSecretBox({ current: k2, previous: [k1] })
    expect(rotated.open(sealed)).toBe('secret')
    expect(rotated.keyIdOf(rotated.seal('x'))).toBe(keyIdOf(k2))
    expect(rotated.hashes('A')).toContain(old.hash('A'))
    expect(rotated.hash('A')).not.toBe(old.hash('A'))
  })

  it('refuses keys that are not 32 bytes', () => {
    expect(() => createSecretBox({ current: randomBytes(16) })).toThrow()
  })
})
