import {
  organizationsRepo,
  type ResourceStatus,
  type ResourceWithLocations,
  resourcesRepo,
} from '@liandong/db'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { NotFoundError } from '../../errors.ts'
import type { ImportFormat } from './exchange.types.ts'
import { organizationToHsds, toDatapackage } from './hsds-export.ts'
import { resourceToRow } from './rows.ts'
import { writeCsv, writeXlsx } from './tabular.ts'

const PAGE = 500

export const CONTENT_TYPES: Record<ImportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'hsds-json': 'application/json; charset=utf-8',
  'hsds-datapackage': 'application/zip',
}
export const EXTENSIONS: Record<ImportFormat, string> = {
  csv: 'csv',
  xlsx: 'xlsx',
  'hsds-json': 'json',
  'hsds-datapackage': 'zip',
}

export function exportService({ database }: Infrastructure) {
  const db = database.db

  /** Every resource of the organization (of one status if asked), with locations, oldest first. */
  async function load(orgId: string, status?: ResourceStatus): Promise<ResourceWithLocations[]> {
    const repo = resourcesRepo(db)
    const all: ResourceWithLocations[] = []
    for (let offset = 0; ; offset += PAGE) {
      const page = await repo.list({ orgId, ...(status ? { status } : {}), limit: PAGE, offset })
      all.push(...(await repo.findManyWithLocations(page.items.map((r) => r.id))))
      if (page.items.length < PAGE) break
    }
    return all.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
  }

  return {
    async export(principal: Principal, orgId: string, format: ImportFormat, status?: ResourceStatus) {
      if (!principal.canInOrg('resource.manage', orgId)) throw new NotFoundError()
      const org = await organizationsRepo(db).findById(orgId)
      if (!org) throw new NotFoundError()
      const resources = await load(orgId, status)
      let body: Buffer
      switch (format) {
        case 'csv':
          body = writeCsv(resources.map(resourceToRow))
          break
        case 'xlsx':
          body = await writeXlsx(resources.map(resourceToRow))
          break
        case 'hsds-json':
          body = Buffer.from(JSON.stringify(organizationToHsds(org, resources), null, 2))
          break
        case 'hsds-datapackage':
          body = await toDatapackage(organizationToHsds(org, resources), org.name)
          break
      }
      return { body, count: resources.length, orgName: org.name }
    },

    async template(format: 'csv' | 'xlsx') {
      return format === 'csv' ? writeCsv([]) : writeXlsx([])
    },
  }
}
