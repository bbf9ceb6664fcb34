import { schema } from '@liandong/db'
import { type TSchema, Type } from 'typebox'
import { IsoDate, Nullable, PageQuery, StringEnum, Uuid } from '../../http/schemas.ts'
import { NeedInput } from '../needs/need.schemas.ts'
import { NeedCategory } from '../resources/resource.schemas.ts'

const { caseRecordKinds, caseRecordStatuses, caseStages, caseStatuses } = schema

// The documents of Chengdu §8, one schema per stage record. Keys from GLOSSARY ("Methods",
// "Interventions"); labels live in the catalogues.
export const serviceMethods = [
  'casework',
  'group_work',
  'community_work',
  'resource_linking',
  'research_advocacy',
  'volunteer_service',
  'publicity',
] as const
export const interventionTechniques = [
  'life_review',
  'cbt',
  'support_network',
  'crisis_intervention',
  'none',
] as const
export const intakeSources = ['self', 'family', 'community', 'government', 'referral', 'outreach'] as const
export const riskLevels = ['low', 'medium', 'high'] as const
export const stepOwners = ['worker', 'recipient', 'together', 'partner'] as const
export const attainments = ['met', 'partly_met', 'not_met'] as const
export const closureReasons = [
  'goals_met',
  'recipient_request',
  'moved_away',
  'referred',
  'no_longer_eligible',
  'other',
] as const
export const followUpMethods = ['visit', 'phone', 'message', 'other'] as const
export const followUpStates = ['stable', 'needs_attention'] as const

const Text = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) })
const Day = Type.String({ format: 'date' })

