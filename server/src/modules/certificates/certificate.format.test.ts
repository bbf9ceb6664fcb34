import { describe, expect, it } from 'vitest'
import { certificateNumber, formatHours, maskName, orgCode } from './certificate.format.ts'

describe('certificate formatting', () => {
  it('masks names for the public page', () => {
    expect(maskName('张')).toBe('张')
    expect(maskName('张明')).toBe('张*')
    expect(maskName('李小华')).toBe('李*华')
    expect(maskName('欧阳春明')).toBe('欧**明')
    expect(maskName(' Anna ')).toBe('A**a')
  })
  it('prints hours with at most one decimal', () => {
    expect(formatHours(150)).toBe('2.5')
    expect(formatHours(120)).toBe('2')
    expect(formatHours(20)).toBe('0.3')
  })
  it('numbers certificates per organization and year', () => {
    const code = orgCode('0196a3b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b')
    expect(code).toBe('4F5A6B')
    expect(certificateNumber('2026', code, 7)).toBe('LD-2026-4F5A6B-0007')
  })
})
