import { Type } from 'typebox'
import { IsoDate, Nullable, PageQuery, StringEnum, Uuid } from '../../http/schemas.ts'
import { ResourceStatusSchema } from '../resources/resource.schemas.ts'
import { importFormats } from './exchange.types.ts'

export const ImportFormatSchema = StringEnum(importFormats)
export const TemplateFormat = StringEnum(['csv', 'xlsx'])

/** Largest file accepted, before base64 (which adds a third). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024

export const ImportRequest = Type.Object(
  {
    format: ImportFormatSchema,
    fileName: Type.Optional(Type.String({ maxLength: 200 })),
    skipInvalid: Type.Optional(
      Type.Boolean({
        description: 'Import the valid rows and report the others; otherwise any error imports nothing.',
      }),
    ),
    content: Type.String({
      minLength: 1,
      maxLength: Math.ceil(MAX_IMPORT_BYTES / 3) * 4,
      pattern: '^[A-Za-z0-9+/]*={0,2}$',
      description: 'The file, base64-encoded.',
    }),
  },
  { additionalProperties: false },
)

export const ImportError = Type.Object({
  row: Type.Integer({ description: 'Spreadsheet row (header = 1), or the number of the HSDS service.' }),
  field: Type.String({ description: 'The resource field, e.g. capacityTotal or locations.0.address.' }),
  column: Type.String({ description: 'What the file calls it: the column header or the HSDS property.' }),
  code: Type.String(),
  message: Type.String(),
})

export const ResourceImport = Type.Object(
  {
    id: Uuid,
    orgId: Uuid,
    format: ImportFormatSchema,
    fileName: Nullable(Type.String()),
    status: StringEnum(['running', 'succeeded', 'failed']),
    skipInvalid: Type.Boolean(),
    total: Type.Integer(),
    processed: Type.Integer(),
    imported: Type.Integer(),
    errors: Type.Array(ImportError, { description: 'At most the first 1,000 problems.' }),
    createdAt: IsoDate,
    finishedAt: Nullable(IsoDate),
  },
  { $id: 'ResourceImport' },
)

export const ImportParams = Type.Object({ id: Uuid })
export const TemplateParams = Type.Object({ format: TemplateFormat })
export const ImportListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })
export const ExportQuery = Type.Object(
  { format: ImportFormatSchema, status: Type.Optional(ResourceStatusSchema) },
  { additionalProperties: false },
)

export const FileResponse = {
  description: 'A file: CSV (UTF-8 with BOM), XLSX, HSDS JSON, or the HSDS data package (zip)',
  content: {
    'text/csv': { schema: { type: 'string' } },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: { type: 'string', format: 'binary' },
    },
    'application/json': { schema: { type: 'object', additionalProperties: true } },
    'application/zip': { schema: { type: 'string', format: 'binary' } },
  },
}
