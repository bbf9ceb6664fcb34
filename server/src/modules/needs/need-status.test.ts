import { describe, expect, it } from 'vitest'
import { canMove, MANUAL_TRANSITIONS, REFERRAL_TRANSITIONS } from './need-status.ts'
import { needStatuses } from './need-types.ts'

describe('need status rules', () => {
  it('leaves referred and met to the referrals', () => {
    for (const from of needStatuses) {
      expect(canMove(MANUAL_TRANSITIONS, from, 'referred')).toBe(false)
      expect(canMove(MANUAL_TRANSITIONS, from, 'met')).toBe(false)
    }
    expect(canMove(REFERRAL_TRANSITIONS, 'matched', 'referred')).toBe(true)
    expect(canMove(REFERRAL_TRANSITIONS, 'referred', 'met')).toBe(true)
    expect(canMove(REFERRAL_TRANSITIONS, 'referred', 'open')).toBe(true)
  })
  it('never revives a withdrawn need', () => {
    for (const to of needStatuses) {
      expect(canMove(MANUAL_TRANSITIONS, 'withdrawn', to)).toBe(false)
      expect(canMove(REFERRAL_TRANSITIONS, 'withdrawn', to)).toBe(false)
    }
    expect(canMove(MANUAL_TRANSITIONS, 'closed', 'open')).toBe(true)
  })
})
