import { referralStatuses } from '@liandong/db'
import { describe, expect, it } from 'vitest'
import {
  type Actor,
  availableActions,
  decide,
  finalStatuses,
  referralActions,
  referralRules,
  releasesCapacity,
} from './referral.lifecycle.ts'
import { consentedFields } from './referral.shared.ts'

const worker: Actor = { senderRoles: ['social_worker'], receiverRoles: [] }
const supervisor: Actor = { senderRoles: ['supervisor'], receiverRoles: [] }
const partner: Actor = { senderRoles: [], receiverRoles: ['partner_staff'] }
const auditor: Actor = { senderRoles: ['auditor'], receiverRoles: ['auditor'] }
const system: Actor = { senderRoles: [], receiverRoles: [], system: true }

describe('the referral lifecycle table', () => {
  it('runs the closed loop: draft → sent → accepted → in_progress → on_hold → resolved', () => {
    expect(decide('send', 'draft', worker)).toEqual({ ok: true, to: 'sent' })
    expect(decide('accept', 'sent', partner)).toEqual({ ok: true, to: 'accepted' })
    expect(decide('start', 'accepted', partner)).toEqual({ ok: true, to: 'in_progress' })
    expect(decide('hold', 'in_progress', partner)).toEqual({ ok: true, to: 'on_hold' })
    expect(decide('start', 'on_hold', partner)).toEqual({ ok: true, to: 'in_progress' })
    expect(decide('resolve', 'in_progress', partner)).toEqual({ ok: true, to: 'resolved' })
    expect(decide('unresolve', 'on_hold', worker)).toEqual({ ok: true, to: 'unresolved' })
  })

  it('keeps each side to its own steps', () => {
    expect(decide('accept', 'sent', worker)).toEqual({ ok: false, reason: 'not_allowed' })
    expect(decide('decline', 'sent', supervisor)).toEqual({ ok: false, reason: 'not_allowed' })
    expect(decide('send', 'draft', partner)).toEqual({ ok: false, reason: 'not_allowed' })
    expect(decide('cancel', 'sent', partner)).toEqual({ ok: false, reason: 'not_allowed' })
    expect(decide('refer_elsewhere', 'declined', partner)).toEqual({ ok: false, reason: 'not_allowed' })
    // An auditor of either organization takes no step at all.
    for (const action of referralActions)
      for (const status of referralStatuses) expect(decide(action, status, auditor).ok).toBe(false)
  })

  it('lets only supervisors override the consent, and only the system expire', () => {
    expect(decide('send_override', 'draft', worker)).toEqual({ ok: false, reason: 'not_allowed' })
    expect(decide('send_override', 'draft', supervisor)).toEqual({ ok: true, to: 'sent' })
    expect(decide('expire', 'sent', supervisor)).toEqual({ ok: false, reason: 'not_allowed' })
    expect(decide('expire', 'sent', system)).toEqual({ ok: true, to: 'expired' })
    expect(decide('expire', 'accepted', system)).toEqual({ ok: false, reason: 'wrong_status' })
  })

  it('refuses steps from the wrong status', () => {
    expect(decide('accept', 'draft', partner)).toEqual({ ok: false, reason: 'wrong_status' })
    expect(decide('accept', 'accepted', partner)).toEqual({ ok: false, reason: 'wrong_status' })
    expect(decide('resolve', 'sent', partner)).toEqual({ ok: false, reason: 'wrong_status' })
    expect(decide('cancel', 'resolved', worker)).toEqual({ ok: false, reason: 'wrong_status' })
    expect(decide('send', 'sent', worker)).toEqual({ ok: false, reason: 'wrong_status' })
  })

  it('passes on from a dead end or from service, never from a draft or an outcome', () => {
    for (const from of ['declined', 'expired', 'accepted', 'in_progress', 'on_hold'] as const)
      expect(decide('refer_elsewhere', from, worker)).toEqual({ ok: true, to: 'referred_elsewhere' })
    for (const from of [
      'draft',
      'sent',
      'resolved',
      'unresolved',
      'cancelled',
      'referred_elsewhere',
    ] as const)
      expect(decide('refer_elsewhere', from, worker).ok).toBe(false)
  })

  it('lets nothing leave a final status except passing a dead end on', () => {
    for (const status of finalStatuses)
      for (const action of referralActions) {
        const d = decide(action, status, {
          senderRoles: ['supervisor'],
          receiverRoles: ['org_admin'],
          system: true,
        })
        const expected = action === 'refer_elsewhere' && (status === 'declined' || status === 'expired')
        expect(d.ok, `${action} from ${status}`).toBe(expected)
      }
  })

  it('reaches every status from draft', () => {
    const reached = new Set<string>(['draft'])
    for (let round = 0; round < 5; round++)
      for (const rule of Object.values(referralRules))
        if (rule.from.some((s) => reached.has(s))) reached.add(rule.to)
    expect([...reached].sort()).toEqual([...referralStatuses].sort())
  })

  it('lists what a caller may do now', () => {
    expect(availableActions('sent', partner)).toEqual(['accept', 'decline'])
    expect(availableActions('sent', worker)).toEqual(['cancel'])
    expect(availableActions('draft', supervisor)).toEqual(['send', 'send_override', 'cancel'])
    expect(
      availableActions('accepted', { senderRoles: ['social_worker'], receiverRoles: ['social_worker'] }),
    ).toEqual(['start', 'hold', 'resolve', 'unresolve', 'cancel', 'refer_elsewhere'])
    expect(availableActions('sent', system)).toEqual([])
  })

  it('gives capacity back when the referral ends after accepting', () => {
    expect(
      ['resolved', 'unresolved', 'cancelled', 'referred_elsewhere'].every((s) =>
        releasesCapacity(s as never),
      ),
    ).toBe(true)
    expect(releasesCapacity('on_hold')).toBe(false)
    expect(releasesCapacity('declined')).toBe(false)
  })
})

describe('consented fields from a consent scope', () => {
  it('reads keys and the words written on the form', () => {
    expect(consentedFields('姓名、电话、需求摘要')).toEqual(['name', 'phone'])
    expect(consentedFields('name, phone, address')).toEqual(['name', 'phone', 'address'])
    expect(consentedFields('姓名，住址，身份证号，出生年份')).toEqual([
      'name',
      'address',
      'birthYear',
      'idNumber',
    ])
    expect(consentedFields('')).toEqual([])
    expect(consentedFields('需求摘要')).toEqual([])
  })
})
