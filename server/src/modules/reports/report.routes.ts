import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errors } from '../../http/schemas.ts'
import { hoursCsv, hoursXlsx } from './hours-export.ts'
import {
  DirectoryPage,
  DirectoryQuery,
  FileResponse,
  HoursExportQuery,
  HoursQuery,
  HoursReport,
  OrgParams,
} from './report.schemas.ts'
import { reportService } from './report.service.ts'

const tags = ['reports']
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = reportService(app)

  app.get(
    '/api/organizations/:id/volunteer-directory',
    {
      config: { action: 'volunteer.read' },
      schema: {
        summary: 'Volunteers who serve, train or signed up with the organization, with filters',
        description:
          'Filters: skills (all of them), district (a county, or a prefecture for all its counties), minimum star level, a valid training, approved service with the organization since a day, name or number.',
        tags,
        params: OrgParams,
        querystring: DirectoryQuery,
        response: { 200: DirectoryPage, ...errors },
      },
    },
    async (request) => {
      const page = await service.directory(request.principal!, request.params.id, request.query)
      // Staff reading a list of volunteers' personal data: on the audit trail.
      request.auditRead({
        targetType: 'volunteer_directory',
        orgId: request.params.id,
        details: { total: page.total },
      })
      return page
    },
  )

  app.get(
    '/api/organizations/:id/reports/hours',
    {
      config: { action: 'volunteer.report' },
      schema: {
        summary: 'Approved hours of the organization by person and by opportunity in a date range',
        tags,
        params: OrgParams,
        querystring: HoursQuery,
        response: { 200: HoursReport, ...errors },
      },
    },
    async (request) => (await service.hours(request.principal!, request.params.id, request.query)).summary,
  )

  app.get(
    '/api/organizations/:id/reports/hours/export',
    {
      config: { action: 'volunteer.report' },
      schema: {
        summary: 'The hours report as an XLSX workbook (three sheets) or one table as CSV',
        tags,
        params: OrgParams,
        querystring: HoursExportQuery,
        response: { 200: FileResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { format, view, ...query } = request.query
      const { summary, records } = await service.hours(request.principal!, request.params.id, query)
      request.auditRead({
        targetType: 'hours_report',
        orgId: request.params.id,
        details: { format, from: query.from, to: query.to, records: records.length },
      })
      const name = `hours-${query.from}-${query.to}`
      if (format === 'xlsx')
        return reply
          .type(XLSX)
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send(await hoursXlsx(summary, records, request.locale))
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}-${view ?? 'person'}.csv"`)
        .send(await hoursCsv(summary, records, view ?? 'person', request.locale))
    },
  )
}

export default reportRoutes
