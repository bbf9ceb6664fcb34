import {
  enqueueOutbox,
  type NewResource,
  organizationsRepo,
  type ResourceImport,
  resourceImportsRepo,
  resourcesRepo,
  schema,
} from '@liandong/db'
import { inArray } from 'drizzle-orm'
import type { Static } from 'typebox'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts'
import { type Locale, t } from '../../i18n/index.ts'
import type { RealtimeHub } from '../../realtime/index.ts'
import { RESOURCES_INDEX, type ResourceInput, toLocations } from '../resources/resource.service.ts'
import type { ImportRequest } from './exchange.schemas.ts'
import type { Candidate, ImportProblem } from './exchange.types.ts'
import { readSource } from './read-source.ts'
import { UnreadableFileError } from './tabular.ts'
import { validateCandidate } from './validate.ts'

/** Problems kept on an import; a file with more is reported by its first thousand. */
const MAX_STORED_PROBLEMS = 1000
/** Progress is written and published every this many rows (and at each phase's end). */
const PROGRESS_EVERY = 50
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// What a row that leaves a field out stands for: an import row describes the whole resource, so
// updating one replaces every field the platform holds.
const DEFAULTS: Partial<NewResource> = {
  alternateName: null,
  description: '',
  keywords: [],
  url: null,
  source: 'society',
  visibility: 'public',
  recipientCategories: [],
  ageMin: null,
  ageMax: null,
  districtCodes: [],
  requiredDocuments: [],
  eligibilityNote: null,
  capacityUnit: '人',
  scheduleRrule: null,
  scheduleNote: null,
  costFen: null,
  costNote: null,
  languages: ['zh'],
  contactName: null,
  contactPhone: null,
  contactEmail: null,
}

export function presentImport(row: ResourceImport, locale: Locale) {
  const problems = row.errors as ImportProblem[]
  return {
    ...row,
    format: row.format as Static<typeof ImportRequest>['format'],
    errors: problems.map((p) => ({
      row: p.row,
      field: p.field,
      column: p.column ?? p.field,
      code: p.code,
      message: t(locale, p.code, { column: p.column ?? p.field, ...(p.params ?? {}) }),
    })),
  }
}

