import {
  enqueueOutbox,
  type NewResource,
  type NewResourceLocation,
  organizationsRepo,
  type ResourceStatus,
  type ResourceWithLocations,
  resourcesRepo,
} from '@liandong/db'
import type { Static } from 'typebox'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import {
  ConflictError,
  type FieldProblem,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../errors.ts'
import type { clearableFields, ResourceInputSchema, ResourcePatchSchema } from './resource.schemas.ts'

export type ResourceInput = Static<typeof ResourceInputSchema>
type ResourcePatch = Static<typeof ResourcePatchSchema>

export const RESOURCES_INDEX = 'resources'

/** Checks that hold across fields, which a JSON schema cannot say (the importer reuses them per row). */
export function coherenceProblems(values: Partial<NewResource>, prefix = 'body.'): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (values.ageMin != null && values.ageMax != null && values.ageMin > values.ageMax) {
    problems.push({ field: `${prefix}ageMax`, code: 'field.too_small', params: { limit: values.ageMin } })
  }
  if (
    values.capacityAvailable != null &&
    values.capacityTotal != null &&
    values.capacityAvailable > values.capacityTotal
  ) {
    problems.push({
      field: `${prefix}capacityAvailable`,
      code: 'field.too_large',
      params: { limit: values.capacityTotal },
    })
  }
  return problems
}

function checkCoherence(values: Partial<NewResource>) {
  const problems = coherenceProblems(values)
  if (problems.length) throw new ValidationError(problems)
}

// A cleared list is empty and a cleared description blank (those columns are NOT NULL); every
// other clearable field becomes null.
const clearedValue: Partial<Record<(typeof clearableFields)[number], unknown>> = {
  description: '',
  keywords: [],
  recipientCategories: [],
  districtCodes: [],
  requiredDocuments: [],
}

/** A PATCH body as column values: null clears a field, absent leaves it alone. */
export function patchToValues(fields: Omit<ResourcePatch, 'locations'>): Partial<NewResource> {
  const values: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    values[key] = value === null ? (clearedValue[key as keyof typeof clearedValue] ?? null) : value
  }
  return values as Partial<NewResource>
}

export function toLocations(input: ResourceInput['locations'] | null): NewResourceLocation[] | undefined {
  if (input === null) return []
  return input?.map((l) => ({
    name: l.name ?? null,
    address: l.address,
    districtCode: l.districtCode,
    latitude: l.latitude ?? null,
    longitude: l.longitude ?? null,
  }))
}

/** Active and not verified within the staleness period (RESOURCE_STALE_DAYS). */
export function isStale(
  r: { status: string; lastVerifiedAt: Date | string | number | null },
  now: Date,
  staleAfterMs: number,
): boolean {
  if (r.status !== 'active' && r.status !== 'published') return false
  if (r.lastVerifiedAt === null) return true
  return now.getTime() - new Date(r.lastVerifiedAt).getTime() > staleAfterMs
}

export function resourceService({ database, clock, config }: Infrastructure) {
  const db = database.db
  const repo = resourcesRepo(db)
  const staleAfterMs = config.RESOURCE_STALE_DAYS * 86_400_000

  const present = (r: ResourceWithLocations) => ({
    ...r,
    stale: isStale(r, clock.now(), staleAfterMs),
  })

  const isMember = (principal: Principal, orgId: string) =>
    principal.activeMemberships.some((m) => m.orgId === orgId)

  /** Loads a resource the caller may manage: 404 if they may not know it, 403 if they may only read it. */
  async function loadForManage(principal: Principal, id: string) {
    const resource = await repo.findById(id)
    if (!resource) throw new NotFoundError()
    if (!principal.canInOrg('resource.manage', resource.orgId)) {
      if (isVisible(principal, resource)) throw new ForbiddenError()
      throw new NotFoundError()
    }
    return resource
  }

  function isVisible(principal: Principal, r: { orgId: string; status: string; visibility: string }) {
    // Published, public resources are the directory; everything else stays inside its organization.
    return (
      (r.status === 'active' && r.visibility === 'public') ||
      isMember(principal, r.orgId) ||
      principal.scope('resource.read') === 'all'
    )
  }

  async function load(id: string) {
    const [row] = await repo.findManyWithLocations([id])
    if (!row) throw new NotFoundError()
    return present(row)
  }

  return {
    async create(principal: Principal, orgId: string, input: ResourceInput) {
      if (!principal.canInOrg('resource.manage', orgId)) throw new NotFoundError()
      const org = await organizationsRepo(db).findById(orgId)
      if (org?.status !== 'approved') throw new ConflictError('org_not_approved')
      const { locations, ...fields } = input
      const capacityTotal = fields.capacityTotal ?? 0
      const values: NewResource = {
        ...fields,
        orgId,
        capacityTotal,
        capacityAvailable: fields.capacityAvailable ?? capacityTotal,
        lastVerifiedAt: clock.now(),
        createdBy: principal.userId,
      }
      checkCoherence(values)
      const created = await db.transaction(async (tx) => {
        const row = await resourcesRepo(tx).create(values, toLocations(locations) ?? [])
        await enqueueOutbox(tx, RESOURCES_INDEX, 'upsert', row.id)
        return row
      })
      return load(created.id)
    },

    async update(principal: Principal, id: string, patch: ResourcePatch) {
      const current = await loadForManage(principal, id)
      const { locations, ...fields } = patch
      const values = patchToValues(fields)
      checkCoherence({ ...current, ...values })
      await db.transaction(async (tx) => {
        await resourcesRepo(tx).update(id, { ...values, lastVerifiedAt: clock.now() }, toLocations(locations))
        await enqueueOutbox(tx, RESOURCES_INDEX, 'upsert', id)
      })
      return load(id)
    },

    async setStatus(principal: Principal, id: string, status: ResourceStatus) {
      await loadForManage(principal, id)
      await db.transaction(async (tx) => {
        await resourcesRepo(tx).update(id, { status })
        await enqueueOutbox(tx, RESOURCES_INDEX, 'upsert', id)
      })
      return load(id)
    },

    /** "Still accurate": resets the stale clock without other changes. */
    async verify(principal: Principal, id: string) {
      await loadForManage(principal, id)
      // Search hits carry lastVerifiedAt (and the stale flag from it), so the document follows.
      await db.transaction(async (tx) => {
        await resourcesRepo(tx).update(id, { lastVerifiedAt: clock.now(), staleRemindedAt: null })
        await enqueueOutbox(tx, RESOURCES_INDEX, 'upsert', id)
      })
      return load(id)
    },

    async get(principal: Principal, id: string) {
      const resource = await load(id).catch(() => null)
      if (!resource || !isVisible(principal, resource)) throw new NotFoundError()
      return resource
    },

    async listForOrg(
      principal: Principal,
      orgId: string,
      query: { status?: ResourceStatus; stale?: boolean; limit?: number; offset?: number },
    ) {
      if (!isMember(principal, orgId) && principal.scope('resource.read') !== 'all') throw new NotFoundError()
      const limit = query.limit ?? 20
      const offset = query.offset ?? 0
      const page = await repo.list({
        orgId,
        ...(query.status ? { status: query.status } : {}),
        ...(query.stale !== undefined
          ? { stale: { before: new Date(clock.now().getTime() - staleAfterMs), only: query.stale } }
          : {}),
        limit,
        offset,
      })
      const full = await repo.findManyWithLocations(page.items.map((r) => r.id))
      const byId = new Map(full.map((r) => [r.id, present(r)]))
      return { items: page.items.map((r) => byId.get(r.id)!), total: page.total, limit, offset }
    },
  }
}
