import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { resourceImportsRepo } from '@liandong/db'
import { errors, Page } from '../../http/schemas.ts'
import { OrgParams } from '../organizations/organization.schemas.ts'
import {
  ExportQuery,
  FileResponse,
  ImportListQuery,
  ImportParams,
  ImportRequest,
  MAX_IMPORT_BYTES,
  ResourceImport,
  TemplateParams,
} from './exchange.schemas.ts'
import { CONTENT_TYPES, EXTENSIONS, exportService } from './export.service.ts'
import { importService, presentImport } from './import.service.ts'

const tags = ['resources']
export const INTERRUPTED_IMPORTS_JOB = 'resources.imports.interrupted'
const INTERRUPTED_AFTER_MS = 30 * 60_000

/** An ASCII name for old clients and the UTF-8 one (RFC 6266) for the rest. */
const disposition = (ascii: string, utf8: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(utf8)}`

const exchangeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const imports = importService(app.infra, app.realtime, app.log)
  const exports = exportService(app.infra)
  // A closing server lets running imports finish (each is one transaction) before the pool goes.
  app.addHook('onClose', async () => imports.settle())
  // A process that dies mid-import leaves its run "running"; no import takes half an hour
  // (10 MB, one transaction), so older ones are marked failed for whoever is watching the list.
  app.jobs.register(INTERRUPTED_IMPORTS_JOB, async ({ log }) => {
    const now = app.infra.clock.now()
    const failed = await resourceImportsRepo(app.infra.database.db).failInterrupted(
      new Date(now.getTime() - INTERRUPTED_AFTER_MS),
      now,
    )
    if (failed.length > 0) log.warn({ count: failed.length }, 'marked interrupted resource imports as failed')
  })
  app.jobs.every({ name: INTERRUPTED_IMPORTS_JOB, everyMs: 10 * 60_000 })

  app.get(
    '/api/resource-templates/:format',
    {
      config: { action: 'resource.manage' },
      schema: {
        summary: 'The empty import template: Chinese headers (CSV), plus an instructions sheet (XLSX)',
        tags,
        params: TemplateParams,
        response: { 200: FileResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { format } = request.params
      return reply
        .type(CONTENT_TYPES[format])
        .header('content-disposition', disposition(`resource-template.${format}`, `资源导入模板.${format}`))
        .send(await exports.template(format))
    },
  )

  app.post(
    '/api/organizations/:id/resource-imports',
    {
      config: { action: 'resource.manage' },
      bodyLimit: Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 4096,
      schema: {
        summary:
          'Import resources from CSV, XLSX, HSDS JSON or an HSDS data package; follow progress on org:<id> (resource_import.progress)',
        tags,
        params: OrgParams,
        body: ImportRequest,
        response: { 202: ResourceImport, ...errors },
      },
    },
    async (request, reply) => {
      const run = await imports.start(request.principal!, request.params.id, request.body)
      request.auditTarget = {
        targetType: 'resource_import',
        targetId: run.id,
        orgId: run.orgId,
        details: { format: run.format, rows: run.total, skipInvalid: run.skipInvalid },
      }
      return reply.status(202).send(presentImport(run, request.locale))
    },
  )

  app.get(
    '/api/organizations/:id/resource-imports',
    {
      config: { action: 'resource.manage' },
      schema: {
        summary: "The organization's recent imports, newest first",
        tags,
        params: OrgParams,
        querystring: ImportListQuery,
        response: { 200: Page(ResourceImport), ...errors },
      },
    },
    async (request) => {
      const page = await imports.list(request.principal!, request.params.id, request.query)
      return { ...page, items: page.items.map((r) => presentImport(r, request.locale)) }
    },
  )

  app.get(
    '/api/resource-imports/:id',
    {
      config: { action: 'resource.manage' },
      schema: {
        summary: 'One import: progress, and its errors by row and field',
        tags,
        params: ImportParams,
        response: { 200: ResourceImport, ...errors },
      },
    },
    async (request) =>
      presentImport(await imports.get(request.principal!, request.params.id), request.locale),
  )

  app.get(
    '/api/organizations/:id/resources/export',
    {
      config: { action: 'resource.manage' },
      schema: {
        summary:
          "The organization's resources as CSV or XLSX (the template's columns), HSDS JSON or an HSDS data package",
        tags,
        params: OrgParams,
        querystring: ExportQuery,
        response: { 200: FileResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { format, status } = request.query
      const file = await exports.export(request.principal!, request.params.id, format, status)
      request.auditRead({
        targetType: 'resource_export',
        orgId: request.params.id,
        details: { format, resources: file.count },
      })
      const day = app.infra.clock.now().toISOString().slice(0, 10)
      const ext = EXTENSIONS[format]
      const suffix = format.startsWith('hsds') ? '-hsds' : ''
      return reply
        .type(CONTENT_TYPES[format])
        .header(
          'content-disposition',
          disposition(`resources${suffix}-${day}.${ext}`, `${file.orgName}-资源${suffix}-${day}.${ext}`),
        )
        .send(file.body)
    },
  )
}

export default exchangeRoutes
