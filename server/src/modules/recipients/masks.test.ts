import { describe, expect, it } from 'vitest'
import { last4, maskName } from './masks.ts'

describe('masks', () => {
  it('keeps only the first character of a name', () => {
    expect(maskName('王小明')).toBe('王**')
    expect(maskName('欧阳娜娜')).toBe('欧***')
    expect(maskName(' 李 ')).toBe('*')
    expect(maskName('Ayşe Demir')).toBe('A*********')
  })
  it('keeps the last four characters', () => {
    expect(last4('13812345678')).toBe('5678')
  })
})