export function importService(
  { database, clock }: Infrastructure,
  realtime: RealtimeHub,
  log: { error: (details: object, message: string) => void },
) {
  const db = database.db
  const repo = resourceImportsRepo(db)
  const running = new Set<Promise<void>>()

  const progress = (run: ResourceImport, data: Record<string, unknown>) =>
    realtime.publish(`org:${run.orgId}`, 'resource_import.progress', {
      id: run.id,
      total: run.total,
      ...data,
    })

  /** Validates every row, then writes the valid ones in one transaction — or nothing at all. */
  async function execute(run: ResourceImport, candidates: Candidate[]) {
    const ids = candidates.map((c) => c.id).filter((id): id is string => !!id && UUID.test(id))
    const existing = ids.length
      ? await db
          .select({ id: schema.resources.id, orgId: schema.resources.orgId })
          .from(schema.resources)
          .where(inArray(schema.resources.id, [...new Set(ids)]))
      : []
    // A row whose id is one of ours updates that resource; an id nobody uses is kept, so the file
    // can be imported again as an update; an id of another organization's resource is ignored.
    const owned = new Set(existing.filter((r) => r.orgId === run.orgId).map((r) => r.id))
    const taken = new Set(existing.filter((r) => r.orgId !== run.orgId).map((r) => r.id))
    const problems: ImportProblem[] = []
    const valid: Candidate[] = []
    const seen = new Map<string, number>()
    for (const [i, candidate] of candidates.entries()) {
      const found = validateCandidate(candidate)
      if (candidate.id && !taken.has(candidate.id)) {
        const first = seen.get(candidate.id)
        if (first !== undefined)
          found.push({
            row: candidate.row,
            field: 'id',
            column: candidate.columnOf('id'),
            code: 'import.duplicate_id',
            params: { row: first },
          })
        else seen.set(candidate.id, candidate.row)
      }
      if (found.length) problems.push(...found)
      else valid.push(candidate)
      const processed = i + 1
      if (processed % PROGRESS_EVERY === 0 || processed === candidates.length) {
        await repo.update(run.id, { processed })
        await progress(run, {
          status: 'running',
          phase: 'validating',
          processed,
          imported: 0,
          errors: problems.length,
        })
      }
    }
    const stored = problems.slice(0, MAX_STORED_PROBLEMS)
    if ((problems.length && !run.skipInvalid) || valid.length === 0) {
      const done = await repo.update(run.id, {
        status: 'failed',
        errors: stored,
        imported: 0,
        finishedAt: clock.now(),
      })
      await progress(run, {
        status: 'failed',
        phase: 'done',
        processed: run.total,
        imported: 0,
        errors: problems.length,
      })
      return done
    }

    const now = clock.now()
    await db.transaction(async (tx) => {
      const resources = resourcesRepo(tx)
      for (const [i, candidate] of valid.entries()) {
        const { locations, ...fields } = candidate.input as ResourceInput
        const capacityTotal = fields.capacityTotal ?? 0
        const values: Partial<NewResource> = {
          ...DEFAULTS,
          ...fields,
          capacityTotal,
          capacityAvailable: fields.capacityAvailable ?? capacityTotal,
          // Whoever imports a row vouches for it as of now.
          lastVerifiedAt: now,
          staleRemindedAt: null,
          ...(candidate.status ? { status: candidate.status } : {}),
        }
        let id = candidate.id
        if (id && owned.has(id)) {
          await resources.update(id, values, toLocations(locations) ?? [])
        } else {
          const keepId = id && UUID.test(id) && !taken.has(id) ? { id } : {}
          const created = await resources.create(
            { ...values, ...keepId, orgId: run.orgId, createdBy: run.createdBy } as NewResource,
            toLocations(locations) ?? [],
          )
          id = created.id
        }
        await enqueueOutbox(tx, RESOURCES_INDEX, 'upsert', id)
        // Not awaited: inside the transaction the event is a hint that may arrive late (PGlite
        // runs it after the commit), and the final event below always follows.
        if ((i + 1) % PROGRESS_EVERY === 0)
          void progress(run, {
            status: 'running',
            phase: 'writing',
            processed: run.total,
            imported: i + 1,
            errors: problems.length,
          }).catch(() => {})
      }
    })
    const done = await repo.update(run.id, {
      status: 'succeeded',
      errors: stored,
      imported: valid.length,
      processed: run.total,
      finishedAt: clock.now(),
    })
    await progress(run, {
      status: 'succeeded',
      phase: 'done',
      processed: run.total,
      imported: valid.length,
      errors: problems.length,
    })
    // Management lists listen for resource events on the organization's topic.
    await realtime.publish(`org:${run.orgId}`, 'resource.imported', { importId: run.id, count: valid.length })
    return done
  }

  async function background(run: ResourceImport, candidates: Candidate[]) {
    try {
      await execute(run, candidates)
    } catch (error) {
      log.error({ err: error, importId: run.id }, 'resource import failed')
      const problem: ImportProblem = {
        row: 0,
        field: 'file',
        column: run.fileName ?? '',
        code: 'import.write_failed',
      }
      await repo
        .update(run.id, { status: 'failed', errors: [problem], imported: 0, finishedAt: clock.now() })
        .catch(() => {})
      await progress(run, {
        status: 'failed',
        phase: 'done',
        processed: run.total,
        imported: 0,
        errors: 1,
      }).catch(() => {})
    }
  }

  return {
    /** Reads the file now (an unreadable file is a 422); validates and writes in the background. */
    async start(principal: Principal, orgId: string, body: Static<typeof ImportRequest>) {
      if (!principal.canInOrg('resource.manage', orgId)) throw new NotFoundError()
      const org = await organizationsRepo(db).findById(orgId)
      if (org?.status !== 'approved') throw new ConflictError('org_not_approved')
      const data = Buffer.from(body.content, 'base64')
      let read: Awaited<ReturnType<typeof readSource>>
      try {
        read = await readSource(body.format, data, org.districtCode)
      } catch (error) {
        if (error instanceof UnreadableFileError)
          throw new ValidationError([
            { field: 'body.content', code: 'import.unreadable', params: { format: body.format } },
          ])
        throw error
      }
      if (read.fileProblems.length)
        throw new ValidationError(
          read.fileProblems.map((p) => ({
            field: 'body.content',
            code: p.code,
            params: { column: p.column },
          })),
        )
      if (read.candidates.length === 0)
        throw new ValidationError([{ field: 'body.content', code: 'import.empty' }])
      const run = await repo.create({
        orgId,
        format: body.format,
        fileName: body.fileName ?? null,
        skipInvalid: body.skipInvalid ?? false,
        total: read.candidates.length,
        createdBy: principal.userId,
      })
      const job = background(run, read.candidates).finally(() => running.delete(job))
      running.add(job)
      return run
    },

    async get(principal: Principal, id: string) {
      const run = await repo.findById(id)
      if (!run || !principal.canInOrg('resource.manage', run.orgId)) throw new NotFoundError()
      return run
    },

    async list(principal: Principal, orgId: string, query: { limit?: number; offset?: number }) {
      if (!principal.canInOrg('resource.manage', orgId)) throw new NotFoundError()
      const limit = query.limit ?? 20
      const offset = query.offset ?? 0
      return { ...(await repo.listForOrg(orgId, limit, offset)), limit, offset }
    },

    /** Waits for imports still running (the server is closing, or a test wants the result). */
    async settle() {
      await Promise.allSettled([...running])
    },
  }
}
