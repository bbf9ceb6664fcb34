import { Type } from 'typebox'
import { IsoDate, Nullable, PageQuery, StringEnum, Uuid } from '../../http/schemas.ts'

const QuizQuestionInput = Type.Object(
  {
    question: Type.String({ minLength: 1, maxLength: 500 }),
    options: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 2, maxItems: 8 }),
    answer: Type.Integer({
      minimum: 0,
      maximum: 7,
      description: 'Index into options; never sent to volunteers.',
    }),
  },
  { additionalProperties: false },
)
const ModuleInput = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 120 }),
    content: Type.Optional(Type.String({ maxLength: 20_000 })),
    minutes: Type.Integer({ minimum: 0, maximum: 10_000 }),
  },
  { additionalProperties: false },
)

const courseFields = {
  title: Type.String({ minLength: 2, maxLength: 120 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  mode: StringEnum(['online', 'onsite']),
  minutes: Type.Integer({
    minimum: 1,
    maximum: 10_000,
    description: 'Training time credited on completion.',
  }),
  validityMonths: Type.Optional(
    Nullable(
      Type.Integer({ minimum: 1, maximum: 120, description: 'Completions expire after this; null never.' }),
    ),
  ),
  modules: Type.Optional(Type.Array(ModuleInput, { maxItems: 50 })),
  quiz: Type.Optional(Nullable(Type.Array(QuizQuestionInput, { minItems: 1, maxItems: 100 }))),
  passMark: Type.Optional(
    Nullable(Type.Integer({ minimum: 1, maximum: 100, description: 'Percent correct to pass.' })),
  ),
  published: Type.Optional(Type.Boolean()),
}
export const CourseInput = Type.Object(courseFields, { additionalProperties: false })
export const CoursePatch = Type.Partial(Type.Object(courseFields), { additionalProperties: false })

export const Course = Type.Object(
  {
    id: Uuid,
    orgId: Uuid,
    orgName: Type.String(),
    title: Type.String(),
    description: Type.String(),
    mode: Type.String(),
    minutes: Type.Integer(),
    validityMonths: Nullable(Type.Integer()),
    published: Type.Boolean(),
    modules: Type.Array(
      Type.Object({
        id: Uuid,
        position: Type.Integer(),
        title: Type.String(),
        content: Type.String(),
        minutes: Type.Integer(),
      }),
    ),
    quiz: Nullable(
      Type.Array(
        Type.Object({
          question: Type.String(),
          options: Type.Array(Type.String()),
          answer: Type.Optional(Type.Integer({ description: "Only for the course's own coordinators." })),
        }),
      ),
    ),
    passMark: Nullable(Type.Integer()),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  },
  { $id: 'Course' },
)

export const CourseSummary = Type.Object({
  id: Uuid,
  orgId: Uuid,
  orgName: Type.String(),
  title: Type.String(),
  description: Type.String(),
  mode: Type.String(),
  minutes: Type.Integer(),
  validityMonths: Nullable(Type.Integer()),
  published: Type.Boolean(),
  hasQuiz: Type.Boolean(),
})

const enrolmentFields = {
  id: Uuid,
  courseId: Uuid,
  userId: Uuid,
  status: StringEnum(['enrolled', 'completed', 'failed']),
  score: Nullable(Type.Integer()),
  completedAt: Nullable(IsoDate),
  expiresAt: Nullable(IsoDate),
  valid: Type.Boolean({ description: 'Completed and not expired now.' }),
  markedBy: Nullable(Uuid),
  createdAt: IsoDate,
}
export const Enrolment = Type.Object(enrolmentFields, { $id: 'Enrolment' })

/** An enrolment as the course's coordinators see it: with the volunteer's registered name. */
export const CourseEnrolment = Type.Object({
  ...enrolmentFields,
  volunteerName: Type.String(),
  volunteerNumber: Type.String(),
})

export const MyEnrolment = Type.Object({
  ...enrolmentFields,
  courseTitle: Type.String(),
  courseMode: Type.String(),
  courseMinutes: Type.Integer(),
  orgName: Type.String(),
})

export const QuizResult = Type.Object({
  passed: Type.Boolean(),
  score: Nullable(Type.Integer({ description: 'Percent correct; null for a course without a quiz.' })),
  passMark: Nullable(Type.Integer()),
  enrolment: Enrolment,
})

export const CourseParams = Type.Object({ id: Uuid })
export const CourseListQuery = Type.Object(
  { orgId: Type.Optional(Uuid), ...PageQuery },
  { additionalProperties: false },
)
export const CompleteBody = Type.Object(
  { answers: Type.Optional(Type.Array(Type.Integer({ minimum: 0, maximum: 7 }), { maxItems: 100 })) },
  { additionalProperties: false },
)
export const AttendanceBody = Type.Object(
  { userIds: Type.Array(Uuid, { minItems: 1, maxItems: 200, uniqueItems: true }) },
  { additionalProperties: false },
)
