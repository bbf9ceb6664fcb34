import { describe, expect, it } from 'vitest'
import {
  isResidentId,
  maskLast4,
  normaliseIdNumber,
  normalisePhone,
  residentIdBirthDate,
} from './id-number.ts'

describe('ID numbers and phones', () => {
  it('checks the GB 11643 check digit', () => {
    expect(isResidentId('11010519491231002X')).toBe(true)
    expect(isResidentId('110105194912310021')).toBe(false)
    expect(isResidentId('11010519491231002')).toBe(false)
  })
  it('normalises before comparing and reads the birth date', () => {
    const id = normaliseIdNumber(' 110105-19491231-002x ')
    expect(id).toBe('11010519491231002X')
    expect(residentIdBirthDate(id)).toBe('1949-12-31')
    expect(maskLast4('002X')).toBe('••••002X')
  })
  it('accepts mainland mobiles only', () => {
    expect(normalisePhone('+86 138-0000-1234')).toBe('13800001234')
    expect(normalisePhone('12800001234')).toBeNull()
    expect(normalisePhone('028-86001234')).toBeNull()
  })
})
