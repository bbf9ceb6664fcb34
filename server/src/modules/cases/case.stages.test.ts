import { describe, expect, it } from 'vitest'
import {
  checkEvaluation,
  checkPlan,
  checkPriorities,
  needsApproval,
  nextStageAfter,
  stageOfKind,
} from './case.stages.ts'

describe('case stages (Chengdu §8)', () => {
  it('approves assessment, plan and closure only', () => {
    expect(['assessment', 'plan', 'closure'].every((k) => needsApproval(k as 'plan'))).toBe(true)
    expect(
      ['intake', 'intervention_note', 'evaluation', 'follow_up'].some((k) => needsApproval(k as 'plan')),
    ).toBe(false)
  })

  it('walks the seven stages in order through their documents', () => {
    let stage = 'intake'
    const walked = [stage]
    for (const kind of ['intake', 'assessment', 'plan', 'evaluation', 'closure'] as const) {
      expect(stageOfKind[kind]).toBe(stage)
      stage = nextStageAfter[kind]!
      walked.push(stage)
      // Intervention ends when the worker moves the case on (notes are many).
      if (stage === 'intervention') {
        stage = 'evaluation'
        walked.push(stage)
      }
    }
    expect(walked).toEqual([
      'intake',
      'assessment',
      'planning',
      'intervention',
      'evaluation',
      'closure',
      'follow_up',
    ])
    expect(nextStageAfter.referral_out).toBeNull()
  })

  it('wants priorities as an order 1..n', () => {
    expect(checkPriorities([{ priority: 2 }, { priority: 1 }])).toEqual([])
    expect(checkPriorities([{ priority: 1 }, { priority: 1 }]).map((p) => p.field)).toEqual([
      'body.content.needs.1.priority',
    ])
    expect(checkPriorities([{ priority: 3 }, { priority: 1 }])).toHaveLength(1)
  })

  it('wants a process and an outcome indicator, and an end after the start', () => {
    const ok = {
      startsOn: '2026-01-01',
      endsOn: '2026-03-01',
      indicators: [{ kind: 'process' as const }, { kind: 'outcome' as const }],
    }
    expect(checkPlan(ok)).toEqual([])
    expect(checkPlan({ ...ok, indicators: [{ kind: 'process' }, { kind: 'process' }] })[0]).toMatchObject({
      code: 'field.case_indicators',
      params: { kind: 'outcome' },
    })
    expect(checkPlan({ ...ok, endsOn: '2025-12-31' })[0]?.field).toBe('body.content.endsOn')
  })

  it('answers every indicator of the plan once', () => {
    expect(checkEvaluation(2, [{ indicator: 1 }, { indicator: 0 }])).toEqual([])
    expect(checkEvaluation(2, [{ indicator: 0 }]).map((p) => p.code)).toEqual([
      'field.case_indicator_missing',
    ])
    expect(
      checkEvaluation(2, [{ indicator: 0 }, { indicator: 0 }, { indicator: 5 }]).map((p) => p.code),
    ).toEqual([
      'field.case_indicator_unknown',
      'field.case_indicator_unknown',
      'field.case_indicator_missing',
    ])
  })
})
