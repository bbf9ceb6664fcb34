import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { TSchema } from 'typebox'
import { Type } from 'typebox'
import { errors } from '../../http/schemas.ts'
import { OrgParams } from '../organizations/organization.schemas.ts'
import type { CaseRecordKind } from './case.records.ts'
import {
  AdvanceInput,
  ApprovalItem,
  AssessmentInput,
  CaseParams,
  ClosureInput,
  DecisionInput,
  EvaluationDoc,
  FollowUpDoc,
  IntakeDoc,
  InterventionNoteDoc,
  PlanInput,
  ReferralOutDoc,
} from './case.schemas.ts'
import type { CaseService, RecordedKind } from './case.service.ts'
import type { ApprovalKind } from './case.stages.ts'

type App = Parameters<FastifyPluginAsyncTypebox>[0]
const tags = ['cases']
const RecordParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
const Saved = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.String(),
  version: Type.Integer(),
  status: Type.String(),
})

// One route per stage document, so each has its own schema in the API document.
const recorded: { path: string; kind: RecordedKind; body: TSchema; summary: string }[] = [
  {
    path: 'intake',
    kind: 'intake',
    body: IntakeDoc,
    summary:
      'Intake (接案): information, first problems and the signed service agreement; the case moves to assessment',
  },
  {
    path: 'referral-out',
    kind: 'referral_out',
    body: ReferralOutDoc,
    summary: 'At intake, the agency cannot help: record the referral out (转介); the case ends',
  },
  {
    path: 'notes',
    kind: 'intervention_note',
    body: InterventionNoteDoc,
    summary: 'An intervention note (介入) naming the method and technique',
  },
  {
    path: 'evaluation',
    kind: 'evaluation',
    body: EvaluationDoc,
    summary:
      "Evaluation report (评估报告) against each of the approved plan's indicators; the case moves to closure",
  },
  {
    path: 'follow-ups',
    kind: 'follow_up',
    body: FollowUpDoc,
    summary: 'A follow-up contact after closure (跟进)',
  },
]
const approvable: { path: string; kind: ApprovalKind; body: TSchema; summary: string }[] = [
  {
    path: 'assessment',
    kind: 'assessment',
    body: AssessmentInput,
    summary:
      'Assessment report (预估报告): needs with causes and priority; save as draft or submit for approval',
  },
  {
    path: 'plan',
    kind: 'plan',
    body: PlanInput,
    summary:
      'Service plan (服务计划书): goals, strategy, steps, schedule, risks, roles, indicators; save or submit',
  },
  {
    path: 'closure',
    kind: 'closure',
    body: ClosureInput,
    summary: 'Closure record (结案): save or submit for approval; approval closes the case',
  },
]

export function caseRecordRoutes(app: App, service: CaseService) {
  const audit = (
    request: { auditTarget: unknown },
    caseRow: { id: string; orgId: string },
    record: { id: string; kind: CaseRecordKind; version: number; status: string },
  ) => {
    request.auditTarget = {
      targetType: 'case_record',
      targetId: record.id,
      orgId: caseRow.orgId,
      details: { caseId: caseRow.id, kind: record.kind, version: record.version, status: record.status },
    }
  }
  const saved = (r: { id: string; kind: string; version: number; status: string }) => ({
    id: r.id,
    kind: r.kind,
    version: r.version,
    status: r.status,
  })

  for (const route of recorded) {
    app.post(
      `/api/cases/:id/${route.path}`,
      {
        config: { action: 'case.manage' },
        schema: {
          summary: route.summary,
          tags,
          params: CaseParams,
          body: route.body,
          response: { 201: Saved, ...errors },
        },
      },
      async (request, reply) => {
        const { caseRow, record } = await service.record(
          request.principal!,
          request.params.id,
          route.kind,
          request.body as never,
        )
        audit(request, caseRow, record)
        return reply.status(201).send(saved(record))
      },
    )
  }

  for (const route of approvable) {
    app.put(
      `/api/cases/:id/${route.path}`,
      {
        config: { action: 'case.manage' },
        schema: {
          summary: route.summary,
          tags,
          params: CaseParams,
          body: route.body,
          response: { 200: Saved, ...errors },
        },
      },
      async (request) => {
        const body = request.body as { content: never; submit?: boolean }
        const { caseRow, record } = await service.saveForApproval(
          request.principal!,
          request.params.id,
          route.kind,
          body.content,
          body.submit ?? false,
        )
        audit(request, caseRow, record)
        return saved(record)
      },
    )
  }

  for (const decision of ['approve', 'return'] as const) {
    app.post(
      `/api/case-records/:id/${decision}`,
      {
        config: { action: 'case.approve' },
        schema: {
          summary:
            decision === 'approve'
              ? 'Approve a submitted assessment, plan or closure (a supervisor who does not work the case); the case moves on'
              : 'Return a submitted document to its worker with a comment',
          tags,
          params: RecordParams,
          body: DecisionInput,
          response: { 200: Saved, ...errors },
        },
      },
      async (request) => {
        const { caseRow, record } = await service.decide(
          request.principal!,
          request.params.id,
          decision,
          request.body.comment,
        )
        audit(request, caseRow, record)
        return saved(record)
      },
    )
  }

  app.post(
    '/api/cases/:id/advance',
    {
      config: { action: 'case.manage' },
      schema: {
        summary: 'End intervention and move the case to evaluation (after at least one note)',
        tags,
        params: CaseParams,
        body: AdvanceInput,
        response: { 200: Type.Object({ ok: Type.Literal(true) }), ...errors },
      },
    },
    async (request) => {
      const row = await service.advance(request.principal!, request.params.id)
      request.auditTarget = {
        targetType: 'case',
        targetId: row.id,
        orgId: row.orgId,
        details: { to: 'evaluation' },
      }
      return { ok: true as const }
    },
  )

  app.get(
    '/api/organizations/:id/case-approvals',
    {
      config: { action: 'case.approve' },
      schema: {
        summary:
          "The supervisor's approval queue: submitted documents of cases they do not work, oldest first",
        tags,
        params: OrgParams,
        response: { 200: Type.Array(ApprovalItem), ...errors },
      },
    },
    async (request) => service.approvals(request.principal!, request.params.id),
  )
}