export const IntakeDoc = Type.Object(
  {
    source: StringEnum(intakeSources, { description: 'How the person came to the agency.' }),
    collectedInfo: Text(5000, '收集的服务对象资料'),
    initialProblems: Text(5000, '初步界定的问题和需要'),
    agreement: Type.Object(
      {
        signedOn: Day,
        signedBy: StringEnum(['self', 'guardian']),
        services: Text(2000, 'What the agency agrees to provide (服务协议).'),
        frequency: Type.Optional(Type.String({ maxLength: 200 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
)

export const ReferralOutDoc = Type.Object(
  {
    source: StringEnum(intakeSources),
    collectedInfo: Text(5000),
    initialProblems: Text(5000),
    reason: Text(2000, 'Why the agency cannot help.'),
    referredTo: Text(200, 'The organization or department the person was referred to.'),
    referredOn: Day,
  },
  { additionalProperties: false },
)

export const AssessmentDoc = Type.Object(
  {
    needs: Type.Array(
      Type.Object(
        {
          category: NeedCategory,
          description: Text(2000),
          causes: Text(2000, '问题成因'),
          priority: Type.Integer({ minimum: 1, maximum: 20, description: '1 = first to address.' }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20 },
    ),
    strengths: Type.Optional(Type.String({ maxLength: 3000, description: 'Strengths and resources.' })),
    risk: StringEnum(riskLevels),
    summary: Text(8000, '预估报告'),
  },
  { additionalProperties: false },
)

export const PlanDoc = Type.Object(
  {
    purpose: Text(2000),
    goals: Type.Array(Type.Object({ text: Text(500) }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 10,
    }),
    strategy: Text(4000, '介入策略'),
    steps: Type.Array(
      Type.Object(
        { action: Text(500), due: Day, owner: StringEnum(stepOwners) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 30 },
    ),
    startsOn: Day,
    endsOn: Day,
    risks: Type.Array(
      Type.Object({ risk: Text(500), contingency: Text(1000) }, { additionalProperties: false }),
      { maxItems: 10 },
    ),
    roles: Type.Object(
      { worker: Text(1000), recipient: Text(1000) },
      { additionalProperties: false, description: 'Tasks of the worker and of the recipient.' },
    ),
    indicators: Type.Array(
      Type.Object(
        { kind: StringEnum(['process', 'outcome']), text: Text(500), target: Text(200) },
        { additionalProperties: false },
      ),
      {
        minItems: 2,
        maxItems: 20,
        description: 'Process and outcome indicators (at least one of each); the evaluation answers each.',
      },
    ),
  },
  { additionalProperties: false },
)

export const InterventionNoteDoc = Type.Object(
  {
    heldOn: Day,
    method: StringEnum(serviceMethods),
    technique: StringEnum(interventionTechniques),
    content: Text(8000, 'What was done (session notes).'),
    progress: Text(4000, 'Problems solved, capacity built.'),
    resourcesUsed: Type.Optional(Type.String({ maxLength: 2000 })),
    nextSteps: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
)

export const EvaluationDoc = Type.Object(
  {
    results: Type.Array(
      Type.Object(
        {
          indicator: Type.Integer({
            minimum: 0,
            maximum: 19,
            description: "Index in the approved plan's indicators.",
          }),
          result: Text(2000),
          attainment: StringEnum(attainments),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20 },
    ),
    objectiveData: Text(4000, '客观资料'),
    recipientFeedback: Text(4000, '主观感受与评价'),
    summary: Text(8000, '评估报告'),
  },
  { additionalProperties: false },
)

export const ClosureDoc = Type.Object(
  {
    reason: StringEnum(closureReasons),
    changesConsolidated: Text(4000, '巩固已有改变'),
    relationshipEnded: Text(4000, 'How the professional relationship ended and feelings were handled.'),
    followUpPlan: Text(2000),
  },
  { additionalProperties: false },
)

export const FollowUpDoc = Type.Object(
  {
    contactedOn: Day,
    method: StringEnum(followUpMethods),
    state: StringEnum(followUpStates),
    notes: Text(4000),
  },
  { additionalProperties: false },
)

/** Assessment, plan and closure: saved as a draft, or submitted for approval at once. */
const Approvable = <T extends TSchema>(doc: T) =>
  Type.Object(
    {
      content: doc,
      submit: Type.Optional(
        Type.Boolean({ description: 'Send to a supervisor now (default: keep as draft).' }),
      ),
    },
    { additionalProperties: false },
  )
export const AssessmentInput = Approvable(AssessmentDoc)
export const PlanInput = Approvable(PlanDoc)
export const ClosureInput = Approvable(ClosureDoc)

const RecordMeta = {
  id: Uuid,
  kind: StringEnum(caseRecordKinds),
  version: Type.Integer(),
  status: StringEnum(caseRecordStatuses),
  authorId: Uuid,
  authorName: Type.String(),
  submittedAt: Nullable(IsoDate),
  decidedBy: Nullable(Uuid),
  decidedByName: Nullable(Type.String()),
  decidedAt: Nullable(IsoDate),
  comment: Nullable(Type.String({ description: "The supervisor's comment on approval or return." })),
  createdAt: IsoDate,
  updatedAt: IsoDate,
}
const RecordOf = <T extends TSchema>(doc: T) => Type.Object({ ...RecordMeta, content: doc })
export const CaseRecord = Type.Object(RecordMeta)

export const CaseStageSchema = StringEnum(caseStages)
export const CaseStatusSchema = StringEnum(caseStatuses)

export const CaseSummary = Type.Object({
  id: Uuid,
  orgId: Uuid,
  code: Type.String(),
  recipientId: Uuid,
  recipientCode: Type.String(),
  recipientNameMasked: Type.String(),
  stage: CaseStageSchema,
  status: CaseStatusSchema,
  leadWorkerId: Uuid,
  leadWorkerName: Type.String(),
  transferTo: Nullable(Uuid),
  transferToName: Nullable(Type.String()),
  waitingApproval: Type.Integer({ description: 'Documents submitted and not yet decided.' }),
  openedAt: IsoDate,
  closedAt: Nullable(IsoDate),
  updatedAt: IsoDate,
})

const Person = Type.Object({ userId: Uuid, name: Type.String() })

export const CaseDetail = Type.Object({
  ...CaseSummary.properties,
  recipient: Type.Object({
    id: Uuid,
    code: Type.String(),
    nameMasked: Type.String(),
    categories: Type.Array(Type.String()),
    birthYear: Nullable(Type.Integer()),
    districtCode: Nullable(Type.String()),
  }),
  workers: Type.Array(Type.Object({ ...Person.properties, role: StringEnum(['lead', 'co_worker']) })),
  transferRequestedBy: Nullable(Uuid),
  transferRequestedAt: Nullable(IsoDate),
  intake: Nullable(RecordOf(IntakeDoc)),
  referralOut: Nullable(RecordOf(ReferralOutDoc)),
  assessment: Nullable(RecordOf(AssessmentDoc)),
  plan: Nullable(RecordOf(PlanDoc)),
  notes: Type.Array(RecordOf(InterventionNoteDoc)),
  evaluation: Nullable(RecordOf(EvaluationDoc)),
  closure: Nullable(RecordOf(ClosureDoc)),
  followUps: Type.Array(RecordOf(FollowUpDoc)),
  history: Type.Array(CaseRecord, { description: 'Earlier versions of returned documents, newest first.' }),
  attachments: Type.Array(
    Type.Object({
      id: Uuid,
      recordId: Nullable(Uuid),
      fileName: Type.String(),
      contentType: Type.String(),
      size: Type.Integer(),
      uploadedByName: Type.String(),
      createdAt: IsoDate,
    }),
  ),
  needs: Type.Array(
    Type.Object({
      id: Uuid,
      title: Type.String(),
      categories: Type.Array(Type.String()),
      status: Type.String(),
      referrals: Type.Array(
        Type.Object({
          id: Uuid,
          status: Type.String(),
          resourceName: Type.String(),
          toOrgName: Type.String(),
        }),
      ),
    }),
  ),
  events: Type.Array(
    Type.Object({
      at: IsoDate,
      kind: Type.String(),
      actorName: Nullable(Type.String()),
      subjectName: Nullable(Type.String({ description: 'Whom a hand-over or co-worker event is about.' })),
      details: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()])),
    }),
  ),
  candidates: Type.Array(Person, {
    description:
      "The agency's social workers and supervisors not on the case, who may take it over or join it as co-workers (for its lead and supervisors).",
  }),
  can: Type.Object({
    write: Type.Boolean({ description: 'Record stage documents (the case is yours and open).' }),
    approve: Type.Boolean({
      description: 'Decide submitted documents (a supervisor who does not work the case).',
    }),
    transfer: Type.Boolean(),
    workers: Type.Boolean({ description: 'Add and remove co-workers (the lead or a supervisor).' }),
    answerTransfer: Type.Boolean({ description: 'The case is being handed to you.' }),
    viewLog: Type.Boolean(),
  }),
})

export const CaseParams = Type.Object({ id: Uuid })
export const AttachmentParams = Type.Object({ id: Uuid, attachmentId: Uuid })

export const OpenCaseInput = Type.Object(
  { leadWorkerId: Type.Optional(Uuid) },
  { additionalProperties: false },
)

export const CaseListQuery = Type.Object(
  {
    stage: Type.Optional(CaseStageSchema),
    status: Type.Optional(CaseStatusSchema),
    mine: Type.Optional(Type.Boolean({ description: 'Only cases I work or that are being handed to me.' })),
    ...PageQuery,
  },
  { additionalProperties: false },
)

export const DecisionInput = Type.Object(
  { comment: Type.String({ minLength: 2, maxLength: 2000, description: 'Kept with the decision, sealed.' }) },
  { additionalProperties: false },
)

export const AdvanceInput = Type.Object(
  { to: StringEnum(['evaluation'], { description: 'Intervention ends when the worker says so.' }) },
  { additionalProperties: false },
)

export const TransferInput = Type.Object({ toUserId: Uuid }, { additionalProperties: false })
export const CoWorkerInput = Type.Object({ userId: Uuid }, { additionalProperties: false })
export const CaseWorkerParams = Type.Object({ id: Uuid, userId: Uuid })

export const ApprovalItem = Type.Object({
  recordId: Uuid,
  caseId: Uuid,
  caseCode: Type.String(),
  recipientNameMasked: Type.String(),
  kind: StringEnum(['assessment', 'plan', 'closure']),
  version: Type.Integer(),
  authorName: Type.String(),
  submittedAt: IsoDate,
})

export const CaseView = Type.Object({
  userId: Uuid,
  name: Type.String(),
  what: StringEnum(['case', 'attachment']),
  at: IsoDate,
})
export const ViewsQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })

/** Largest attachment accepted, before base64 (which adds a third). */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
export const attachmentTypes = ['application/pdf', 'image/png', 'image/jpeg'] as const

export const AttachmentInput = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 200 }),
    contentType: StringEnum(attachmentTypes, { description: 'Checked against the file itself.' }),
    recordId: Type.Optional(Uuid),
    content: Type.String({
      minLength: 4,
      maxLength: Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4,
      pattern: '^[A-Za-z0-9+/]*={0,2}$',
      description: 'The file, base64-encoded (at most 5 MB).',
    }),
  },
  { additionalProperties: false },
)

export const FileResponse = {
  description: 'The file (PDF, PNG or JPEG)',
  content: Object.fromEntries(
    attachmentTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
  ),
}

/** A need posted from a case: the recipient is the case's. */
export const CaseNeedInput = Type.Omit(NeedInput, ['recipientId'], { additionalProperties: false })

export type StageDocs = {
  intake: typeof IntakeDoc
  referral_out: typeof ReferralOutDoc
  assessment: typeof AssessmentDoc
  plan: typeof PlanDoc
  intervention_note: typeof InterventionNoteDoc
  evaluation: typeof EvaluationDoc
  closure: typeof ClosureDoc
  follow_up: typeof FollowUpDoc
}
