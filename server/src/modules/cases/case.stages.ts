import type { schema } from '@liandong/db'
import type { FieldProblem } from '../../errors.ts'

type CaseRecordKind = schema.CaseRecordKind
type CaseStage = schema.CaseStage

// The rules of the service process (Chengdu §8) as data: which document each stage keeps, which
// documents a supervisor approves, and where a stage leads once its document is done. Pure — the
// service asks this module and nothing else decides.

/** Documents that go to a supervisor (assessment report, service plan, closure). */
export const approvalKinds = ['assessment', 'plan', 'closure'] as const satisfies readonly CaseRecordKind[]
export type ApprovalKind = (typeof approvalKinds)[number]
export const needsApproval = (kind: CaseRecordKind): kind is ApprovalKind =>
  (approvalKinds as readonly string[]).includes(kind)

/** The stage in which each document is written. */
export const stageOfKind: Record<CaseRecordKind, CaseStage> = {
  intake: 'intake',
  referral_out: 'intake',
  assessment: 'assessment',
  plan: 'planning',
  intervention_note: 'intervention',
  evaluation: 'evaluation',
  closure: 'closure',
  follow_up: 'follow_up',
}

/**
 * Where the case goes when a document is done (recorded, or approved for the approvable kinds);
 * null: the case stays where it is (notes and follow-ups are many per stage).
 */
export const nextStageAfter: Record<CaseRecordKind, CaseStage | null> = {
  intake: 'assessment',
  referral_out: null,
  assessment: 'planning',
  plan: 'intervention',
  intervention_note: null,
  evaluation: 'closure',
  closure: 'follow_up',
  follow_up: null,
}

/** Stages from which a need may be posted from the case (after intake, before closure). */
export const needStages: readonly CaseStage[] = ['assessment', 'planning', 'intervention', 'evaluation']

/** Assessment: the needs' priorities are an order — 1, 2, 3 … each once. */
export function checkPriorities(needs: readonly { priority: number }[]): FieldProblem[] {
  const problems: FieldProblem[] = []
  const seen = new Set<number>()
  needs.forEach((n, i) => {
    if (n.priority > needs.length || seen.has(n.priority))
      problems.push({ field: `body.content.needs.${i}.priority`, code: 'field.case_priority' })
    seen.add(n.priority)
  })
  return problems
}

/** Plan: at least one process and one outcome indicator; the period and steps in order. */
export function checkPlan(plan: {
  startsOn: string
  endsOn: string
  indicators: readonly { kind: 'process' | 'outcome' }[]
}): FieldProblem[] {
  const problems: FieldProblem[] = []
  for (const kind of ['process', 'outcome'] as const)
    if (!plan.indicators.some((i) => i.kind === kind))
      problems.push({ field: 'body.content.indicators', code: 'field.case_indicators', params: { kind } })
  if (plan.endsOn < plan.startsOn) problems.push({ field: 'body.content.endsOn', code: 'field.case_period' })
  return problems
}

/** Evaluation: every indicator of the approved plan answered exactly once, and nothing else. */
export function checkEvaluation(
  indicatorCount: number,
  results: readonly { indicator: number }[],
): FieldProblem[] {
  const problems: FieldProblem[] = []
  const seen = new Set<number>()
  results.forEach((r, i) => {
    if (r.indicator >= indicatorCount || seen.has(r.indicator))
      problems.push({ field: `body.content.results.${i}.indicator`, code: 'field.case_indicator_unknown' })
    seen.add(r.indicator)
  })
  for (let i = 0; i < indicatorCount; i++)
    if (!seen.has(i))
      problems.push({
        field: 'body.content.results',
        code: 'field.case_indicator_missing',
        params: { n: i + 1 },
      })
  return problems
}
