import {
  type CourseWithModules,
  type Enrolment,
  organizationsRepo,
  trainingRepo,
  volunteersRepo,
} from '@liandong/db'
import type { Static } from 'typebox'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { ConflictError, type FieldProblem, NotFoundError, ValidationError } from '../../errors.ts'
import type { CourseInput, CoursePatch } from './training.schemas.ts'

type Input = Static<typeof CourseInput>
type Patch = Static<typeof CoursePatch>

/** `at` plus whole calendar months (UTC), clamped to the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(at: Date, months: number): Date {
  const d = new Date(at)
  const day = d.getUTCDate()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() + months)
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  d.setUTCDate(Math.min(day, last))
  return d
}

/** Percent of answers matching, rounded down (so 2 of 3 is 66, below a pass mark of 67). */
export function scoreQuiz(answers: readonly number[], key: readonly number[]): number {
  if (key.length === 0) return 100
  const right = key.filter((a, i) => answers[i] === a).length
  return Math.floor((right * 100) / key.length)
}

function checkCourse(values: { quiz?: unknown[] | null; passMark?: number | null; mode?: string }) {
  const problems: FieldProblem[] = []
  const quiz = (values.quiz ?? []) as { options: string[]; answer: number }[]
  for (const [i, q] of quiz.entries())
    if (q.answer >= q.options.length)
      problems.push({
        field: `body.quiz.${i}.answer`,
        code: 'field.too_large',
        params: { limit: q.options.length - 1 },
      })
  if (quiz.length && values.passMark == null)
    problems.push({ field: 'body.passMark', code: 'field.pass_mark_required' })
  if (problems.length) throw new ValidationError(problems)
}

export function trainingService({ database, clock }: Infrastructure) {
  const db = database.db
  const repo = trainingRepo(db)

  const canManage = (principal: Principal, orgId: string) => principal.canInOrg('training.manage', orgId)
  const isMember = (principal: Principal, orgId: string) =>
    principal.activeMemberships.some((m) => m.orgId === orgId)
  const canSee = (principal: Principal, c: { orgId: string; published: boolean }) =>
    c.published || isMember(principal, c.orgId) || principal.scope('training.read') === 'all'

  const isValid = (e: Enrolment) =>
    e.status === 'completed' && (!e.expiresAt || e.expiresAt.getTime() > clock.now().getTime())
  const presentEnrolment = (e: Enrolment) => ({
    id: e.id,
    courseId: e.courseId,
    userId: e.userId,
    status: e.status,
    score: e.score,
    completedAt: e.completedAt,
    expiresAt: e.expiresAt,
    valid: isValid(e),
    markedBy: e.markedBy,
    createdAt: e.createdAt,
  })

  /** Quiz answers only for the course's own coordinators. */
  const presentCourse = (principal: Principal, c: CourseWithModules) => {
    const withAnswers = canManage(principal, c.orgId)
    return {
      id: c.id,
      orgId: c.orgId,
      orgName: c.orgName,
      title: c.title,
      description: c.description,
      mode: c.mode,
      minutes: c.minutes,
      validityMonths: c.validityMonths,
      published: c.published,
      modules: c.modules.map(({ id, position, title, content, minutes }) => ({
        id,
        position,
        title,
        content,
        minutes,
      })),
      quiz: c.quiz
        ? c.quiz.map((q) => ({
            question: q.question,
            options: q.options,
            ...(withAnswers ? { answer: q.answer } : {}),
          }))
        : null,
      passMark: c.passMark,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    }
  }

  async function loadVisible(principal: Principal, id: string) {
    const course = await repo.findCourse(id)
    if (!course || !canSee(principal, course)) throw new NotFoundError()
    return course
  }
  async function loadForManage(principal: Principal, id: string) {
    const course = await loadVisible(principal, id)
    if (!canManage(principal, course.orgId)) throw new NotFoundError()
    return course
  }

  /** Records a completion from now: expiry from the course's validity, reminder cleared. */
  const completion = (
    course: { validityMonths: number | null },
    score: number | null,
    markedBy: string | null,
  ) => {
    const now = clock.now()
    return {
      status: 'completed' as const,
      score,
      completedAt: now,
      expiresAt: course.validityMonths ? addMonths(now, course.validityMonths) : null,
      markedBy,
      reminderSentAt: null,
    }
  }

  return {
    async create(principal: Principal, orgId: string, input: Input) {
      if (!canManage(principal, orgId)) throw new NotFoundError()
      const org = await organizationsRepo(db).findById(orgId)
      if (org?.status !== 'approved') throw new ConflictError('org_not_approved')
      checkCourse(input)
      const { modules, ...fields } = input
      const created = await db.transaction((tx) =>
        trainingRepo(tx).createCourse(
          {
            ...fields,
            description: fields.description ?? '',
            validityMonths: fields.validityMonths ?? null,
            quiz: fields.quiz ?? null,
            passMark: fields.quiz?.length ? (fields.passMark ?? null) : null,
            orgId,
            createdBy: principal.userId,
          },
          (modules ?? []).map((m) => ({ ...m, content: m.content ?? '' })),
        ),
      )
      return presentCourse(principal, (await repo.findCourse(created.id))!)
    },

    async update(principal: Principal, id: string, patch: Patch) {
      const current = await loadForManage(principal, id)
      const merged = { quiz: current.quiz, passMark: current.passMark, ...patch }
      checkCourse(merged)
      const { modules, ...fields } = patch
      await db.transaction((tx) =>
        trainingRepo(tx).updateCourse(
          id,
          { ...fields, ...(merged.quiz?.length ? {} : { passMark: null }) },
          modules?.map((m) => ({ ...m, content: m.content ?? '' })),
        ),
      )
      return presentCourse(principal, (await repo.findCourse(id))!)
    },

    async get(principal: Principal, id: string) {
      return presentCourse(principal, await loadVisible(principal, id))
    },

    async list(principal: Principal, query: { orgId?: string; limit?: number; offset?: number }) {
      const limit = query.limit ?? 20
      const offset = query.offset ?? 0
      const page = await repo.listCourses({
        orgIds: principal.activeMemberships.map((m) => m.orgId),
        ...(query.orgId ? { orgId: query.orgId } : {}),
        limit,
        offset,
      })
      return {
        items: page.items.map((c) => ({
          id: c.id,
          orgId: c.orgId,
          orgName: c.orgName,
          title: c.title,
          description: c.description,
          mode: c.mode,
          minutes: c.minutes,
          validityMonths: c.validityMonths,
          published: c.published,
          hasQuiz: Boolean(c.quiz?.length),
        })),
        total: page.total,
        limit,
        offset,
      }
    },

    async enrol(principal: Principal, courseId: string) {
      const course = await loadVisible(principal, courseId)
      if (!course.published) throw new ConflictError('training.not_published')
      if (!(await volunteersRepo(db).findByUser(principal.userId)))
        throw new ConflictError('eligibility.profile')
      return presentEnrolment(await repo.enrol(courseId, principal.userId))
    },

    /** Online courses: submit quiz answers (or nothing, for a course without a quiz). */
    async complete(principal: Principal, courseId: string, answers: number[] | undefined) {
      const course = await loadVisible(principal, courseId)
      const enrolment = await repo.findEnrolment(courseId, principal.userId)
      if (!enrolment) throw new ConflictError('training.not_enrolled')
      if (course.mode === 'onsite') throw new ConflictError('training.marked_by_coordinator')
      const key = course.quiz?.map((q) => q.answer) ?? []
      if (key.length === 0) {
        if (answers?.length) throw new ValidationError([{ field: 'body.answers', code: 'training.no_quiz' }])
        const done = await repo.updateEnrolment(enrolment.id, completion(course, null, null))
        return { passed: true, score: null, passMark: null, enrolment: presentEnrolment(done!) }
      }
      if (!answers) throw new ValidationError([{ field: 'body.answers', code: 'training.quiz_required' }])
      if (answers.length !== key.length)
        throw new ValidationError([
          { field: 'body.answers', code: 'field.answer_count', params: { count: key.length } },
        ])
      const score = scoreQuiz(answers, key)
      const passMark = course.passMark ?? 100
      const passed = score >= passMark
      // A failed retake leaves a still-valid earlier completion in place.
      const values = passed
        ? completion(course, score, null)
        : isValid(enrolment)
          ? { score }
          : { status: 'failed' as const, score }
      const saved = await repo.updateEnrolment(enrolment.id, values)
      return { passed, score, passMark, enrolment: presentEnrolment(saved!) }
    },

    async myEnrolments(principal: Principal) {
      const rows = await repo.enrolmentsOfUser(principal.userId)
      return rows.map(({ enrolment, course, orgName }) => ({
        ...presentEnrolment(enrolment),
        courseTitle: course.title,
        courseMode: course.mode,
        courseMinutes: course.minutes,
        orgName,
      }))
    },

    async enrolmentsOfCourse(principal: Principal, courseId: string, limit = 20, offset = 0) {
      await loadForManage(principal, courseId)
      const page = await repo.enrolmentsOfCourse(courseId, limit, offset)
      // Coordinators mark on-site attendance by name: the volunteer's registered name and number.
      const profiles = await volunteersRepo(db).findManyByUser(page.items.map((e) => e.userId))
      const byUser = new Map(profiles.map((p) => [p.userId, p]))
      const items = page.items.map((e) => ({
        ...presentEnrolment(e),
        volunteerName: byUser.get(e.userId)?.realName ?? '',
        volunteerNumber: byUser.get(e.userId)?.volunteerNumber ?? '',
      }))
      return { items, total: page.total, limit, offset }
    },

    /**
     * A coordinator records on-site attendance: each listed volunteer (registered) is enrolled if
     * needed and completed, in one transaction — all or nothing.
     */
    async markAttendance(principal: Principal, courseId: string, userIds: string[]) {
      const course = await loadForManage(principal, courseId)
      const profiles = await volunteersRepo(db).findManyByUser(userIds)
      const known = new Set(profiles.map((p) => p.userId))
      const unknown = userIds.flatMap((id, i) =>
        known.has(id) ? [] : [{ field: `body.userIds.${i}`, code: 'eligibility.profile' as const }],
      )
      if (unknown.length) throw new ValidationError(unknown)
      const saved = await db.transaction(async (tx) => {
        const out: Enrolment[] = []
        for (const userId of userIds) {
          const e = await trainingRepo(tx).enrol(courseId, userId)
          out.push(
            (await trainingRepo(tx).updateEnrolment(e.id, completion(course, null, principal.userId)))!,
          )
        }
        return out
      })
      return { course, items: saved.map(presentEnrolment) }
    },
  }
}
